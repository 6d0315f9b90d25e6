import { getJson } from './api.js';
import { initDayRangeForm } from './day-range-form.js';
import { el, showStatus } from './dom.js';
import { explainEmptyWindow } from './empty-window.js';
import { dayWindow, money } from './format.js';
import { verifiedHeadline } from './settings.js';

const form = () => document.getElementById('creator-filters');
const table = () => document.getElementById('creators-table');
const status = () => document.getElementById('creators-status');

const HEADINGS = {
  plain: ['Widget-assisted sales', 'Revenue', 'Commission'],
  verified: ['Verified sales (all)', 'Verified revenue (all)', 'Verified commission (all)'],
};

/**
 * One figure of the table: the plain total, or with widget tokens configured the verified figure
 * as the headline and the total (verified or not) beside it.
 */
function figure(verified, total, format, name) {
  if (!verifiedHeadline()) return format(total);
  return [el('span', { 'data-verified': name }, format(verified)), ' ', el('span', { class: 'muted', 'data-all': name }, `(${format(total)})`)];
}

/** Widget-assisted sales, revenue and commission per creator (GET /api/creators/widget-stats), totals as the API sums them. */
export async function loadCreatorStats() {
  const data = new FormData(form());
  try {
    const stats = await getJson('creators/widget-stats', {
      ...dayWindow(data.get('from'), data.get('to')),
      currency: String(data.get('currency')).trim().toUpperCase(),
    });
    const c = stats.currency;
    const count = (n) => String(n);
    const amount = (a) => money(a, c);
    const headings = HEADINGS[verifiedHeadline() ? 'verified' : 'plain'];
    [...table().tHead.rows[0].cells].slice(1).forEach((cell, i) => (cell.textContent = headings[i]));
    table().tBodies[0].replaceChildren(
      ...stats.creatorBreakdown.map((row) =>
        el(
          'tr',
          { 'data-creator': row.code },
          el('th', { scope: 'row' }, `${row.name} `, el('span', { class: 'muted' }, `(${row.code})`)),
          el('td', { class: 'num' }, figure(row.verifiedWidgetAssistedSales, row.widgetAssistedSales, count, 'sales')),
          el('td', { class: 'num' }, figure(row.verifiedWidgetAssistedRevenue, row.widgetAssistedRevenue, amount, 'revenue')),
          el('td', { class: 'num' }, figure(row.verifiedWidgetAssistedCommission, row.widgetAssistedCommission, amount, 'commission')),
        ),
      ),
    );
    table().tFoot.replaceChildren(
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, 'Total'),
        el('td', { class: 'num', 'data-total': 'sales' }, figure(stats.verifiedWidgetAssistedSales, stats.totalWidgetAssistedSales, count, 'sales')),
        el('td', { class: 'num', 'data-total': 'revenue' }, figure(stats.verifiedWidgetAssistedRevenue, stats.totalWidgetAssistedRevenue, amount, 'revenue')),
        el('td', { class: 'num', 'data-total': 'commission' }, figure(stats.verifiedWidgetAssistedCommission, stats.widgetAssistedCommission, amount, 'commission')),
      ),
    );
    const note = verifiedHeadline() ? ' Verified: a shop-signed widget token vouched for the interaction; in brackets, all claims.' : '';
    if (stats.creatorBreakdown.length) showStatus(status(), `In ${c}.${note}`);
    else await explainEmptyWindow(status(), form(), { nothing: `No widget-assisted sales in ${c}`, rangePath: 'creators/widget-stats/range', currency: c });
  } catch (err) {
    showStatus(status(), err.message, true);
  }
}

export function initCreators() {
  initDayRangeForm(form(), loadCreatorStats);
}
