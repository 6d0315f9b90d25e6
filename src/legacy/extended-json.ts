/**
 * MongoDB Extended JSON (what `mongoexport` writes, relaxed or canonical) → plain values:
 * `$oid` → its hex string, `$date` → Date (invalid Dates are kept so the caller can name them),
 * `$numberDecimal` → its decimal string (never a float), `$numberInt`/`$numberDouble` → number,
 * `$numberLong` → number, or its digit string when it does not fit a double exactly.
 * Other `$` wrappers are left as they are; a field holding one is refused where it is read.
 */
export function parseExtendedJson(text: string): unknown {
  // A walk after JSON.parse: about twice as fast as a reviver, which runs for every value.
  return decode(JSON.parse(text));
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  for (const key of keys) {
    const decoded = decode(object[key]);
    // defineProperty, not assignment: a "__proto__" key must stay a plain property.
    if (decoded !== object[key]) Object.defineProperty(object, key, { value: decoded, enumerable: true, writable: true, configurable: true });
  }
  return keys.length === 1 && keys[0].startsWith('$') ? unwrap(keys[0], object[keys[0]], object) : object;
}

function unwrap(type: string, inner: unknown, wrapper: object): unknown {
  switch (type) {
    case '$oid':
    case '$numberDecimal':
      return typeof inner === 'string' ? inner : wrapper;
    case '$numberInt':
    case '$numberDouble':
      return typeof inner === 'string' ? Number(inner) : wrapper;
    case '$numberLong':
      return typeof inner === 'string' && /^-?\d+$/.test(inner) ? longValue(inner) : wrapper;
    case '$date':
      // Relaxed: an ISO string; canonical: {"$numberLong": ms}, already decoded to a number.
      return typeof inner === 'string' || typeof inner === 'number' ? new Date(inner) : wrapper;
    default:
      return wrapper;
  }
}

function longValue(digits: string): number | string {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : digits;
}
