import { getJson } from './api.js';
import { el, showStatus } from './dom.js';
import { csatChip, dayWindow, icon, money, timeOf } from './format.js';
import { bag, bell, sparkles } from './icons.js';
import { openOrderDetail } from './order-detail.js';

const form = () => document.getElementById('order-filters');
const tbody = () => document.querySelector('#orders-table tbody');
const loadMoreButton = () => document.getElementById('load-more');
const status = () => document.getElementById('orders-status');

let query = {};
let nextCursor = null;
let shown = 0;
// Bumped by every reload, so a page that arrives after the filters changed is dropped.
let generation = 0;

/** The filters of GET /api/orders, as the form holds them. */
function filters() {
  const data = new FormData(form());
  return {
    hasWidgetInteraction: data.get('hasWidgetInteraction'),
    csat: data.get('csat'),
    creatorCode: data.get('creatorCode'),
    limit: data.get('limit'),
    ...dayWindow(data.get('from'), data.get('to')),
  };
}

function capsuleCell(capsule) {
  if (!capsule) return icon('—', 'No capsule hold', 'muted');
  return el('span', { class: 'icon-capsule', title: `Capsule hold ${capsule.status}` }, bag(), ` ${capsule.status}`);
}

function subscriptionCell(subscription) {
  if (!subscription) return icon('—', 'No order-update subscription', 'muted');
  const channels = [subscription.email && 'email', subscription.sms && 'SMS'].filter(Boolean).join(' + ');
  return el('span', { class: 'icon-subscription', title: `Order updates by ${channels}` }, bell(), ` ${channels}`);
}

function orderRow(order) {
  const w = order.widgetData;
  // The number is the row's button for the keyboard and screen readers (Enter or Space opens it).
  const open = el('button', { type: 'button', class: 'link', 'aria-haspopup': 'dialog' }, order.orderNumber);
  const row = el(
    'tr',
    { 'data-order': order.orderNumber, class: 'opens-detail' },
    el('th', { scope: 'row', 'data-label': 'Order' }, open),
    el('td', { 'data-label': 'Placed' }, timeOf(order.placedAt)),
    el('td', { 'data-label': 'Customer', class: 'truncate' }, order.customerEmail ?? '—'),
    el('td', { 'data-label': 'Total', class: 'num' }, money(order.total, order.currency)),
    el('td', { 'data-label': 'Status' }, order.status),
    el('td', { 'data-label': 'Creator' }, order.creator ? order.creator.name : '—'),
    el(
      'td',
      { 'data-label': 'Widget' },
      w.hasWidgetInteraction ? icon(sparkles(), 'Widget-assisted order', 'widget-badge') : '',
    ),
    el('td', { 'data-label': 'CSAT' }, csatChip(w.csatRating, w.csatLabel)),
    el('td', { 'data-label': 'Capsule' }, capsuleCell(w.capsule)),
    el('td', { 'data-label': 'Updates' }, subscriptionCell(w.subscription)),
  );
  // A click anywhere on the row opens the order (the button's own click bubbles here too), except
  // when it ends a text selection, e.g. of an email to copy.
  row.addEventListener('click', (event) => {
    if (!open.contains(event.target) && String(window.getSelection() ?? '') !== '') return;
    openOrderDetail(order.orderNumber, open);
  });
  return row;
}

async function loadPage() {
  const button = loadMoreButton();
  const current = generation;
  button.disabled = true;
  try {
    const page = await getJson('orders', { ...query, cursor: nextCursor });
    if (current !== generation) return;
    tbody().append(...page.data.map(orderRow));
    shown += page.data.length;
    nextCursor = page.nextCursor;
    button.hidden = nextCursor === null;
    showStatus(status(), shown === 0 ? 'No orders match these filters.' : `Showing ${shown} order${shown === 1 ? '' : 's'}${nextCursor ? '; more available' : ''}.`);
  } catch (err) {
    if (current === generation) showStatus(status(), err.message, true);
  } finally {
    button.disabled = false;
  }
}

/** Starts over from the first page with the current filters. */
export function reloadOrders() {
  generation += 1;
  query = filters();
  nextCursor = null;
  shown = 0;
  tbody().replaceChildren();
  return loadPage();
}

/** Fills the creator filter from GET /api/creators. */
export async function loadCreatorOptions() {
  const select = document.getElementById('filter-creator');
  const { data } = await getJson('creators');
  select.replaceChildren(el('option', { value: '' }, 'Any'), ...data.map((c) => el('option', { value: c.code }, `${c.name} (${c.code})`)));
}

export function initOrders() {
  form().addEventListener('submit', (event) => {
    event.preventDefault();
    reloadOrders();
  });
  // After the reset has restored the defaults.
  form().addEventListener('reset', () => setTimeout(reloadOrders));
  loadMoreButton().addEventListener('click', loadPage);
}
