export const ORDER_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;

/** `" #gg-12001 "` → `"GG-12001"`: trimmed, upper-cased, one leading `#` dropped. */
export function normaliseOrderNumber(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return (upper.startsWith('#') ? upper.slice(1) : upper).trim();
}

/** The normalised order number, or null when it is not a valid one. */
export function parseOrderNumber(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = normaliseOrderNumber(raw);
  return ORDER_NUMBER_PATTERN.test(value) ? value : null;
}
