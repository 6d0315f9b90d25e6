import { isISO8601 } from 'class-validator';
import { normaliseEmail, parseOrderNumber } from '../common/normalize';
import { MONEY_PATTERN } from '../common/validation/validators';

/** Why one legacy document cannot be imported; the import reports it with the document's _id. */
export class Rejection extends Error {}

/** A decoded legacy document: plain JSON values plus Dates (see extended-json.ts). */
export type LegacyDocument = Record<string, unknown>;

const show = (value: unknown) => (value instanceof Date ? 'an invalid date' : JSON.stringify(value));
const present = (value: unknown) => value !== undefined && value !== null;

/** The `_id` as text (an ObjectId's hex, a string or an integer), or null when it has none usable. */
export function legacyIdOf(doc: unknown): string | null {
  const id = (doc as LegacyDocument | null)?._id;
  if (typeof id === 'string' && id.trim()) return id.trim();
  return typeof id === 'number' && Number.isInteger(id) ? String(id) : null;
}

export function optionalText(doc: LegacyDocument, field: string): string | null {
  const value = doc[field];
  if (!present(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Rejection(`${field} must be text, not ${show(value)}`);
}

export function requiredText(doc: LegacyDocument, field: string): string {
  const value = optionalText(doc, field);
  if (value === null || !value.trim()) throw new Rejection(`missing required field ${field}`);
  return value;
}

/** A claimed or stated order number, normalised like the API's; a malformed one is refused. */
export function optionalOrderNumber(doc: LegacyDocument, field = 'orderNumber'): string | null {
  const raw = optionalText(doc, field);
  if (raw === null || !raw.trim()) return null;
  const orderNumber = parseOrderNumber(raw);
  if (!orderNumber) throw new Rejection(`bad order number ${show(raw)}`);
  return orderNumber;
}

export function optionalEmail(doc: LegacyDocument, field: string): string | null {
  const raw = optionalText(doc, field);
  if (raw === null || !raw.trim()) return null;
  const email = normaliseEmail(raw);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw new Rejection(`bad email in ${field}: ${show(raw)}`);
  return email;
}

const INSTANT_ZONE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * The first of `fields` the document has, as an instant: a `$date`, or an ISO 8601 string with a
 * valid calendar date and, when a time is given, a zone (a local time would be a guess).
 */
export function optionalDate(doc: LegacyDocument, ...fields: string[]): Date | null {
  const field = fields.find((f) => present(doc[f]));
  if (field === undefined) return null;
  const value = doc[field];
  const date =
    value instanceof Date ? value
    : typeof value === 'string' && INSTANT_ZONE.test(value.trim()) && isISO8601(value.trim().replace(' ', 'T'), { strict: true })
      ? new Date(value.trim().replace(' ', 'T'))
      : null;
  // Years PostgreSQL and JavaScript both represent without surprises.
  const year = date?.getUTCFullYear() ?? NaN;
  if (!date || !(year >= 1 && year <= 9999)) throw new Rejection(`bad date in ${field}: ${show(value)}`);
  return date;
}

export function requiredDate(doc: LegacyDocument, ...fields: string[]): Date {
  const date = optionalDate(doc, ...fields);
  if (!date) throw new Rejection(`missing required field ${fields.join(' or ')}`);
  return date;
}

/**
 * A money amount (number, numeric string or `$numberDecimal`) as a decimal string with two
 * decimals. Trailing zeros beyond the cents are fine; anything finer is refused, never rounded.
 */
export function requiredMoney(doc: LegacyDocument, field: string): string {
  const value = doc[field];
  if (!present(value)) throw new Rejection(`missing required field ${field}`);
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
  const amount = text.replace(/^(\d+\.\d{2})0+$/, '$1');
  if (!MONEY_PATTERN.test(amount)) throw new Rejection(`${field} ${show(value)} is not an amount with at most two decimals`);
  const [units, cents = ''] = amount.split('.');
  return `${units}.${cents.padEnd(2, '0')}`;
}

export function optionalBoolean(doc: LegacyDocument, field: string): boolean {
  const value = doc[field];
  if (!present(value)) return false;
  if (typeof value === 'boolean') return value;
  throw new Rejection(`${field} must be true or false, not ${show(value)}`);
}

/** One of `allowed` (case and surrounding spaces ignored). */
export function oneOf<T extends string>(doc: LegacyDocument, field: string, allowed: readonly T[]): T {
  const raw = requiredText(doc, field);
  const value = raw.trim().toLowerCase() as T;
  if (!allowed.includes(value)) throw new Rejection(`unknown ${field} ${show(raw)} (expected ${allowed.join(', ')})`);
  return value;
}
