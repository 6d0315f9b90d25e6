import { utcDay } from './format.js';

/** A from/to filter form of whole UTC days: the last 30 days to start with, `load` on every submit. */
export function initDayRangeForm(form, load) {
  form.elements.from.value = utcDay(-29);
  form.elements.to.value = utcDay(0);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
}
