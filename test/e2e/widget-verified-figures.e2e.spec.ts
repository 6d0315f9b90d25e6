import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';
import { TOKEN_ENV, widgetToken } from '../support/widget-token';

/**
 * Issue 13, "Commission inflation": any caller could post CSAT rows naming guessed order numbers,
 * making those orders widget-assisted and moving the creator's commission. With
 * WIDGET_TOKEN_SECRETS set, the verified figures count only rows a shop-signed token vouched for.
 */
describe('verified figures (contract §7 "Verification")', () => {
  let t: TestApp;
  const stats = (query = '') => request(t.http).get(`/api/creators/widget-stats${query}`).set(AUTH).expect(200);
  const report = (groupBy?: string) =>
    request(t.http).get('/api/reports/csat').query({ from: '2026-01-01', to: '2030-01-01', ...(groupBy && { groupBy }) }).set(AUTH).expect(200);
  const csat = (body: object, token?: string) => {
    const req = request(t.http).post('/api/support/csat');
    return (token ? req.set('X-Widget-Token', token) : req).send(body).expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp(TOKEN_ENV);
    await request(t.http).put('/api/creators/ALEX10').set(AUTH).send({ name: 'Alex', commissionRate: '0.10' }).expect(201);
    await request(t.http).put('/api/creators/SAM5').set(AUTH).send({ name: 'Sam', commissionRate: '0.10' }).expect(201);
    const order = (n: string, total: string, creatorCode: string) =>
      request(t.http).put(`/api/orders/${n}`).set(AUTH).send(orderBody({ total, creatorCode, customerEmail: 'shopper@example.com' })).expect(201);
    await order('V-1', '30.00', 'ALEX10');
    await order('U-1', '10.00', 'ALEX10');
    await order('U-2', '10.00', 'ALEX10');
    await order('V-3', '0.25', 'SAM5');

    // What the shop's server vouched for.
    await csat({ sessionId: 'w_v', rating: 'great', intent: 'sizing', orderNumber: 'V-1' }, await widgetToken({ sessionId: 'w_v', orders: ['V-1'] }));
    await csat({ sessionId: 'w_v2', rating: 'okay', intent: 'returns', orderNumber: 'v-1' }, await widgetToken({ sessionId: 'w_v2', orders: ['#V-1'] }));
    await request(t.http).post('/api/support/capsule').set('X-Widget-Token', await widgetToken({ sessionId: 'w_h', orders: ['V-1'] }))
      .send({ sessionId: 'w_h', customerEmail: 'shopper@example.com', shortlist: [{ productId: 'p' }], orderNumber: 'V-1' }).expect(201);
    await request(t.http).post('/api/support/order-updates')
      .set('X-Widget-Token', await widgetToken({ sessionId: 'w_s', email: 'shopper@example.com', orders: ['V-3'] }))
      .send({ sessionId: 'w_s', orderNumber: 'V-3', email: 'shopper@example.com' }).expect(201);
  });
  afterAll(() => t.close());

  const BEFORE_ATTACK = {
    currency: 'USD',
    totalWidgetAssistedSales: 2,
    totalWidgetAssistedRevenue: '30.25',
    widgetAssistedCommission: '3.02',
    verifiedWidgetAssistedSales: 2,
    verifiedWidgetAssistedRevenue: '30.25',
    verifiedWidgetAssistedCommission: '3.02',
    creatorBreakdown: [
      {
        code: 'ALEX10', name: 'Alex', widgetAssistedSales: 1, widgetAssistedRevenue: '30.00', widgetAssistedCommission: '3.00',
        verifiedWidgetAssistedSales: 1, verifiedWidgetAssistedRevenue: '30.00', verifiedWidgetAssistedCommission: '3.00',
      },
      {
        // 0.25 × 0.10 = 0.025 → 0.02 (half-even).
        code: 'SAM5', name: 'Sam', widgetAssistedSales: 1, widgetAssistedRevenue: '0.25', widgetAssistedCommission: '0.02',
        verifiedWidgetAssistedSales: 1, verifiedWidgetAssistedRevenue: '0.25', verifiedWidgetAssistedCommission: '0.02',
      },
    ],
  };

  it('counts only verified interactions in the verified figures, exactly', async () => {
    expect((await stats()).body).toEqual(BEFORE_ATTACK);
  });

  it('lets unverified CSAT posts move the totals but no verified figure', async () => {
    // Six posts naming guessed order numbers, a post whose token does not name the order, and an
    // unverified re-rating under a verified session's id.
    for (const [i, n] of ['U-1', 'U-2', 'U-1', 'U-2', 'U-1', 'U-2'].entries()) await csat({ sessionId: `x${i}`, rating: 'terrible', orderNumber: n });
    await csat({ sessionId: 'w_a', rating: 1, orderNumber: 'U-1' }, await widgetToken({ sessionId: 'w_a', orders: ['V-1'] }));
    await csat({ sessionId: 'w_v', rating: 'terrible', orderNumber: 'V-1' });

    const all = (await stats()).body;
    expect(all).toEqual({
      ...BEFORE_ATTACK,
      totalWidgetAssistedSales: 4,
      totalWidgetAssistedRevenue: '50.25',
      widgetAssistedCommission: '5.02',
      creatorBreakdown: [
        { ...BEFORE_ATTACK.creatorBreakdown[0], widgetAssistedSales: 3, widgetAssistedRevenue: '50.00', widgetAssistedCommission: '5.00' },
        BEFORE_ATTACK.creatorBreakdown[1],
      ],
    });
    // The windowed query shape answers the same.
    expect((await stats('?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')).body).toEqual(all);
  });

  it('adds verifiedResponses and verifiedCsatPercent to the CSAT report, counting verified responses among themselves', async () => {
    const total = (await report()).body;
    // Counted: x0..x5 and w_a (1 each), w_v2 (3), and w_v's unverified re-rating (1), which replaced its 5 in the totals.
    expect(total).toMatchObject({ responses: 9, csatPercent: '0.0', averageScore: '1.22', verifiedResponses: 2, verifiedCsatPercent: '50.0' });

    expect((await report('intent')).body.groups).toEqual([
      { key: null, responses: 8, csatPercent: '0.0', averageScore: '1.00', verifiedResponses: 0, verifiedCsatPercent: null },
      { key: 'returns', responses: 1, csatPercent: '0.0', averageScore: '3.00', verifiedResponses: 1, verifiedCsatPercent: '0.0' },
      { key: 'sizing', responses: 0, csatPercent: null, averageScore: null, verifiedResponses: 1, verifiedCsatPercent: '100.0' },
    ]);
    expect((await report('creator')).body.groups).toEqual([
      { key: 'ALEX10', responses: 9, csatPercent: '0.0', averageScore: '1.22', verifiedResponses: 2, verifiedCsatPercent: '50.0' },
    ]);
  });

  it('shows verified on every interaction of the order detail', async () => {
    const { interactions } = (await request(t.http).get('/api/orders/V-1').set(AUTH).expect(200)).body;
    expect(interactions.csat.map((c: { sessionId: string; verified: boolean }) => [c.sessionId, c.verified])).toEqual([
      ['w_v', false],
      ['w_v2', true],
      ['w_v', true],
    ]);
    expect(interactions.capsuleHolds).toEqual([expect.objectContaining({ sessionId: 'w_h', verified: true })]);
    const v3 = (await request(t.http).get('/api/orders/V-3').set(AUTH).expect(200)).body;
    expect(v3.interactions.subscriptions).toEqual([expect.objectContaining({ sessionId: 'w_s', verified: true, unconfirmed: false })]);
  });

  it('does not verify a subscription whose email the token does not vouch for', async () => {
    const token = await widgetToken({ sessionId: 'w_e', email: 'someone@example.com', orders: ['U-1'] });
    const res = await request(t.http).post('/api/support/order-updates').set('X-Widget-Token', token)
      .send({ sessionId: 'w_e', orderNumber: 'U-1', email: 'shopper@example.com' }).expect(201);
    expect((await t.prisma.orderSubscription.findUniqueOrThrow({ where: { id: res.body.id } })).verified).toBe(false);
    expect((await stats()).body.verifiedWidgetAssistedSales).toBe(2);
  });
});
