import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../problem';
import { unstorableField } from './storable';

// Refused up front: deeper nesting would exhaust the stack while the body is converted.
const MAX_DEPTH = 32;

/** Flattens class-validator's tree into `{field: "shortlist.0.productId", message}` pairs. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/** Unknown fields are dropped (never stored), values are converted to the DTO's types. */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ProblemException(400, 'The request has invalid fields.', { errors: fieldErrors(errors) }),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (e.g. @Idempotent) are built from the same body: checked once, as the body.
    const unstorable = metadata.type === 'custom' ? null : unstorableField(value, MAX_DEPTH);
    if (unstorable) throw new ProblemException(400, 'The request has invalid fields.', { errors: [unstorable] });
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ProblemException(400, 'The request body must be a JSON object.');
    }
    return super.transform(value, metadata);
  }
}
