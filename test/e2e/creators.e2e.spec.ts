import request from 'supertest';
import { AUTH, countStatements, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

const NOTHING_VERIFIED = { verifiedWidgetAssistedSales: 0, verifiedWidgetAssistedRevenue: '0.00', verifiedWidgetAssistedCommission: '0.00' };

describe('creators (PUT /api/creators/:code, GET /api/creators)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const put = (code: string, body: object) => request(t.http).put(`/api/creators/${code}`).set(AUTH).send(body);

  it('creates a creator (201) under the upper-cased code, then updates it (200)', async () => {
    const created = await put(' alex10 ', { name: ' Alex ', commissionRate: '0.10' }).expect(201);
    expect(created.body).toEqual({ code: 'ALEX10', name: 'Alex', commissionRate: '0.10' });
    const updated = await put('ALEX10', { name: 'Alex B', commissionRate: '0.125' }).expect(200);
    expect(updated.body).toEqual({ code: 'ALEX10', name: 'Alex B', commissionRate: '0.125' });
    expect(await t.prisma.creator.count({ where: { code: 'ALEX10' } })).toBe(1);
  });

  it('lists creators by code with exact rates', async () => {
    await put('ZOE', { name: 'Zoe', commissionRate: '1' }).expect(201);
    await put('BEA', { name: 'Bea', commissionRate: '0.00001' }).expect(201);
    const res = await request(t.http).get('/api/creators').set(AUTH).expect(200);
    expect(res.body).toEqual({
      data: [
        { code: 'ALEX10', name: 'Alex B', commissionRate: '0.125' },
        { code: 'BEA', name: 'Bea', commissionRate: '0.00001' },
        { code: 'ZOE', name: 'Zoe', commissionRate: '1.00' },
      ],
    });
  });

  it.each([
    [{ name: 'X', commissionRate: 0.1 + 0.2 }, 'commissionRate'],
    [{ name: 'X', commissionRate: 1.5 }, 'commissionRate'],
    [{ name: 'X', commissionRate: true }, 'commissionRate'],
    [{ name: 'X', commissionRate: '1.5' }, 'commissionRate'],
    [{ name: 'X', commissionRate: '1.00001' }, 'commissionRate'],
    [{ name: 'X', commissionRate: '-0.1' }, 'commissionRate'],
    [{ name: 'X', commissionRate: '0.123456' }, 'commissionRate'],
    [{ name: 'X', commissionRate: '.1' }, 'commissionRate'],
    [{ name: '  ', commissionRate: '0.1' }, 'name'],
    [{ commissionRate: '0.1' }, 'name'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const res = await put('NEW', body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.prisma.creator.count({ where: { code: 'NEW' } })).toBe(0);
  });

  it('refuses an invalid code in the path', async () => {
    const res = await put('bad%20code!', { name: 'X', commissionRate: '0.1' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('code');
  });
});

describe('GET /api/creators/widget-stats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const stats = (query = '') => request(t.http).get(`/api/creators/widget-stats${query}`).set(AUTH);
  const creator = (code: string, commissionRate: string) =>
    request(t.http).put(`/api/creators/${code}`).set(AUTH).send({ name: `Creator ${code}`, commissionRate }).expect(201);
  const order = (orderNumber: string, overrides: Record<string, unknown>) =>
    request(t.http).put(`/api/orders/${orderNumber}`).set(AUTH).send(orderBody(overrides)).expect(201);
  // Each kind of widget interaction makes an order widget-assisted.
  const csat = (orderNumber: string) =>
    request(t.http).post('/api/support/csat').send({ sessionId: `s_${orderNumber}`, rating: 5, orderNumber }).expect(201);
  const capsule = (orderNumber: string) =>
    request(t.http)
      .post('/api/support/capsule')
      .send({ sessionId: `s_${orderNumber}`, customerEmail: 'c@example.com', shortlist: [{ productId: 'p' }], orderNumber })
      .expect(201);
  const subscription = (orderNumber: string) =>
    request(t.http).post('/api/support/order-updates').send({ sessionId: `s_${orderNumber}`, orderNumber, email: 'c@example.com' }).expect(201);
  const assisted = async (orderNumber: string, overrides: Record<string, unknown>) => {
    await order(orderNumber, overrides);
    await csat(orderNumber);
  };

  beforeAll(async () => {
    // The acceptance case, in USD.
    await creator('A', '0.10');
    await creator('B', '0.125');
    await csat('A-1'); // claimed before the order exists: linked when it arrives
    await order('A-1', { total: '129.90', creatorCode: 'A' });
    await order('A-2', { total: '59.85', creatorCode: 'A' });
    await capsule('A-2');
    await order('B-1', { total: '80.01', creatorCode: 'B' });
    await subscription('B-1');
    await assisted('A-CANCELLED', { total: '500.00', creatorCode: 'A', status: 'cancelled' });
    await assisted('B-REFUNDED', { total: '400.00', creatorCode: 'B', status: 'refunded' });
    await order('A-UNASSISTED', { total: '300.00', creatorCode: 'A' });
    await assisted('NO-CREATOR', { total: '200.00' });
    await csat('A-OTHER-CLAIM'); // a claim on another number does not assist A-UNASSISTED

    // Half-even cases, in EUR: 0.025 → 0.02, 0.035 → 0.04, 0.045 → 0.04, 0.055 → 0.06 (half-up: 0.18).
    await creator('HALF', '0.5');
    for (const [i, total] of ['0.05', '0.07', '0.09', '0.11'].entries()) await assisted(`H-${i}`, { total, currency: 'EUR', creatorCode: 'HALF' });

    // Per-order rounding, in GBP: three commissions of 0.005 round to 0.00 each (rounding the sum would give 0.02).
    await creator('TENTH', '0.1');
    for (const i of [1, 2, 3]) await assisted(`T-${i}`, { total: '0.05', currency: 'GBP', creatorCode: 'TENTH' });

    // The window, in JPY: from is inclusive, to exclusive.
    for (const [i, placedAt] of ['2026-10-31T23:59:59.999Z', '2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z', '2026-12-01T00:00:00.000Z'].entries()) {
      await assisted(`W-${i}`, { total: `${i + 1}0.00`, currency: 'JPY', creatorCode: 'TENTH', placedAt });
    }
  });

  it('returns sales 3, revenue "269.76", commission "28.97" for the acceptance case, in one SQL statement', async () => {
    const { result: res, statements } = await countStatements(() => stats('?currency=USD').expect(200));
    expect(statements).toBe(1);
    expect(res.body).toEqual({
      currency: 'USD',
      totalWidgetAssistedSales: 3,
      totalWidgetAssistedRevenue: '269.76',
      widgetAssistedCommission: '28.97',
      // No widget token was configured: nothing is verified.
      ...NOTHING_VERIFIED,
      creatorBreakdown: [
        { code: 'A', name: 'Creator A', widgetAssistedSales: 2, widgetAssistedRevenue: '189.75', widgetAssistedCommission: '18.97', ...NOTHING_VERIFIED },
        { code: 'B', name: 'Creator B', widgetAssistedSales: 1, widgetAssistedRevenue: '80.01', widgetAssistedCommission: '10.00', ...NOTHING_VERIFIED },
      ],
    });
    expect(res.body).not.toHaveProperty('widgetAssistedOrders');
  });

  it('defaults to STORE_CURRENCY (USD)', async () => {
    const res = await stats().expect(200);
    expect(res.body).toMatchObject({ currency: 'USD', totalWidgetAssistedSales: 3, totalWidgetAssistedRevenue: '269.76' });
  });

  it('rounds each commission half-even to cents, then sums', async () => {
    const res = await stats('?currency=EUR').expect(200);
    expect(res.body).toMatchObject({ totalWidgetAssistedSales: 4, totalWidgetAssistedRevenue: '0.32', widgetAssistedCommission: '0.16' });
    const perOrder = await stats('?currency=GBP').expect(200);
    expect(perOrder.body).toMatchObject({ totalWidgetAssistedSales: 3, totalWidgetAssistedRevenue: '0.15', widgetAssistedCommission: '0.00' });
  });

  it('counts orders placed in [from, to) only', async () => {
    const november = await stats('?currency=JPY&from=2026-11-01&to=2026-12-01T00:00:00Z').expect(200);
    expect(november.body).toMatchObject({ totalWidgetAssistedSales: 2, totalWidgetAssistedRevenue: '50.00', widgetAssistedCommission: '5.00' });
    const fromOnly = await stats('?currency=JPY&from=2026-11-01T00:00:00.000Z').expect(200);
    expect(fromOnly.body.totalWidgetAssistedSales).toBe(3);
    const toOnly = await stats('?currency=JPY&to=2026-11-01T01:00:00%2B01:00').expect(200);
    expect(toOnly.body.totalWidgetAssistedSales).toBe(1);
  });

  it('gives the same answer in both query shapes (all time, and a window covering everything)', async () => {
    for (const currency of ['USD', 'EUR', 'GBP', 'JPY']) {
      const allTime = await stats(`?currency=${currency}`).expect(200);
      const everything = await stats(`?currency=${currency}&from=2000-01-01&to=2100-01-01`).expect(200);
      expect(everything.body).toEqual(allTime.body);
      expect(allTime.body.totalWidgetAssistedSales).toBeGreaterThan(0);
    }
  });

  it('answers zeros when nothing matches', async () => {
    const res = await stats('?currency=CHF').expect(200);
    expect(res.body).toEqual({
      currency: 'CHF',
      totalWidgetAssistedSales: 0,
      totalWidgetAssistedRevenue: '0.00',
      widgetAssistedCommission: '0.00',
      ...NOTHING_VERIFIED,
      creatorBreakdown: [],
    });
  });

  it.each([
    ['?currency=US', 'currency'],
    ['?currency=DOLLAR', 'currency'],
    ['?from=yesterday', 'from'],
    ['?to=2026-13-01', 'to'],
    ['?from=2026-12-01&to=2026-11-01', 'to'],
    ['?to=9999-12-31T23:00:00-05:00', 'to'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const res = await stats(query).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('is not captured by the :code route', async () => {
    const res = await request(t.http).put('/api/creators/widget-stats').set(AUTH).send({ name: 'W', commissionRate: '0.1' }).expect(201);
    expect(res.body.code).toBe('WIDGET-STATS');
    expect((await stats()).body).toHaveProperty('creatorBreakdown');
  });
});

describe('GET /api/creators/widget-stats with STORE_CURRENCY=EUR', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ STORE_CURRENCY: 'EUR' });
  });
  afterAll(() => t.close());

  it('defaults to the configured store currency', async () => {
    const res = await request(t.http).get('/api/creators/widget-stats').set(AUTH).expect(200);
    expect(res.body).toMatchObject({ currency: 'EUR', totalWidgetAssistedSales: 0 });
  });
});
