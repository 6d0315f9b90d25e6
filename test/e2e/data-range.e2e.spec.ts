import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

/** Where the creator statistics and the CSAT report have data, whatever the window. */
describe('data ranges (GET /api/creators/widget-stats/range, GET /api/reports/csat/range)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.http).get(path).set(AUTH).expect(200);
  const put = (path: string, body: object) => request(t.http).put(path).set(AUTH).send(body).expect(201);
  const csat = (sessionId: string, orderNumber?: string) =>
    request(t.http).post('/api/support/csat').send({ sessionId, rating: 5, orderNumber }).expect(201);

  it('answers nulls while there is nothing to count, and requires the token', async () => {
    expect((await get('/api/creators/widget-stats/range')).body).toEqual({ currency: 'USD', from: null, to: null });
    expect((await get('/api/reports/csat/range')).body).toEqual({ from: null, to: null });
    await request(t.http).get('/api/creators/widget-stats/range').expect(401);
    await request(t.http).get('/api/reports/csat/range').expect(401);
  });

  it('spans the first and last widget-assisted sale of the currency, counting only what widget-stats counts', async () => {
    await put('/api/creators/ALEX10', { name: 'Alex', commissionRate: '0.10' });
    const order = (n: string, placedAt: string, extra: object = {}) => put(`/api/orders/${n}`, orderBody({ creatorCode: 'ALEX10', placedAt, ...extra }));
    await order('R-EARLY-CANCELLED', '2024-01-01T00:00:00Z', { status: 'cancelled' });
    await order('R-EARLY-NO-CREATOR', '2024-01-02T00:00:00Z', { creatorCode: null });
    await order('R-FIRST', '2024-03-01T10:00:00Z');
    await order('R-MIDDLE-UNASSISTED', '2024-03-05T10:00:00Z');
    await order('R-LAST', '2024-03-07T10:00:00Z');
    await order('R-EUR', '2024-06-01T00:00:00Z', { currency: 'EUR' });
    await order('R-LATE-UNASSISTED', '2025-01-01T00:00:00Z');
    for (const n of ['R-EARLY-CANCELLED', 'R-EARLY-NO-CREATOR', 'R-FIRST', 'R-LAST', 'R-EUR']) await csat(`s-${n}`, n);

    expect((await get('/api/creators/widget-stats/range')).body).toEqual({ currency: 'USD', from: '2024-03-01T10:00:00.000Z', to: '2024-03-07T10:00:00.000Z' });
    expect((await get('/api/creators/widget-stats/range?currency=eur')).body).toEqual({ currency: 'EUR', from: '2024-06-01T00:00:00.000Z', to: '2024-06-01T00:00:00.000Z' });
    expect((await get('/api/creators/widget-stats/range?currency=GBP')).body).toEqual({ currency: 'GBP', from: null, to: null });

    // The range holds the data widget-stats counts: asked for exactly that window, it finds both sales.
    const stats = await get('/api/creators/widget-stats?from=2024-03-01T10:00:00Z&to=2024-03-07T10:00:00.001Z');
    expect(stats.body.totalWidgetAssistedSales).toBe(2);
  });

  it('spans the first and last CSAT response, in the report’s currency filter', async () => {
    const created = async (sessionId: string, orderNumber?: string) => (await csat(sessionId, orderNumber)).body.createdAt as string;
    const { from, to } = (await get('/api/reports/csat/range')).body;
    const unlinked = await created('s-unlinked');
    const all = (await get('/api/reports/csat/range')).body;
    expect(all).toEqual({ from, to: unlinked });
    expect(Date.parse(from)).toBeLessThan(Date.parse(to));
    // With a currency, only responses linked to an order in it: the unlinked one is left out.
    const usd = (await get('/api/reports/csat/range?currency=usd')).body;
    expect(usd).toEqual({ from, to: expect.any(String) });
    expect(Date.parse(usd.to)).toBeLessThan(Date.parse(unlinked));
    expect((await get('/api/reports/csat/range?currency=GBP')).body).toEqual({ from: null, to: null });
  });

  it('refuses a currency that is not a code', async () => {
    const res = await request(t.http).get('/api/reports/csat/range?currency=dollars').set(AUTH).expect(400);
    expect(res.body.errors).toEqual([{ field: 'currency', message: 'currency must be a three-letter ISO 4217 code, e.g. USD' }]);
  });
});
