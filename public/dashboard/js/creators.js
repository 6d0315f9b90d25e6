import { getJson } from './api.js';
import { initDayRangeForm } from './day-range-form.js';
import { el, showStatus } from './dom.js';
import { explainEmptyWindow } from './empty-window.js';
import { dayWindow, money } from './format.js';

const form = () => document.getElementById('creator-filters');
const table = () => document.getElementById('creators-table');
const status = () => document.getElementById('creators-status');

/** Widget-assisted sales, revenue and commission per creator (GET /api/creators/widget-stats), totals as the API sums them. */
export async function loadCreatorStats() {
  const data = new FormData(form());
  try {
    const stats = await getJson('creators/widget-stats', {
      ...dayWindow(data.get('from'), data.get('to')),
      currency: String(data.get('currency')).trim().toUpperCase(),
    });
    const c = stats.currency;
    table().tBodies[0].replaceChildren(
      ...stats.creatorBreakdown.map((row) =>
        el(
          'tr',
          { 'data-creator': row.code },
          el('th', { scope: 'row' }, `${row.name} `, el('span', { class: 'muted' }, `(${row.code})`)),
          el('td', { class: 'num' }, String(row.widgetAssistedSales)),
          el('td', { class: 'num' }, money(row.widgetAssistedRevenue, c)),
          el('td', { class: 'num' }, money(row.widgetAssistedCommission, c)),
        ),
      ),
    );
    table().tFoot.replaceChildren(
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, 'Total'),
        el('td', { class: 'num', 'data-total': 'sales' }, String(stats.totalWidgetAssistedSales)),
        el('td', { class: 'num', 'data-total': 'revenue' }, money(stats.totalWidgetAssistedRevenue, c)),
        el('td', { class: 'num', 'data-total': 'commission' }, money(stats.widgetAssistedCommission, c)),
      ),
    );
    if (stats.creatorBreakdown.length) showStatus(status(), `In ${c}.`);
    else await explainEmptyWindow(status(), form(), { nothing: `No widget-assisted sales in ${c}`, rangePath: 'creators/widget-stats/range', currency: c });
  } catch (err) {
    showStatus(status(), err.message, true);
  }
}

export function initCreators() {
  initDayRangeForm(form(), loadCreatorStats);
}
