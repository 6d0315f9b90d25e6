import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /api/orders/:orderNumber', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (orderNumber: string) => request(t.http).get(`/api/orders/${orderNumber}`).set(AUTH);

  beforeAll(async () => {
    // Claimed before the order exists (linked by the order sync), then after (linked by the widget).
    const early = await request(t.http).post('/api/support/csat').send({ sessionId: 'w_1', rating: 'bad', intent: 'order_tracking', orderNumber: 'GG-1' }).expect(201);
    await t.prisma.csatFeedback.update({ where: { id: early.body.id }, data: { createdAt: new Date('2026-11-24T09:00:00.000Z') } });
    await request(t.http)
      .post('/api/support/capsule')
      .send({ sessionId: 'w_1', customerEmail: 'Ada@Example.com', customerName: 'Ada', shortlist: [{ productId: 'p_1', size: 'M', price: '59.00' }], orderNumber: 'GG-1' })
      .expect(201);
    await request(t.http).put('/api/orders/GG-1').set(AUTH).send(orderBody()).expect(201);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_1', rating: 'great', notes: 'Thanks!', orderNumber: 'gg-1' }).expect(201);
    const sub = await request(t.http).post('/api/support/order-updates').send({ sessionId: 'w_1', orderNumber: 'GG-1', phone: '+1-555-012-3456', sms: true }).expect(201);
    await request(t.http).delete(`/api/support/order-updates/${sub.body.id}`).set('X-Subscription-Token', sub.body.manageToken).expect(200);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_2', rating: 4, orderNumber: 'GG-2' }).expect(201);
  });

  it('answers the order with every linked interaction, newest first, and how each was linked', async () => {
    const res = await get('GG-1').expect(200);
    expect(res.body).toMatchObject({
      orderNumber: 'GG-1',
      total: '129.90',
      widgetData: { hasWidgetInteraction: true, csatRating: 5, csatLabel: 'great', csatNotes: 'Thanks!', subscription: null },
    });
    const { csat, capsuleHolds, subscriptions } = res.body.interactions;
    expect(csat).toEqual([
      {
        id: expect.any(String),
        sessionId: 'w_1',
        score: 5,
        rating: 'great',
        notes: 'Thanks!',
        intent: null,
        createdAt: expect.any(String),
        claimedOrderNumber: 'GG-1',
        linkSource: 'widget',
        linkedAt: expect.any(String),
        verified: false,
      },
      {
        id: expect.any(String),
        sessionId: 'w_1',
        score: 2,
        rating: 'bad',
        notes: null,
        intent: 'order_tracking',
        createdAt: '2026-11-24T09:00:00.000Z',
        claimedOrderNumber: 'GG-1',
        linkSource: 'order_sync',
        linkedAt: expect.any(String),
        verified: false,
      },
    ]);
    expect(capsuleHolds).toEqual([
      {
        reservationId: expect.stringMatching(/^rsv_/),
        status: 'active',
        reservedAt: expect.any(String),
        expiresAt: expect.any(String),
        shortlist: [{ productId: 'p_1', size: 'M', price: '59.00' }],
        sessionId: 'w_1',
        customerEmail: 'ada@example.com',
        customerName: 'Ada',
        claimedOrderNumber: 'GG-1',
        linkSource: 'order_sync',
        linkedAt: expect.any(String),
        verified: false,
      },
    ]);
    expect(subscriptions).toEqual([
      {
        id: expect.any(String),
        sessionId: 'w_1',
        email: null,
        phone: '+15550123456',
        channels: { email: false, sms: true },
        originIntent: null,
        subscribedAt: expect.any(String),
        unsubscribedAt: expect.any(String),
        unconfirmed: false,
        claimedOrderNumber: 'GG-1',
        linkSource: 'widget',
        linkedAt: expect.any(String),
        verified: false,
      },
    ]);
  });

  it('normalises the order number in the path', async () => {
    const res = await get('%20%23gg-1%20').expect(200);
    expect(res.body.orderNumber).toBe('GG-1');
  });

  it('answers an unknown order with a 404 problem, even when a widget row claimed it', async () => {
    const res = await get('GG-2').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers an invalid order number with a 400 problem', async () => {
    const res = await get('bad%20number!').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('orderNumber');
  });
});
