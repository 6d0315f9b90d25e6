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

// linkSource (how a widget row was linked to its order) in a merchant's words, with what it means.
const LINK_SOURCES = {
  widget: ['linked by the widget', 'The shopper named this order in the widget, and the order was already known.'],
  order_sync: ['order arrived later', 'The shopper named this order in the widget before the shop sent it; linked when it arrived.'],
  claimed: ['matched by the order number given', 'An imported record of the old widget named this order number.'],
  order_id: ['matched by shop order id', "An imported subscription carried the shop's own id of this order."],
  analytics: ['matched by analytics', "The widget session's events tracked this order."],
  email: ['matched by email', "The shopper's email is this order's, and the order was placed within days of it."],
  session: ['same session', 'Another interaction of the same widget session, close in time, is linked to this order.'],
};

/** How a row was linked, as words; the tooltip says what that means and names the API's value. */
export function linkSourceText(source) {
  const [words, meaning] = LINK_SOURCES[source] ?? [source, 'Linked by the service.'];
  return el('span', { class: 'link-source', 'data-link-source': source, title: `${meaning} (linkSource: ${source})` }, words);
}

const utcDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A UTC day (YYYY-MM-DD, or the day of an instant) in the merchant's locale: "Mar 1, 2024". */
export const dayText = (dayOrInstant) => utcDate.format(new Date(dayOrInstant));

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
