import request from 'supertest';
import { freezeDate } from '../support/clock';
import { AUTH, countStatements, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The fixture, and by hand what the report must say about it. Window [2026-11-01, 2026-11-05):
 * four UTC days, the 3rd without responses. Orders: A-1 USD/ALEX10, A-2 USD/SAM5, A-3 EUR/ALEX10,
 * A-4 USD without creator.
 */
const CSAT = [
  // session, linked order, claimed order, score, intent, createdAt                   counted?
  ['s1', 'A-1', 'A-1', 2, 'order_tracking', '2026-11-01T09:00:00.000Z'], //          no: re-rated below
  ['s1', 'A-1', 'A-1', 5, 'order_tracking', '2026-11-02T10:00:00.000Z'], //          yes 11-02
  ['s2', 'A-1', 'A-1', 4, 'returns', '2026-11-01T12:00:00.000Z'], //                 yes 11-01 (another session)
  ['s3', 'A-2', 'A-2', 3, 'order_tracking', '2026-11-01T23:59:59.999Z'], //          yes 11-01
  ['s4', null, 'GG-404', 1, 'returns', '2026-11-02T00:00:00.000Z'], //               yes 11-02, unlinked claim
  ['s5', null, 'GG-405', 1, 'returns', '2026-11-02T08:00:00.000Z'], //               no: re-rated below
  ['s5', null, 'GG-405', 4, 'returns', '2026-11-02T09:00:00.000Z'], //               yes 11-02
  ['s6', null, null, 2, null, '2026-11-04T05:00:00.000Z'], //                        no: the session's later un-ordered rating
  ['s6', null, null, 5, null, '2026-11-04T06:00:00.000Z'], //                        yes 11-04
  ['s6', 'A-4', 'A-4', 4, 'sizing', '2026-11-04T07:00:00.000Z'], //                  yes 11-04 (another order)
  ['s7', 'A-3', 'A-3', 5, 'sizing', '2026-11-02T15:00:00.000Z'], //                  yes 11-02, EUR
  ['s8', 'A-2', 'A-2', 1, 'returns', '2026-11-04T20:00:00.000Z'], //                 no: re-rated after the window
  ['s8', 'A-2', 'A-2', 4, 'returns', '2026-11-05T10:00:00.000Z'], //                 outside (after)
  ['s9', 'A-4', 'A-4', 5, 'order_tracking', '2026-10-31T23:59:59.999Z'], //          outside (before)
  ['s10', 'A-1', 'A-1', 3, null, '2026-11-05T00:00:00.000Z'], //                     outside (to is exclusive)
  ['s11', 'A-4', null, 1, 'sizing', '2026-11-01T08:00:00.000Z'], //                  no: linked by the backfill, re-rated below
  ['s11', 'A-4', 'A-4', 3, 'sizing', '2026-11-04T08:00:00.000Z'], //                 yes 11-04
] as const;
// Counted scores 5,4,3,1,4,5,4,5,3: 9 responses, 6 of them 4-5 → 66.7 %, 34 / 9 → 3.78.

const WINDOW = { from: '2026-11-01', to: '2026-11-05T00:00:00Z' };

describe('GET /api/reports/csat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const put = (path: string, body: object) => request(t.http).put(path).set(AUTH).send(body).expect(201);
    await put('/api/creators/ALEX10', { name: 'Alex', commissionRate: '0.10' });
    await put('/api/creators/SAM5', { name: 'Sam', commissionRate: '0.05' });
    await put('/api/orders/A-1', orderBody({ creatorCode: 'ALEX10' }));
    await put('/api/orders/A-2', orderBody({ creatorCode: 'SAM5' }));
    await put('/api/orders/A-3', orderBody({ creatorCode: 'ALEX10', currency: 'EUR' }));
    await put('/api/orders/A-4', orderBody());
    // Direct inserts: only the database can backdate a response.
    await t.prisma.csatFeedback.createMany({
      data: CSAT.map(([sessionId, orderNumber, claimedOrderNumber, score, intent, createdAt]) => ({
        sessionId,
        rating: String(score),
        score,
        intent,
        createdAt: new Date(createdAt),
        orderNumber,
        claimedOrderNumber,
        linkSource: orderNumber ? (claimedOrderNumber ? 'widget' : 'email') : null,
        linkedAt: orderNumber ? new Date(createdAt) : null,
      })),
    });
  });
  afterAll(() => t.close());

  const report = (query: Record<string, string>) => request(t.http).get('/api/reports/csat').query(query).set(AUTH);

  it('counts the latest rating of each session per order, in one SQL statement', async () => {
    const { result: res, statements } = await countStatements(() => report(WINDOW).expect(200));
    expect(statements).toBe(1);
    expect(res.body).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-05T00:00:00.000Z',
      responses: 9,
      csatPercent: '66.7',
      averageScore: '3.78',
      verifiedResponses: 0,
      verifiedCsatPercent: null,
      distribution: { '1': 1, '2': 0, '3': 2, '4': 3, '5': 3 },
      groups: [],
    });
  });

  it('groups by UTC day, days without responses included', async () => {
    const res = await report({ ...WINDOW, groupBy: 'day' }).expect(200);
    expect(res.body).toMatchObject({ responses: 9, csatPercent: '66.7', averageScore: '3.78' });
    expect(res.body.groups).toEqual([
      { key: '2026-11-01', responses: 2, csatPercent: '50.0', averageScore: '3.50', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: '2026-11-02', responses: 4, csatPercent: '75.0', averageScore: '3.75', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: '2026-11-03', responses: 0, csatPercent: null, averageScore: null, verifiedResponses: 0, verifiedCsatPercent: null },
      { key: '2026-11-04', responses: 3, csatPercent: '66.7', averageScore: '4.00', verifiedResponses: 0, verifiedCsatPercent: null },
    ]);
  });

  it('groups by intent, most responses first, no intent under null', async () => {
    const res = await report({ ...WINDOW, groupBy: 'intent' }).expect(200);
    expect(res.body.groups).toEqual([
      { key: 'returns', responses: 3, csatPercent: '66.7', averageScore: '3.00', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: 'sizing', responses: 3, csatPercent: '66.7', averageScore: '4.00', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: 'order_tracking', responses: 2, csatPercent: '50.0', averageScore: '4.00', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: null, responses: 1, csatPercent: '100.0', averageScore: '5.00', verifiedResponses: 0, verifiedCsatPercent: null },
    ]);
  });

  it("groups by the linked order's creator, unlinked responses and orders without creator under null", async () => {
    const res = await report({ ...WINDOW, groupBy: 'creator' }).expect(200);
    expect(res.body.groups).toEqual([
      { key: null, responses: 5, csatPercent: '60.0', averageScore: '3.40', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: 'ALEX10', responses: 3, csatPercent: '100.0', averageScore: '4.67', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: 'SAM5', responses: 1, csatPercent: '0.0', averageScore: '3.00', verifiedResponses: 0, verifiedCsatPercent: null },
    ]);
  });

  it('with a currency, counts only responses linked to orders in it', async () => {
    const usd = await report({ ...WINDOW, currency: 'USD' }).expect(200);
    expect(usd.body).toMatchObject({
      responses: 5,
      csatPercent: '60.0',
      averageScore: '3.80',
      distribution: { '1': 0, '2': 0, '3': 2, '4': 2, '5': 1 },
    });
    const eur = await report({ ...WINDOW, currency: 'EUR', groupBy: 'creator' }).expect(200);
    expect(eur.body).toMatchObject({ responses: 1, csatPercent: '100.0', groups: [{ key: 'ALEX10', responses: 1 }] });
  });

  it('answers null percent and average, zero counts and empty days when nothing matches', async () => {
    const res = await report({ from: '2026-06-01', to: '2026-06-03', groupBy: 'day' }).expect(200);
    expect(res.body).toEqual({
      from: '2026-06-01T00:00:00.000Z',
      to: '2026-06-03T00:00:00.000Z',
      responses: 0,
      csatPercent: null,
      averageScore: null,
      verifiedResponses: 0,
      verifiedCsatPercent: null,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      groups: [
        { key: '2026-06-01', responses: 0, csatPercent: null, averageScore: null, verifiedResponses: 0, verifiedCsatPercent: null },
        { key: '2026-06-02', responses: 0, csatPercent: null, averageScore: null, verifiedResponses: 0, verifiedCsatPercent: null },
      ],
    });
  });

  it('a partial first day is still one UTC day, counted from `from` on', async () => {
    const res = await report({ from: '2026-11-01T10:00:00Z', to: '2026-11-02T12:00:00.001+02:00', groupBy: 'day' }).expect(200);
    expect(res.body.groups).toEqual([
      { key: '2026-11-01', responses: 2, csatPercent: '50.0', averageScore: '3.50', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: '2026-11-02', responses: 3, csatPercent: '66.7', averageScore: '3.33', verifiedResponses: 0, verifiedCsatPercent: null },
    ]);
  });

  // The service reads the clock once per request; the clock is frozen so the test reads the same
  // instant, including a tenth of a second before UTC midnight.
  it.each([
    ['2026-06-15T12:00:00.000Z', '2026-05-17T00:00:00.000Z', '2026-06-16T00:00:00.000Z'],
    ['2026-12-31T23:59:59.900Z', '2026-12-02T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('defaults to the last 30 whole UTC days, today included (at %s)', async (now, from, to) => {
    const today = now.slice(0, 10);
    await t.prisma.csatFeedback.create({ data: { sessionId: `today-${today}`, rating: 'great', score: 5, createdAt: new Date(now) } });
    freezeDate(now);
    try {
      const res = await report({ groupBy: 'day' }).expect(200);
      expect(res.body).toMatchObject({ from, to, responses: 1 });
      expect(res.body.groups).toHaveLength(30);
      expect(res.body.groups.at(-1)).toEqual({ key: today, responses: 1, csatPercent: '100.0', averageScore: '5.00', verifiedResponses: 0, verifiedCsatPercent: null });
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
    [{ from: '2026-11-01T10:00:00' }, 'from'],
    [{ from: '2026-11-05', to: '2026-11-01' }, 'to'],
    [{ groupBy: 'week' }, 'groupBy'],
    [{ currency: 'US' }, 'currency'],
    [{ from: '2025-01-01', to: '2026-01-03', groupBy: 'day' }, 'from'],
    [{ from: '2026-01-01', to: '9999-12-31T23:00:00-05:00' }, 'to'],
  ])('refuses %j with a 400 problem naming %s', async (query, field) => {
    const res = await report(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('allows a window longer than a year without daily groups', async () => {
    await report({ from: '2025-01-01', to: '2027-01-01', groupBy: 'intent' }).expect(200);
  });

  it('requires the dashboard token', async () => {
    const missing = await request(t.http).get('/api/reports/csat').expect(401);
    expect(missing.body).toMatchObject({ status: 401 });
    expect(missing.body).not.toHaveProperty('responses');
    await request(t.http).get('/api/reports/csat').set('Authorization', 'Bearer wrong').expect(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await request(t.http).get('/docs/json').expect(200);
    const op = res.body.paths['/api/reports/csat'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['currency', 'from', 'groupBy', 'to']);
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
  });
});
