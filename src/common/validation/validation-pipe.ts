import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../problem';
import { unstorableField } from './storable';

// Refused up front: deeper nesting would exhaust the stack while the body is converted.
const MAX_DEPTH = 32;

/**
 * Flattens class-validator's tree into `{field: "shortlist.0.productId", message}` pairs. A
 * required field that is absent (or null) fails every rule on it; it gets one message that says
 * what to do, "<field> is required", instead of one per rule ("must be a string", "must be
 * longer than…").
 */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    const own = messages.length && e.value == null ? [`${e.property} is required`] : messages;
    return [...own.map((message) => ({ field, message })), ...fieldErrors(e.children ?? [], field)];
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
      // The value tells an absent field from a wrong one (fieldErrors); it is never sent back.
      validationError: { target: false, value: true },
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
