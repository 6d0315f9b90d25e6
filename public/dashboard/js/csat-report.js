import { getJson } from './api.js';
import { initDayRangeForm } from './day-range-form.js';
import { el, hiddenText, showStatus, svg } from './dom.js';
import { explainEmptyWindow } from './empty-window.js';
import { dayWindow, sentiment } from './format.js';
import { verifiedHeadline } from './settings.js';

const form = () => document.getElementById('report-filters');
const status = () => document.getElementById('report-status');
const LABELS = { 1: 'terrible', 2: 'bad', 3: 'okay', 4: 'good', 5: 'great' };
const percent = (value) => (value === null ? '—' : `${value} %`);

/** The 1–5 distribution as horizontal bars: plain HTML, each bar's width set through the CSSOM (allowed by the CSP). */
function renderDistribution(distribution) {
  const max = Math.max(1, ...Object.values(distribution));
  const rows = [5, 4, 3, 2, 1].map((score) => {
    const count = distribution[score];
    const bar = el('span', { class: `bar bar-${sentiment(score)}` });
    bar.style.width = `${(count / max) * 100}%`;
    return el(
      'li',
      { 'data-score': score },
      el('span', { class: 'bar-label' }, `${score} ${LABELS[score]}`),
      el('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
      el('span', { class: 'bar-count' }, String(count), hiddenText(count === 1 ? ' response' : ' responses')),
    );
  });
  document.getElementById('distribution').replaceChildren(...rows);
}

// The usual helpdesk reading of a CSAT %: 80 and above is good, below 50 is poor.
const trendClass = (value) => (value === null ? 'empty' : `bar-${value >= 80 ? 'positive' : value >= 50 ? 'neutral' : 'negative'}`);

/** CSAT % per UTC day as an SVG bar chart; days without responses show a grey tick at 0. */
function renderTrend(days) {
  const width = Math.max(days.length, 1) * 10;
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} 100`, preserveAspectRatio: 'none', role: 'img', 'aria-labelledby': 'trend-title', class: 'trend' },
    svg('line', { x1: 0, x2: width, y1: 50, y2: 50, class: 'gridline' }),
    ...days.map((day, i) => {
      const value = day.csatPercent === null ? null : Number(day.csatPercent);
      const height = value === null ? 1 : Math.max(value, 1);
      return svg(
        'rect',
        { x: i * 10 + 1.5, y: 100 - height, width: 7, height, class: trendClass(value), 'data-day': day.key },
        svg('title', {}, `${day.key}: ${value === null ? 'no responses' : `${day.csatPercent} % of ${day.responses}`}`),
      );
    }),
  );
  const axis = el(
    'div',
    { class: 'trend-axis', 'aria-hidden': 'true' },
    el('span', {}, days[0]?.key ?? ''),
    el('span', {}, 'dashed line: 50 %'),
    el('span', {}, days.at(-1)?.key ?? ''),
  );
  document.getElementById('trend').replaceChildren(chart, axis);
  document.querySelector('#trend-table tbody').replaceChildren(
    ...days.map((day) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, day.key),
        el('td', { class: 'num' }, String(day.responses)),
        el('td', { class: 'num' }, percent(day.csatPercent)),
        el('td', { class: 'num' }, day.averageScore ?? '—'),
      ),
    ),
  );
}

/** One call: the daily grouping also carries the totals and the distribution. */
export async function loadCsatReport() {
  const data = new FormData(form());
  try {
    const currency = String(data.get('currency')).trim().toUpperCase();
    const report = await getJson('reports/csat', { ...dayWindow(data.get('from'), data.get('to')), groupBy: 'day', currency });
    const verified = verifiedHeadline();
    // With widget tokens configured the verified figures lead and the totals stand beside them.
    const kpi = (id, title, headline, all) => {
      document.getElementById(`${id}-title`).textContent = title;
      document.getElementById(id).replaceChildren(headline, ...(verified ? [' ', el('span', { class: 'muted kpi-all' }, `(all: ${all})`)] : []));
    };
    kpi('kpi-csat', verified ? 'Verified CSAT' : 'CSAT', percent(verified ? report.verifiedCsatPercent : report.csatPercent), percent(report.csatPercent));
    kpi('kpi-responses', verified ? 'Verified responses' : 'Responses', String(verified ? report.verifiedResponses : report.responses), String(report.responses));
    document.getElementById('kpi-average').textContent = report.averageScore ?? '—';
    renderDistribution(report.distribution);
    renderTrend(report.groups);
    if (report.responses) showStatus(status(), 'CSAT counts the share of 4–5 ratings; each session’s latest rating per order counts once.');
    else await explainEmptyWindow(status(), form(), { nothing: `No CSAT responses${currency ? ` on ${currency} orders` : ''}`, rangePath: 'reports/csat/range', currency });
  } catch (err) {
    showStatus(status(), err.message, true);
  }
}

export function initCsatReport() {
  initDayRangeForm(form(), loadCsatReport);
}
