import request from 'supertest';
import { BackfillOptions, DEFAULT_BACKFILL_OPTIONS } from '../../src/legacy/backfill.service';
import { AUTH } from '../support/dashboard';
import { databaseSnapshot, LegacyTest, linkState, runImport, startLegacyTest } from '../support/legacy';
import { startTestApp, TestApp } from '../support/test-app';

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(22, '0')}`;
const CSAT = (n: number) => id('0c', n);
const HOLD = (n: number) => id('0d', n);
const SUB = (n: number) => id('0e', n);

/** Where every imported widget row of the fixture ends up, and which strategy put it there. */
const EXPECTED_LINKS = {
  [CSAT(1)]: 'GG-1001 by claimed', // linked by the import: the order is in the same export
  [CSAT(2)]: null, // claims GG-9999, unknown: left to its claim although its session names GG-1002
  [CSAT(3)]: 'GG-1003 by analytics', // the session tracked "#gg-1003"
  [CSAT(4)]: null, // ambiguous: its session tracked GG-1003 and GG-1004
  [CSAT(5)]: 'GG-1001 by session', // its session's hold was linked by email two hours earlier
  [CSAT(6)]: null, // the session's linked hold is three days away
  [CSAT(8)]: null,
  [CSAT(9)]: null,
  [CSAT(10)]: null,
  [CSAT(14)]: null, // ambiguous: session siblings linked to GG-1009 and GG-1006
  [HOLD(1)]: 'GG-1001 by email',
  [HOLD(2)]: null, // ambiguous: carol placed GG-1003 and GG-1004 within the window
  [HOLD(3)]: null, // dave's only order is 69 days away
  [HOLD(6)]: null,
  [HOLD(7)]: 'GG-1008 by email',
  [HOLD(8)]: 'GG-1009 by email',
  [SUB(1)]: 'GG-1001 by order_id', // orderId = the order's Mongo _id (also its externalId)
  [SUB(2)]: 'GG-1002 by order_id', // orderId = the shop's id in externalId
  [SUB(3)]: 'GG-1002 by order_id', // orderId = the Mongo _id of an order that carried the shop's id
  [SUB(4)]: null, // ambiguous: one order's externalId, another's Mongo _id; its email must not decide
  [SUB(5)]: null,
  [SUB(6)]: 'GG-1002 by claimed', // linked by the import
  [SUB(9)]: 'GG-1002 by email',
  [SUB(10)]: 'GG-1006 by order_id',
};

// The import already linked the two claims naming orders of the export; GG-9999 is still unknown.
const EXPECTED_SUMMARY = [
  { strategy: 'claimed', linked: 0, ambiguous: 0, unmatched: 1 },
  { strategy: 'order_id', linked: 4, ambiguous: 1, unmatched: 0 },
  { strategy: 'analytics', linked: 1, ambiguous: 1, unmatched: 14 },
  { strategy: 'email', linked: 4, ambiguous: 1, unmatched: 2 },
  { strategy: 'session', linked: 1, ambiguous: 1, unmatched: 7 },
];

/** Every widget row of the fixture accounted for: 2 linked by the import, 10 by the backfill, 12 left. */
const EXPECTED_ROWS = { total: 24, alreadyLinked: 2, linked: 10, unlinked: 12 };

const options = (change: Partial<BackfillOptions> = {}): BackfillOptions => ({ ...DEFAULT_BACKFILL_OPTIONS, ...change });

async function importedFixture(): Promise<LegacyTest> {
  const t = await startLegacyTest();
  await runImport(t);
  return t;
}

describe('npm run backfill', () => {
  let t: LegacyTest;
  beforeAll(async () => {
    t = await importedFixture();
  });
  afterAll(() => t.close());

  it('a dry run reports exactly what the run will do and leaves every row as it was', async () => {
    const before = await databaseSnapshot(t.prisma);
    const dry = await t.backfill.run(options({ dryRun: true, batchSize: 3 }));
    expect(dry.strategies).toEqual(EXPECTED_SUMMARY);
    expect(dry.rows).toEqual(EXPECTED_ROWS);
    expect(await databaseSnapshot(t.prisma)).toEqual(before);
  });

  it('links each row by the strongest evidence, records how and when, and leaves ambiguous rows alone', async () => {
    const started = Date.now();
    const summary = await t.backfill.run(options({ batchSize: 3 }));
    expect(summary).toEqual({ strategies: EXPECTED_SUMMARY, rows: EXPECTED_ROWS, resumed: false, restarted: false });
    expect(await linkState(t.prisma)).toEqual(EXPECTED_LINKS);
    const linked = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { legacyId: CSAT(5) } });
    expect(linked.linkedAt!.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(await t.prisma.backfillProgress.count()).toBe(0);
  });

  it('changes nothing when run again', async () => {
    const before = await databaseSnapshot(t.prisma);
    const again = await t.backfill.run(options());
    expect(again.strategies.map((s) => s.linked)).toEqual([0, 0, 0, 0, 0]);
    expect(again.strategies.map((s) => s.ambiguous)).toEqual(EXPECTED_SUMMARY.map((s) => s.ambiguous));
    expect(again.rows).toEqual({ total: 24, alreadyLinked: 12, linked: 0, unlinked: 12 });
    expect(await databaseSnapshot(t.prisma)).toEqual(before);
  });

  it('links an email match that was too far away once the window is wide enough', async () => {
    const wide = await t.backfill.run(options({ windowDays: 90, strategies: ['email'] }));
    expect(wide.strategies).toEqual([{ strategy: 'email', linked: 1, ambiguous: 1, unmatched: 1 }]);
    expect((await linkState(t.prisma))[HOLD(3)]).toBe('GG-1005 by email');
  });
});

describe('backfill and verified rows', () => {
  let t: LegacyTest;
  beforeAll(async () => {
    t = await importedFixture();
  });
  afterAll(() => t.close());

  it('keeps verified only on rows linked to the order they claimed: a widget token never named an inferred one', async () => {
    const rows = [CSAT(1), CSAT(3)];
    await t.prisma.csatFeedback.updateMany({ where: { legacyId: { in: rows } }, data: { verified: true } });
    await t.prisma.capsuleHold.update({ where: { legacyId: HOLD(1) }, data: { verified: true } });
    await t.backfill.run(options());
    const verified = async (legacyId: string) => (await t.prisma.csatFeedback.findUniqueOrThrow({ where: { legacyId } })).verified;
    expect(await verified(CSAT(1))).toBe(true); // GG-1001 by claimed
    expect(await verified(CSAT(3))).toBe(false); // GG-1003 by analytics
    expect((await t.prisma.capsuleHold.findUniqueOrThrow({ where: { legacyId: HOLD(1) } })).verified).toBe(false); // GG-1001 by email
  });
});

describe('backfill killed half-way', () => {
  let t: LegacyTest;
  beforeAll(async () => {
    t = await importedFixture();
  });
  afterAll(() => t.close());

  it('keeps its progress in the database and the next run finishes with the same result', async () => {
    const controller = new AbortController();
    let batches = 0;
    const onBatch = () => ++batches === 4 && controller.abort();
    await expect(t.backfill.run(options({ batchSize: 2 }), { onBatch, signal: controller.signal })).rejects.toThrow(/abort/i);
    const progress = await t.prisma.backfillProgress.findMany();
    expect(progress.length).toBeGreaterThan(0);
    const partly = Object.values(await linkState(t.prisma)).filter(Boolean).length;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(Object.values(EXPECTED_LINKS).filter(Boolean).length);

    // A dry run of the rest shows the resumed totals and keeps the progress for the real run.
    expect((await t.backfill.run(options({ dryRun: true, batchSize: 2 }))).strategies).toEqual(EXPECTED_SUMMARY);
    expect(await t.prisma.backfillProgress.count()).toBe(progress.length);

    const resumed = await t.backfill.run(options({ batchSize: 2 }));
    expect(resumed).toEqual({ strategies: EXPECTED_SUMMARY, rows: EXPECTED_ROWS, resumed: true, restarted: false });
    expect(await linkState(t.prisma)).toEqual(EXPECTED_LINKS);
    expect(await t.prisma.backfillProgress.count()).toBe(0);
  });

  it('starts over, and says so, when the interrupted run used other windows', async () => {
    await t.prisma.$executeRaw`UPDATE "CsatFeedback" SET "orderNumber" = NULL, "linkSource" = NULL, "linkedAt" = NULL WHERE "linkSource" = 'session'`;
    const controller = new AbortController();
    const interrupted = t.backfill.run(options({ batchSize: 1, strategies: ['session'] }), { onBatch: () => controller.abort(), signal: controller.signal });
    await expect(interrupted).rejects.toThrow(/abort/i);
    expect(await t.prisma.backfillProgress.count()).toBe(1);

    const other = await t.backfill.run(options({ sessionWindowHours: 2, strategies: ['session'] }));
    expect(other).toMatchObject({ resumed: false, restarted: true });
    expect(await linkState(t.prisma)).toEqual(EXPECTED_LINKS);
  });
});

describe('legacy rows on the dashboard after import and backfill', () => {
  let app: TestApp;
  let t: LegacyTest;
  beforeAll(async () => {
    app = await startTestApp();
    t = await startLegacyTest(app.databaseUrl);
    await runImport(t);
    await t.backfill.run(options());
  });
  afterAll(async () => {
    await t.close();
    await app.close();
  });

  it('GET /api/orders/:orderNumber shows each legacy interaction with the strategy that linked it', async () => {
    const res = await request(app.http).get('/api/orders/GG-1001').set(AUTH).expect(200);
    expect(res.body.widgetData).toMatchObject({ hasWidgetInteraction: true });
    const { csat, capsuleHolds, subscriptions } = res.body.interactions;
    expect(csat.map((c: { linkSource: string; notes: string | null }) => [c.linkSource, c.notes])).toEqual(
      expect.arrayContaining([['claimed', null], ['session', 'Super helpful!']]),
    );
    expect(capsuleHolds.map((h: { reservationId: string; linkSource: string }) => [h.reservationId, h.linkSource])).toEqual([['rsv_legacy_1', 'email']]);
    expect(subscriptions.map((s: { linkSource: string }) => s.linkSource)).toEqual(['order_id']);
  });

  it('shows nothing on the orders an ambiguous row could belong to', async () => {
    const res = await request(app.http).get('/api/orders/GG-1004').set(AUTH).expect(200);
    expect(res.body.widgetData.hasWidgetInteraction).toBe(false);
  });
});
