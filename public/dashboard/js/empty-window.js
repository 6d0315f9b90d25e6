import { getJson } from './api.js';
import { el, showStatus } from './dom.js';
import { dayText } from './format.js';

/**
 * Explains why a panel's date window came back empty. `rangePath` is the API route that says where
 * the panel's figures have data (GET …/range, with the panel's currency); when there is some, the
 * status offers that range with a button that fills the form with it and loads it.
 */
export async function explainEmptyWindow(status, form, { nothing, rangePath, currency }) {
  const shown = `between ${dayText(form.elements.from.value)} and ${dayText(form.elements.to.value)}`;
  const range = await getJson(rangePath, { currency });
  if (range.from === null) {
    showStatus(status, `${nothing} yet.`);
    return;
  }
  const from = range.from.slice(0, 10);
  const to = range.to.slice(0, 10);
  const show = el('button', { type: 'button', class: 'link', 'data-range': `${from}/${to}` }, 'Show that range');
  show.addEventListener('click', () => {
    form.elements.from.value = from;
    form.elements.to.value = to;
    form.requestSubmit();
  });
  showStatus(status, '');
  status.append(`${nothing} ${shown}. Data exists from ${dayText(from)} to ${dayText(to)} — `, show);
}
