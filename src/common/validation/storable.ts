import type { FieldError } from '../problem';

// What PostgreSQL cannot store: NUL in text or JSON, and a lone UTF-16 surrogate (jsonb refuses
// its \ud800 escape; text would silently turn it into U+FFFD).
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/**
 * The first field (key or value, at any depth) that PostgreSQL could not store, or nested deeper
 * than `maxDepth`; null when everything can be stored. Shared by request validation and the
 * legacy import, so both refuse the same input.
 */
export function unstorableField(value: unknown, maxDepth = Infinity, path = '', depth = 0): FieldError | null {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? { field: path || 'body', message: TEXT_MESSAGE } : null;
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  if (depth >= maxDepth) return { field: path || 'body', message: `must not be nested more than ${maxDepth} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE_TEXT.test(key)) return { field: childPath, message: TEXT_MESSAGE };
    const found = unstorableField(child, maxDepth, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}
