import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/** Lines per collection, as shares of the export (orders first: the widget rows refer to them). */
const SHARES = { orders: 0.3, csatFeedback: 0.3, capsuleHolds: 0.1, widgetOrderSubscriptions: 0.1, analyticsEvents: 0.2 } as const;

const oid = (collection: number, i: number) => ({ $oid: `${collection}`.padStart(4, '0') + i.toString(16).padStart(20, '0') });
const date = (i: number, offsetMs = 0) => ({ $date: new Date(Date.UTC(2024, 0, 1) + i * 60_000 + offsetMs).toISOString() });
const orderNumber = (i: number) => `LG-${i}`;

/** Document i of each collection, as mongoexport writes it (Extended JSON, varied but valid). */
const DOCUMENTS: Record<keyof typeof SHARES, (i: number, orders: number) => object> = {
  orders: (i) => ({
    _id: oid(1, i),
    orderNumber: i % 2 ? orderNumber(i) : ` #${orderNumber(i).toLowerCase()}`,
    customerEmail: `Buyer${i}@Example.com`,
    total: i % 3 ? 10 + (i % 500) + 0.9 : `${(i % 900) + 1}.25`,
    currency: i % 4 ? 'USD' : 'eur',
    status: ['paid', 'fulfilled', 'pending', 'refunded'][i % 4],
    createdAt: date(i),
  }),
  csatFeedback: (i, orders) => ({
    _id: oid(2, i),
    sessionId: `s${i}`,
    rating: ['great', ' Good ', 'OKAY', 'bad', 'terrible', 4][i % 6],
    notes: i % 5 ? 'Helpful, thanks' : undefined,
    intent: 'order_tracking',
    ...(i % 2 ? { orderNumber: orderNumber(1 + (i % orders)) } : {}),
    timestamp: date(i, 3_600_000),
  }),
  capsuleHolds: (i) => ({
    _id: oid(3, i),
    reservationId: `rsv_lg_${i}`,
    sessionId: `s${i}`,
    shortlist: [{ productId: `p_${i % 97}`, variantId: 'v_1', title: 'Linen shirt', size: 'M', price: '59.00' }],
    customerEmail: `buyer${i}@example.com`,
    customerName: 'Ada',
    status: 'active',
    reservedAt: date(i),
    expiresAt: date(i, 48 * 3_600_000),
  }),
  widgetOrderSubscriptions: (i, orders) => ({
    _id: oid(4, i),
    sessionId: `s${i}`,
    originIntent: 'order_tracking',
    orderId: oid(1, 1 + (i % orders)).$oid,
    email: i % 3 ? `buyer${i}@example.com` : true,
    ...(i % 3 ? {} : { phone: `+1555${String(1000000 + i).slice(-7)}`, sms: true }),
    subscribedAt: date(i),
  }),
  analyticsEvents: (i, orders) => ({
    _id: oid(5, i),
    sessionId: `s${i}`,
    type: 'order_tracked',
    metadata: { orderNumber: orderNumber(1 + (i % orders)) },
    timestamp: date(i),
  }),
};

/** Writes a `mongoexport` directory of `lines` documents in all; returns the lines per collection. */
export async function writeLegacyExport(dir: string, lines: number): Promise<Record<string, number>> {
  fs.mkdirSync(dir, { recursive: true });
  const orders = Math.round(lines * SHARES.orders);
  const counts: Record<string, number> = {};
  for (const [collection, share] of Object.entries(SHARES) as [keyof typeof SHARES, number][]) {
    const count = collection === 'analyticsEvents' ? lines - Object.values(counts).reduce((a, b) => a + b, 0) : Math.round(lines * share);
    const out = fs.createWriteStream(path.join(dir, `${collection}.json`));
    for (let i = 1; i <= count; i++) {
      if (!out.write(`${JSON.stringify(DOCUMENTS[collection](i, orders))}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    counts[collection] = count;
  }
  return counts;
}
