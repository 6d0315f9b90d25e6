import { getJson } from './api.js';
import { el } from './dom.js';
import { csatChip, linkSourceText, money, timeOf } from './format.js';
import { bag, bell } from './icons.js';

const dialog = () => document.getElementById('order-detail');
const title = () => document.getElementById('detail-title');
const body = () => document.getElementById('detail-body');

let returnFocusTo = null;

const fact = (term, ...description) => [el('dt', {}, term), el('dd', {}, ...description)];
const facts = (...pairs) => el('dl', { class: 'facts' }, ...pairs.filter(Boolean).flat());
const linkFact = (row) => fact('Linked', linkSourceText(row.linkSource), ', ', timeOf(row.linkedAt));

function csatItem(c) {
  return {
    at: c.createdAt,
    node: el(
      'li',
      { class: 'interaction', 'data-kind': 'csat' },
      el('h3', {}, 'CSAT response ', csatChip(c.score, c.rating), ' ', c.rating),
      facts(
        fact('Received', timeOf(c.createdAt)),
        c.notes !== null && fact('Notes', el('q', {}, c.notes)),
        c.intent !== null && fact('Intent', c.intent),
        fact('Session', c.sessionId),
        linkFact(c),
      ),
    ),
  };
}

function holdItem(h) {
  const items = h.shortlist.map((i) =>
    el('li', {}, [i.title ?? i.productId, i.size && `size ${i.size}`, i.price && `${i.price}`].filter(Boolean).join(' · ')),
  );
  return {
    at: h.reservedAt,
    node: el(
      'li',
      { class: 'interaction', 'data-kind': 'capsule' },
      el('h3', {}, bag(), ` Capsule hold, ${h.status}`),
      facts(
        fact('Reserved', timeOf(h.reservedAt)),
        fact('Expires', timeOf(h.expiresAt)),
        fact('Customer', [h.customerName, h.customerEmail].filter(Boolean).join(', ')),
        fact('Shortlist', el('ul', { class: 'plain' }, ...items)),
        linkFact(h),
      ),
    ),
  };
}

function subscriptionItem(s) {
  const channels = [s.channels.email && 'email', s.channels.sms && 'SMS'].filter(Boolean).join(' + ');
  return {
    at: s.subscribedAt,
    node: el(
      'li',
      { class: 'interaction', 'data-kind': 'subscription' },
      el('h3', {}, bell(), ` Order updates by ${channels}`, s.unsubscribedAt ? ' (unsubscribed)' : ''),
      facts(
        fact('Subscribed', timeOf(s.subscribedAt)),
        s.unsubscribedAt && fact('Unsubscribed', timeOf(s.unsubscribedAt)),
        fact('Contact', [s.email, s.phone].filter(Boolean).join(', ')),
        s.originIntent !== null && fact('From intent', s.originIntent),
        linkFact(s),
      ),
    ),
  };
}

/** Every interaction of every kind in one timeline, newest first. */
function timeline(interactions) {
  const items = [
    ...interactions.csat.map(csatItem),
    ...interactions.capsuleHolds.map(holdItem),
    ...interactions.subscriptions.map(subscriptionItem),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (items.length === 0) return el('p', { class: 'muted' }, 'No widget interaction is linked to this order.');
  return el('ol', { class: 'timeline', 'aria-label': 'Widget interactions, newest first' }, ...items.map((i) => i.node));
}

function render(order) {
  body().replaceChildren(
    facts(
      fact('Placed', timeOf(order.placedAt)),
      fact('Total', money(order.total, order.currency)),
      fact('Status', order.status),
      fact('Customer', order.customerEmail ?? '—'),
      fact('Creator', order.creator ? `${order.creator.name} (${order.creator.code})` : '—'),
      fact('Latest CSAT', csatChip(order.widgetData.csatRating, order.widgetData.csatLabel)),
    ),
    el('h3', { class: 'section-label' }, 'Interactions'),
    timeline(order.interactions),
  );
}

/** Opens the panel for one order; focus returns to `trigger` when it closes. */
export async function openOrderDetail(orderNumber, trigger) {
  returnFocusTo = trigger;
  title().textContent = `Order ${orderNumber}`;
  body().replaceChildren(el('p', { class: 'status', role: 'status' }, 'Loading…'));
  if (!dialog().open) dialog().showModal();
  title().focus();
  try {
    render(await getJson(`orders/${encodeURIComponent(orderNumber)}`));
  } catch (err) {
    body().replaceChildren(el('p', { class: 'error', role: 'alert' }, err.message));
  }
}

export function initOrderDetail() {
  document.getElementById('detail-close').addEventListener('click', () => dialog().close());
  // A click on the backdrop (the dialog element itself, outside its content) closes it too.
  dialog().addEventListener('click', (event) => {
    if (event.target === dialog()) dialog().close();
  });
  dialog().addEventListener('close', () => returnFocusTo?.focus());
}
