import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { LEGACY_FIXTURE, LegacyTest, linkState, runImport, startLegacyTest } from '../support/legacy';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(22, '0')}`;
const ORDER = (n: number) => id('0a', n);
const CSAT = (n: number) => id('0c', n);
const HOLD = (n: number) => id('0d', n);
const SUB = (n: number) => id('0e', n);
const EVENT = (n: number) => id('0f', n);

describe('npm run legacy:import (mongoexport files → tables)', () => {
  let t: LegacyTest;
  let first: Awaited<ReturnType<typeof runImport>>;
  beforeAll(async () => {
    t = await startLegacyTest();
    first = await runImport(t);
  });
  afterAll(() => t.close());

  it('counts every document of every collection: read = imported + already present + rejected', () => {
    expect(first.counts).toEqual([
      { collection: 'orders', found: true, read: 19, imported: 9, present: 0, rejected: 10, linked: 0 },
      { collection: 'csatFeedback', found: true, read: 15, imported: 10, present: 0, rejected: 5, linked: 1 },
      { collection: 'capsuleHolds', found: true, read: 9, imported: 6, present: 0, rejected: 3, linked: 0 },
      { collection: 'widgetOrderSubscriptions', found: true, read: 11, imported: 8, present: 0, rejected: 3, linked: 1 },
      { collection: 'analyticsEvents', found: true, read: 8, imported: 6, present: 0, rejected: 2, linked: 0 },
    ]);
  });

  it('reports each rejected document with its _id, line and reason, in the report file and on the console', () => {
    const byId = Object.fromEntries(first.rejected.map((r) => [`${r.collection} ${r._id} line ${r.line}`, r.reason]));
    expect(byId).toEqual({
      [`orders ${ORDER(10)} line 10`]: 'duplicate order number GG-1001: another order already has it',
      [`orders ${ORDER(11)} line 11`]: 'unknown status "shipped" (expected pending, paid, fulfilled, cancelled, refunded)',
      [`orders ${ORDER(12)} line 12`]: 'unknown creator code NOBODY (create the creator, then import again)',
      [`orders ${ORDER(13)} line 13`]: 'total "12.345" is not an amount with at most two decimals',
      [`orders ${ORDER(14)} line 14`]: 'missing required field currency',
      [`orders ${ORDER(15)} line 15`]: 'bad date in createdAt: "yesterday"',
      [`orders ${ORDER(16)} line 16`]: expect.stringMatching(/^invalid JSON: /),
      [`orders ${ORDER(17)} line 17`]: 'bad order number "bad number!"',
      [`orders ${ORDER(1)} line 18`]: 'duplicate: the same _id as line 1',
      [`orders ${ORDER(19)} line 19`]: 'duplicate external id shop-5552: another order already has it',
      [`csatFeedback ${CSAT(7)} line 7`]: 'rating "meh" cannot be converted to a 1-5 score',
      [`csatFeedback ${CSAT(11)} line 11`]: 'bad date in createdAt: an invalid date',
      [`csatFeedback ${CSAT(1)} line 12`]: 'duplicate: the same _id as line 1',
      [`csatFeedback ${CSAT(13)} line 13`]: 'missing required field sessionId',
      [`csatFeedback ${CSAT(15)} line 15`]: 'missing required field rating',
      [`capsuleHolds ${HOLD(4)} line 4`]: 'duplicate reservationId rsv_legacy_1: another capsule hold already has it',
      [`capsuleHolds ${HOLD(5)} line 5`]: 'missing required field expiresAt',
      [`capsuleHolds ${HOLD(9)} line 9`]: 'shortlist item 1: missing required field productId',
      [`widgetOrderSubscriptions ${SUB(7)} line 7`]: 'sms is true but there is no phone',
      [`widgetOrderSubscriptions ${SUB(8)} line 8`]: 'bad phone "12"',
      [`widgetOrderSubscriptions ${SUB(11)} line 11`]: 'no contact: neither email nor phone',
      [`analyticsEvents ${EVENT(6)} line 1`]: 'metadata must be an object, not ["GG-1001"]',
      [`analyticsEvents ${EVENT(7)} line 1`]: 'missing required field timestamp or createdAt',
    });
    expect(first.printed).toHaveLength(first.rejected.length);
    expect(first.printed).toContain(`rejected csatFeedback line 7 _id ${CSAT(7)}: rating "meh" cannot be converted to a 1-5 score`);
  });

  it('stores nothing it rejected, and never a guessed score', async () => {
    expect(await t.prisma.csatFeedback.findUnique({ where: { legacyId: CSAT(7) } })).toBeNull();
    expect(await t.prisma.order.count({ where: { orderNumber: { in: ['GG-1011', 'GG-1012', 'GG-1013', 'GG-1014', 'GG-1015'] } } })).toBe(0);
  });

  it('normalises orders and keeps the Mongo _id (as externalId too, unless the order had one)', async () => {
    const gg1001 = await t.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'GG-1001' } });
    expect(gg1001).toMatchObject({
      legacyId: ORDER(1), externalId: ORDER(1), customerEmail: 'ada@example.com', currency: 'USD', status: 'paid',
      placedAt: new Date('2024-03-01T10:00:00Z'), creatorCode: 'ALEX10',
    });
    expect(gg1001.total.toFixed(2)).toBe('129.90');
    const gg1002 = await t.prisma.order.findUniqueOrThrow({ where: { orderNumber: 'GG-1002' } });
    expect(gg1002).toMatchObject({ legacyId: ORDER(2), externalId: 'shop-5552', placedAt: new Date('2024-03-02T10:00:00Z') });
    expect(gg1002.total.toFixed(2)).toBe('59.00');
    const totals = await t.prisma.order.findMany({ where: { orderNumber: { in: ['GG-1003', 'GG-1004'] } }, orderBy: { orderNumber: 'asc' } });
    expect(totals.map((o) => o.total.toFixed(2))).toEqual(['45.50', '12.00']);
  });

  it('converts legacy ratings with the API rules: score when valid, else the label', async () => {
    const scores = await t.prisma.csatFeedback.findMany({ select: { legacyId: true, rating: true, score: true }, orderBy: { legacyId: 'asc' } });
    expect(Object.fromEntries(scores.map((s) => [s.legacyId, [s.rating, s.score]]))).toEqual({
      [CSAT(1)]: ['great', 5], [CSAT(2)]: ['good', 4], [CSAT(3)]: ['ok', 3], [CSAT(4)]: ['bad', 2], [CSAT(5)]: ['Great ', 5],
      [CSAT(6)]: ['5', 5], [CSAT(8)]: ['4', 5], [CSAT(9)]: ['  EXCELLENT ', 5], [CSAT(10)]: ['bad', 2], [CSAT(14)]: ['terrible', 1],
    });
  });

  it('links a stated order number that names an order of the same export at once, and keeps an unknown one as a claim', async () => {
    const claim = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { legacyId: CSAT(1) } });
    expect(claim).toMatchObject({ claimedOrderNumber: 'GG-1001', orderNumber: 'GG-1001', linkSource: 'claimed', linkedAt: expect.any(Date), createdAt: new Date('2024-03-01T11:00:00Z') });
    expect(await t.prisma.orderSubscription.findUniqueOrThrow({ where: { legacyId: SUB(6) } })).toMatchObject({
      claimedOrderNumber: 'GG-1002', orderNumber: 'GG-1002', linkSource: 'claimed',
    });
    const unknown = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { legacyId: CSAT(2) } });
    expect(unknown).toMatchObject({ claimedOrderNumber: 'GG-9999', orderNumber: null, linkSource: null, linkedAt: null });
    const timestampOnly = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { legacyId: CSAT(3) } });
    expect(timestampOnly).toMatchObject({ createdAt: new Date('2024-03-03T12:00:00Z'), intent: 'order_tracking' });
  });

  it('maps holds, old `email: true` subscriptions and events (extra fields dropped)', async () => {
    const hold = await t.prisma.capsuleHold.findUniqueOrThrow({ where: { legacyId: HOLD(1) } });
    expect(hold).toMatchObject({ reservationId: 'rsv_legacy_1', customerEmail: 'ada@example.com', status: 'active' });
    expect(hold.shortlist).toEqual([{ productId: '0b0000000000000000000001', title: 'Linen shirt', size: 'M', price: '59.00' }]);
    expect(await t.prisma.capsuleHold.findUniqueOrThrow({ where: { legacyId: HOLD(6) } })).toMatchObject({ status: 'active' });

    expect(await t.prisma.orderSubscription.findUniqueOrThrow({ where: { legacyId: SUB(3) } })).toMatchObject({
      orderId: ORDER(2), email: null, emailChannel: true, smsChannel: false, subscribedAt: new Date('2024-03-02T13:00:00Z'),
    });
    expect(await t.prisma.orderSubscription.findUniqueOrThrow({ where: { legacyId: SUB(2) } })).toMatchObject({
      phone: '+15550102000', smsChannel: true, emailChannel: false, contactKey: '+15550102000',
    });
    expect(await t.prisma.orderSubscription.findUniqueOrThrow({ where: { legacyId: SUB(1) } })).toMatchObject({ orderId: ORDER(1) });

    const event = await t.prisma.analyticsEvent.findUniqueOrThrow({ where: { legacyId: EVENT(1) } });
    expect(event).toMatchObject({ name: 'order_tracked', metadata: { orderNumber: '#gg-1003' }, occurredAt: new Date(1709553600000) });
  });

  it('imports nothing twice: a second run finds everything already present and rejects the same documents', async () => {
    const before = await Promise.all([t.prisma.order.count(), t.prisma.csatFeedback.count(), t.prisma.capsuleHold.count(), t.prisma.orderSubscription.count(), t.prisma.analyticsEvent.count()]);
    const second = await runImport(t);
    expect(second.counts.map((c) => [c.collection, c.imported, c.present, c.rejected, c.linked])).toEqual(
      first.counts.map((c) => [c.collection, 0, c.imported, c.rejected, 0]),
    );
    expect(second.rejected).toEqual(first.rejected);
    const after = await Promise.all([t.prisma.order.count(), t.prisma.csatFeedback.count(), t.prisma.capsuleHold.count(), t.prisma.orderSubscription.count(), t.prisma.analyticsEvent.count()]);
    expect(after).toEqual(before);
  });
});

describe('legacy import, interrupted and run again', () => {
  let t: LegacyTest;
  beforeAll(async () => {
    t = await startLegacyTest();
  });
  afterAll(() => t.close());

  it('keeps what was written before the interruption, and the next run imports the rest', async () => {
    const controller = new AbortController();
    let batches = 0;
    await expect(
      runImport(t, LEGACY_FIXTURE, { batchSize: 2, signal: controller.signal, onBatch: () => ++batches === 3 && controller.abort() }),
    ).rejects.toThrow(/abort/i);
    expect(await t.prisma.order.count()).toBe(6);

    const resumed = await runImport(t);
    expect(resumed.counts[0]).toMatchObject({ read: 19, imported: 3, present: 6, rejected: 10 });
    expect(resumed.counts.slice(1).map((c) => c.imported)).toEqual([10, 6, 8, 6]);
  });

  it('reports a missing collection file instead of failing, and accepts a pretty-printed JSON array', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-export-'));
    fs.writeFileSync(
      path.join(dir, 'analyticsEvents.json'),
      JSON.stringify([{ _id: { $oid: id('1f', 1) }, sessionId: 's', type: 'widget_opened', timestamp: { $date: '2024-05-01T00:00:00Z' } }], null, 2),
    );
    const { counts } = await runImport(t, dir);
    expect(counts.filter((c) => c.found)).toEqual([{ collection: 'analyticsEvents', found: true, read: 1, imported: 1, present: 0, rejected: 0, linked: 0 }]);
  });
});

/** A directory holding one mongoexport file per given collection (one document per line). */
function exportDir(files: Record<string, object[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-export-'));
  for (const [collection, docs] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `${collection}.json`), docs.map((d) => JSON.stringify(d)).join('\n'));
  }
  return dir;
}

const at = (iso: string) => ({ $date: iso });
const lateCsat = (n: number, orderNumber: string) => ({ _id: { $oid: id('2c', n) }, sessionId: `s-late-${n}`, rating: 'good', orderNumber, createdAt: at('2024-04-01T10:00:00Z') });
const lateOrder = (n: number, orderNumber: string) => ({
  _id: { $oid: id('2a', n) }, orderNumber, customerEmail: 'late@example.com', total: '10.00', currency: 'usd', status: 'paid', createdAt: at('2024-04-01T09:00:00Z'),
});

describe('legacy import applies the linking rule', () => {
  let db: TestDatabase;
  let t: LegacyTest;
  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startLegacyTest(db.url);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('an order imported after the rows that claim it (a later run) links them', async () => {
    const claims = await runImport(t, exportDir({
      csatFeedback: [lateCsat(1, 'late-1')],
      capsuleHolds: [{ _id: { $oid: id('2d', 1) }, reservationId: 'rsv_late_1', sessionId: 's-late-1', customerEmail: 'late@example.com',
        shortlist: [{ productId: 'p' }], orderNumber: '#LATE-1', reservedAt: at('2024-04-01T10:00:00Z'), expiresAt: at('2024-04-03T10:00:00Z') }],
    }));
    expect(claims.counts.filter((c) => c.found).map((c) => [c.collection, c.imported, c.linked])).toEqual([['csatFeedback', 1, 0], ['capsuleHolds', 1, 0]]);

    const orders = await runImport(t, exportDir({ orders: [lateOrder(1, 'LATE-1')] }));
    expect(orders.counts[0]).toMatchObject({ collection: 'orders', imported: 1, linked: 2 });
    expect(await linkState(t.prisma)).toEqual({ [id('2c', 1)]: 'LATE-1 by claimed', [id('2d', 1)]: 'LATE-1 by claimed' });
  });

  it('an order already in the database (from the orders API) links a claim as it is imported', async () => {
    await t.prisma.order.create({ data: { orderNumber: 'API-1', total: '5.00', currency: 'USD', status: 'paid', placedAt: new Date('2024-04-02T00:00:00Z') } });
    const { counts } = await runImport(t, exportDir({ csatFeedback: [lateCsat(2, 'api-1')] }));
    expect(counts[1]).toMatchObject({ collection: 'csatFeedback', imported: 1, linked: 1 });
    expect((await linkState(t.prisma))[id('2c', 2)]).toBe('API-1 by claimed');
  });

  it('waits for an order the orders API is writing at that moment, and links to it once committed', async () => {
    const api = new Client({ connectionString: db.url });
    await api.connect();
    try {
      // The orders API's side: the order number's advisory lock (the one order_link_target takes), the order written, not committed.
      await api.query('BEGIN');
      await api.query(`SELECT order_link_target('RACE-1')`);
      await api.query(`INSERT INTO "Order" ("orderNumber", "total", "currency", "status", "placedAt") VALUES ('RACE-1', 1, 'USD', 'paid', now())`);

      let finished = false;
      const importing = runImport(t, exportDir({ csatFeedback: [lateCsat(3, 'RACE-1')] })).finally(() => (finished = true));
      // The import must be blocked on that lock, not finished with an unlinked claim.
      for (;;) {
        const { rows } = await api.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (rows[0].waiting === 1 || finished) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(finished).toBe(false);
      await api.query('COMMIT');

      expect((await importing).counts[1]).toMatchObject({ imported: 1, linked: 1 });
      expect((await linkState(t.prisma))[id('2c', 3)]).toBe('RACE-1 by claimed');
    } finally {
      await api.end();
    }
  });

  it('links a claim the widget is writing at that moment to an order it imports, once the claim is committed', async () => {
    const widget = new Client({ connectionString: db.url });
    await widget.connect();
    try {
      // The widget's side (order_link_target, then the insert), held open: the order is not there yet.
      await widget.query('BEGIN');
      await widget.query(`SELECT order_link_target('RACE-2')`);
      await widget.query(`INSERT INTO "CsatFeedback" ("sessionId", "rating", "score", "claimedOrderNumber") VALUES ('w-race', 'great', 5, 'RACE-2')`);

      let finished = false;
      const importing = runImport(t, exportDir({ orders: [lateOrder(2, 'RACE-2')] })).finally(() => (finished = true));
      for (;;) {
        const { rows } = await widget.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (rows[0].waiting === 1 || finished) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(finished).toBe(false);
      await widget.query('COMMIT');

      expect((await importing).counts[0]).toMatchObject({ collection: 'orders', imported: 1, linked: 1 });
      expect(await t.prisma.csatFeedback.findFirstOrThrow({ where: { sessionId: 'w-race' } })).toMatchObject({ orderNumber: 'RACE-2', linkSource: 'claimed' });
    } finally {
      await widget.end();
    }
  });
});
