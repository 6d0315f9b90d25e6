import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

const hold = (extra: Record<string, unknown> = {}) => ({
  sessionId: 'w_c',
  customerEmail: ' Ada@Example.com ',
  customerName: 'Ada',
  shortlist: [{ productId: 'p_1', variantId: 'v_9', title: 'Linen shirt', size: 'M', price: '59.00', secret: 'x' }],
  ...extra,
});

describe('capsule holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a 48 h hold with an unguessable id', async () => {
    const res = await request(t.http).post('/api/support/capsule').send(hold({ orderNumber: '#c-1' })).expect(201);
    expect(res.body).toEqual({
      reservationId: expect.stringMatching(/^rsv_[A-Za-z0-9_-]{22}$/),
      status: 'active',
      reservedAt: expect.any(String),
      expiresAt: expect.any(String),
      orderNumber: 'C-1',
      linked: false,
    });
    const hours = (Date.parse(res.body.expiresAt) - Date.parse(res.body.reservedAt)) / 3_600_000;
    expect(hours).toBeCloseTo(48, 5);
    const row = await t.prisma.capsuleHold.findUniqueOrThrow({ where: { reservationId: res.body.reservationId } });
    expect(row.customerEmail).toBe('ada@example.com');
    expect(row.shortlist).toEqual([{ productId: 'p_1', variantId: 'v_9', title: 'Linen shirt', size: 'M', price: '59.00' }]);
  });

  it('gives every hold a distinct id', async () => {
    const ids = await Promise.all(
      Array.from({ length: 10 }, () => request(t.http).post('/api/support/capsule').send(hold()).then((r) => r.body.reservationId)),
    );
    expect(new Set(ids).size).toBe(10);
  });

  it('reads a hold without the customer email or name', async () => {
    const { body } = await request(t.http).post('/api/support/capsule').send(hold({ holdHours: 2 })).expect(201);
    const res = await request(t.http).get(`/api/support/capsule/${body.reservationId}`).expect(200);
    expect(res.body).toEqual({
      reservationId: body.reservationId,
      status: 'active',
      reservedAt: body.reservedAt,
      expiresAt: body.expiresAt,
      shortlist: [{ productId: 'p_1', variantId: 'v_9', title: 'Linen shirt', size: 'M', price: '59.00' }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/example\.com|Ada/);
  });

  it('derives "expired" from expiresAt when read, and refuses to cancel an expired hold', async () => {
    const { body } = await request(t.http).post('/api/support/capsule').send(hold()).expect(201);
    await t.prisma.capsuleHold.update({ where: { reservationId: body.reservationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const read = await request(t.http).get(`/api/support/capsule/${body.reservationId}`).expect(200);
    expect(read.body.status).toBe('expired');
    const cancel = await request(t.http).delete(`/api/support/capsule/${body.reservationId}`).expect(409);
    expect(cancel.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(cancel.body.detail).toMatch(/expired/);
  });

  it('cancels an active hold once; a second cancel is a 409', async () => {
    const { body } = await request(t.http).post('/api/support/capsule').send(hold()).expect(201);
    const first = await request(t.http).delete(`/api/support/capsule/${body.reservationId}`).expect(200);
    expect(first.body).toMatchObject({ reservationId: body.reservationId, status: 'cancelled' });
    expect(first.body.customerEmail).toBeUndefined();
    await request(t.http).delete(`/api/support/capsule/${body.reservationId}`).expect(409);
    const read = await request(t.http).get(`/api/support/capsule/${body.reservationId}`).expect(200);
    expect(read.body.status).toBe('cancelled');
  });

  it('answers 404 for an unknown reservation', async () => {
    const res = await request(t.http).get('/api/support/capsule/rsv_doesnotexist').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.http).delete('/api/support/capsule/rsv_doesnotexist').expect(404);
  });

  it.each([
    ['no session', { sessionId: undefined }, 'sessionId'],
    ['bad email', { customerEmail: 'not-an-email' }, 'customerEmail'],
    ['empty shortlist', { shortlist: [] }, 'shortlist'],
    ['21 items', { shortlist: Array.from({ length: 21 }, (_, i) => ({ productId: `p${i}` })) }, 'shortlist'],
    ['item without productId', { shortlist: [{ title: 'x' }] }, 'shortlist.0.productId'],
    ['a nested array', { shortlist: [[{ productId: 'p' }]] }, 'shortlist'],
    ['float price', { shortlist: [{ productId: 'p', price: 59.9 }] }, 'shortlist.0.price'],
    ['holdHours 0', { holdHours: 0 }, 'holdHours'],
    ['holdHours 169', { holdHours: 169 }, 'holdHours'],
    ['holdHours 1.5', { holdHours: 1.5 }, 'holdHours'],
  ])('refuses %s with a 400 naming the field and stores nothing', async (_name, extra, field) => {
    const before = await t.prisma.capsuleHold.count();
    const res = await request(t.http).post('/api/support/capsule').send(hold(extra)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.prisma.capsuleHold.count()).toBe(before);
  });
});
