import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../problem';

const MAX_DEPTH = 32;

/** Flattens class-validator's tree into `{field: "shortlist.0.productId", message}` pairs. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/**
 * What PostgreSQL cannot store (NUL in text or JSON) and what would exhaust the stack while
 * converting (absurd nesting) is refused up front, as a 400 naming the field.
 */
export function unstorableField(value: unknown, path = '', depth = 0): FieldError | null {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field: path || 'body', message: 'must not contain NUL characters' } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { field: path || 'body', message: `must not be nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return { field: childPath, message: 'must not contain NUL characters' };
    const found = unstorableField(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
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
    const unstorable = unstorableField(value);
    if (unstorable) throw new ProblemException(400, 'The request has invalid fields.', { errors: [unstorable] });
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ProblemException(400, 'The request body must be a JSON object.');
    }
    return super.transform(value, metadata);
  }
}
