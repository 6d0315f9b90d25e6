/** `" usd "` → `"USD"`: ISO 4217 codes are compared in upper case. */
export function normaliseCurrency(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * A JSON number as the decimal it was written as. JavaScript prints a number as the shortest
 * decimal that reads back as the same number, so `0.05` → `"0.05"` and `129.9` → `"129.9"`
 * exactly, with no float arithmetic. A number that was not written with a few decimals keeps its
 * long form (`0.1 + 0.2` → `"0.30000000000000004"`, `1e-7` → `"1e-7"`) and fails the field's
 * precision rule instead of being rounded.
 */
export function decimalOfJsonNumber(value: number): string {
  return String(value);
}
