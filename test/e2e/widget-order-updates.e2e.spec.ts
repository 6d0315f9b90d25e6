import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('order-update subscriptions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('subscribes (201), then updates the same order and contact for its owner (200) instead of duplicating', async () => {
    const body = { sessionId: 'w_s', orderNumber: 'gg-12001', email: 'User@Example.com', phone: '+1-555-012-3456', sms: true, originIntent: 'order_tracking' };
    const first = await request(t.http).post('/api/support/order-updates').send(body).expect(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      orderNumber: 'GG-12001',
      email: 'user@example.com',
      phone: '+15550123456',
      channels: { email: true, sms: true },
      linked: false,
      subscribedAt: expect.any(String),
      unsubscribedAt: null,
      manageToken: expect.stringMatching(/^mst_[A-Za-z0-9_-]{43}$/),
    });
    const again = await request(t.http)
      .post('/api/support/order-updates')
      .set('X-Subscription-Token', first.body.manageToken)
      .send({ ...body, sms: false })
      .expect(200);
    expect(again.body).not.toHaveProperty('manageToken');
    expect(again.body).toMatchObject({ id: first.body.id, channels: { email: true, sms: false } });
    expect(await t.prisma.orderSubscription.count({ where: { claimedOrderNumber: 'GG-12001' } })).toBe(1);
  });

  it('links at once to a known order', async () => {
    await t.prisma.order.create({ data: { orderNumber: 'S-2', total: '1.00', currency: 'USD', status: 'paid', placedAt: new Date() } });
    const res = await request(t.http).post('/api/support/order-updates').send({ sessionId: 'w', orderNumber: 's-2', phone: '4155552671' }).expect(201);
    expect(res.body).toMatchObject({ linked: true, phone: '+14155552671', email: null, channels: { email: false, sms: false } });
  });

  it('unsubscribes by keeping the row with unsubscribedAt; subscribing again re-activates it', async () => {
    const { body } = await request(t.http).post('/api/support/order-updates').send({ sessionId: 'w', orderNumber: 'U-1', email: 'a@b.co' }).expect(201);
    const res = await request(t.http).delete(`/api/support/order-updates/${body.id}?token=${body.manageToken}`).expect(200);
    expect(res.body.unsubscribedAt).toEqual(expect.any(String));
    const row = await t.prisma.orderSubscription.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.unsubscribedAt).toBeInstanceOf(Date);
    const back = await request(t.http)
      .post('/api/support/order-updates')
      .set('X-Subscription-Token', body.manageToken)
      .send({ sessionId: 'w', orderNumber: 'U-1', email: 'a@b.co' })
      .expect(200);
    expect(back.body).toMatchObject({ id: body.id, unsubscribedAt: null });
  });

  it('answers 404 for an unknown or malformed subscription id', async () => {
    await request(t.http).delete('/api/support/order-updates/00000000-0000-4000-8000-000000000000').expect(404);
    await request(t.http).delete('/api/support/order-updates/not-a-uuid').expect(404);
  });

  it.each([
    ['no contact', { sessionId: 'w', orderNumber: 'A-1' }, 'email'],
    ['a null phone as the only contact', { sessionId: 'w', orderNumber: 'A-1', phone: null }, 'email'],
    ['sms without phone', { sessionId: 'w', orderNumber: 'A-1', email: 'a@b.co', sms: true }, 'sms'],
    ['bad phone', { sessionId: 'w', orderNumber: 'A-1', phone: '12' }, 'phone'],
    ['bad email', { sessionId: 'w', orderNumber: 'A-1', email: 'nope' }, 'email'],
    ['no order number', { sessionId: 'w', email: 'a@b.co' }, 'orderNumber'],
    ['sms not boolean', { sessionId: 'w', orderNumber: 'A-1', phone: '4155552671', sms: 'yes' }, 'sms'],
  ])('refuses %s with a 400 and stores nothing', async (_name, body, field) => {
    const before = await t.prisma.orderSubscription.count();
    const res = await request(t.http).post('/api/support/order-updates').send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.prisma.orderSubscription.count()).toBe(before);
  });
});
