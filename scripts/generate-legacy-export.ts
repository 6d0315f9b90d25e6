/**
 * Writes a synthetic mongoexport of the old app for measuring the legacy import and the backfill:
 * `orders.json` and `csatFeedback.json`, one Extended JSON document per line, deterministic.
 *
 *   node dist/scripts/generate-legacy-export.js <dir> [--orders 100000] [--csat 1000000]
 *
 * CSAT rows come in sessions of two: a third of the sessions name an order (so `claimed` links
 * one row and `session` its sibling), 1 % of ratings are "meh" (rejected), and the rest have nothing
 * to link them. Ratings mix labels, cases, numbers and newer documents with a score.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { orders: { type: 'string', default: '100000' }, csat: { type: 'string', default: '1000000' } },
});
if (positionals.length !== 1) {
  console.error('Usage: node dist/scripts/generate-legacy-export.js <dir> [--orders 100000] [--csat 1000000]');
  process.exit(64);
}
const dir = positionals[0];
const orderCount = Number(values.orders);
const csatCount = Number(values.csat);

// mulberry32: a small seeded generator, so every run writes the same files.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const oid = (prefix: string, n: number) => ({ $oid: `${prefix}${n.toString(16).padStart(22, '0')}` });
const START = Date.parse('2024-01-01T00:00:00Z');
const YEAR_MS = 365 * 24 * 3600_000;

async function write(file: string, count: number, line: (i: number) => object): Promise<void> {
  const out = fs.createWriteStream(path.join(dir, file));
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(line(i))}\n`)) await once(out, 'drain');
  }
  await new Promise((resolve) => out.end(resolve));
}

const RATINGS = ['great', 'Great', ' good ', 'okay', 'OK', 'bad', 'terrible', 'excellent', 5, 4, '3', 2];

async function main(): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await write('orders.json', orderCount, (i) => ({
    _id: oid('0a', i),
    orderNumber: `GG-${100000 + i}`,
    customerEmail: `shopper${i}@example.com`,
    total: { $numberDecimal: (10 + random() * 290).toFixed(2) },
    currency: 'USD',
    status: pick(['paid', 'fulfilled', 'paid', 'refunded']),
    createdAt: { $date: new Date(START + random() * YEAR_MS).toISOString() },
  }));
  await write('csatFeedback.json', csatCount, (i) => {
    const session = Math.floor(i / 2);
    const at = START + (session % 500_000) * 60_000 + (i % 2) * 300_000;
    const claims = session % 3 === 0 && i % 2 === 0;
    return {
      _id: oid('0c', i),
      sessionId: `w_${session}`,
      rating: random() < 0.01 ? 'meh' : pick(RATINGS),
      ...(random() < 0.2 && { score: { $numberInt: String(1 + Math.floor(random() * 5)) } }),
      ...(random() < 0.3 && { notes: 'Thanks for the help with my order' }),
      intent: pick(['order_tracking', 'sizing', 'returns']),
      ...(claims && { orderNumber: `gg-${100000 + (session % orderCount)}` }),
      createdAt: { $date: new Date(at).toISOString() },
    };
  });
  console.log(`Wrote ${orderCount} orders and ${csatCount} CSAT documents to ${dir}`);
}

void main();
