import { el } from './dom.js';

const DAY_MS = 86_400_000;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> in the merchant's locale and time zone, the exact instant in its datetime attribute. */
export const timeOf = (iso) => el('time', { datetime: iso }, dateTime.format(new Date(iso)));

/** Money stays the API's exact decimal string: no float ever touches it. */
export const money = (amount, currency) => `${amount} ${currency}`;

/** As the API's csatSentiment: 4–5 positive, 3 neutral, 1–2 negative. */
export const sentiment = (score) => (score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative');

/**
 * The CSAT chip: green 4–5, yellow 3, red 1–2, "—" without a response. The score is shown as text
 * (colour is never the only signal) and announced in full.
 */
export function csatChip(score, label) {
  if (score === null || score === undefined) return icon('—', 'No CSAT response', 'chip chip-none');
  return icon(String(score), `CSAT ${score} of 5, ${label}`, `chip chip-${sentiment(score)}`);
}

/** A symbol (text or an SVG icon) with a name: screen readers announce the name, sighted users get it as a tooltip. */
export const icon = (symbol, name, className) => el('span', { class: className, role: 'img', 'aria-label': name, title: name }, symbol);

/** Today's UTC date as YYYY-MM-DD, shifted by `days`. */
export const utcDay = (days = 0) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Date inputs name whole UTC days, both inclusive; the API's windows are [from, to): the day after
 * the last one is sent as `to`.
 */
export function dayWindow(fromDay, toDay) {
  const to = toDay ? new Date(Date.parse(toDay) + DAY_MS).toISOString().slice(0, 10) : undefined;
  return { from: fromDay || undefined, to };
}
