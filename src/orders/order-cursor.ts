import { ORDER_NUMBER_PATTERN } from '../common/normalize';
import { ProblemException } from '../common/problem';
import { isStorableInstant } from '../common/validation/instant';

/** A position in the list ordered by (placedAt DESC, orderNumber DESC): the last row of a page. */
export interface OrderCursor {
  placedAt: Date;
  orderNumber: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque to clients (base64url JSON) so the paging key can change without breaking them. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify({ p: cursor.placedAt.toISOString(), o: cursor.orderNumber })).toString('base64url');
}

export function decodeOrderCursor(raw: string): OrderCursor {
  const value = BASE64URL.test(raw) ? parseJson(Buffer.from(raw, 'base64url').toString('utf8')) : undefined;
  const { p, o } = (value ?? {}) as { p?: unknown; o?: unknown };
  if (typeof p === 'string' && UTC_MILLIS.test(p) && isExactInstant(p) && typeof o === 'string' && ORDER_NUMBER_PATTERN.test(o)) {
    return { placedAt: new Date(p), orderNumber: o };
  }
  throw new ProblemException(400, 'The cursor is not valid: pass the nextCursor of the previous page unchanged.', {
    errors: [{ field: 'cursor', message: 'cursor must be a nextCursor returned by this endpoint' }],
  });
}

/** A date the encoder could have written: in the storable range and not rolled over (no 30 February). */
function isExactInstant(text: string): boolean {
  const ms = Date.parse(text);
  return isStorableInstant(ms) && new Date(ms).toISOString() === text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
