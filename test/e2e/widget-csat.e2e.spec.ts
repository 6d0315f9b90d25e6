import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('POST /api/support/csat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const count = () => t.prisma.csatFeedback.count();

  it('stores a label as its score and keeps an unknown order number as a claim', async () => {
    const res = await request(t.http)
      .post('/api/support/csat')
      .send({ sessionId: 'w_1', rating: 'Great ', notes: 'Super helpful!', intent: 'order_tracking', orderNumber: ' #gg-12001 ' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      score: 5,
      rating: 'great',
      orderNumber: 'GG-12001',
      linked: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const row = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ score: 5, rating: 'Great ', claimedOrderNumber: 'GG-12001', orderNumber: null, linkSource: null });
  });

  it('links at once when the order exists', async () => {
    await t.prisma.order.create({
      data: { orderNumber: 'GG-2', total: '10.00', currency: 'USD', status: 'paid', placedAt: new Date() },
    });
    const res = await request(t.http).post('/api/support/csat').send({ sessionId: 'w_2', rating: 4, orderNumber: 'gg-2' }).expect(201);
    expect(res.body).toMatchObject({ score: 4, rating: 'good', orderNumber: 'GG-2', linked: true });
    const row = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ orderNumber: 'GG-2', linkSource: 'widget', linkedAt: expect.any(Date) });
  });

  it.each([
    ['no sessionId', { rating: 'great' }, 'sessionId'],
    ['an empty sessionId', { sessionId: '', rating: 'great' }, 'sessionId'],
    ['a 129-character sessionId', { sessionId: 'x'.repeat(129), rating: 'great' }, 'sessionId'],
    ['no rating', { sessionId: 'w' }, 'rating'],
    ['rating "meh"', { sessionId: 'w', rating: 'meh' }, 'rating'],
    ['rating 0', { sessionId: 'w', rating: 0 }, 'rating'],
    ['rating 4.5', { sessionId: 'w', rating: 4.5 }, 'rating'],
    ['2001-character notes', { sessionId: 'w', rating: 'great', notes: 'n'.repeat(2001) }, 'notes'],
    ['a 65-character intent', { sessionId: 'w', rating: 'great', intent: 'i'.repeat(65) }, 'intent'],
    ['an invalid order number', { sessionId: 'w', rating: 'great', orderNumber: 'bad number!' }, 'orderNumber'],
    ['a numeric order number', { sessionId: 'w', rating: 'great', orderNumber: 42 }, 'orderNumber'],
    ['a NUL character', { sessionId: 'w\u0000', rating: 'great' }, 'sessionId'],
    ['an unpaired surrogate', { sessionId: 'w\udc00', rating: 'great' }, 'sessionId'],
  ])('refuses %s with a 400 naming the field and stores nothing', async (_name, body, field) => {
    const before = await count();
    const res = await request(t.http).post('/api/support/csat').send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count()).toBe(before);
  });

  it('lists the accepted ratings when refusing one', async () => {
    const res = await request(t.http).post('/api/support/csat').send({ sessionId: 'w', rating: 'meh' }).expect(400);
    expect(res.body.errors[0].message).toMatch(/terrible, bad, okay, good, great.*integer from 1 to 5/);
  });

  it('ignores unknown fields and never stores them', async () => {
    const res = await request(t.http)
      .post('/api/support/csat')
      .send({ sessionId: 'w_3', rating: 'ok', score: 1, linkSource: 'hack', orderNumber: 'X-1', extra: { a: 1 } })
      .expect(201);
    expect(res.body).toMatchObject({ score: 3, rating: 'okay' });
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'id', 'linked', 'orderNumber', 'rating', 'score']);
    const row = await t.prisma.csatFeedback.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.linkSource).toBeNull();
  });

  it('answers malformed JSON with 400, a wrong content type with 415, a big body with 413', async () => {
    const bad = await request(t.http).post('/api/support/csat').set('Content-Type', 'application/json').send('{"sessionId":').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const text = await request(t.http).post('/api/support/csat').set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(text.headers['content-type']).toMatch(/^application\/problem\+json/);
    const big = await request(t.http)
      .post('/api/support/csat')
      .send({ sessionId: 'w', rating: 5, notes: 'x'.repeat(17 * 1024) })
      .expect(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const proto = await request(t.http)
      .post('/api/support/csat')
      .set('Content-Type', 'application/json')
      .send('{"sessionId":"w","rating":5,"__proto__":{"polluted":true}}');
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('runs an insert without an Idempotency-Key as one statement straight on the pg pool', async () => {
    const onPool = jest.spyOn(t.prisma.pool, 'query');
    try {
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w_pool', rating: 3 }).expect(201);
      expect(onPool).toHaveBeenCalledTimes(1);
      expect(String(onPool.mock.calls[0][0])).toMatch(/^\s*INSERT INTO "CsatFeedback"/);
    } finally {
      onPool.mockRestore();
    }
  });

  it('keeps every submission (history)', async () => {
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_4', rating: 2, orderNumber: 'H-1' }).expect(201);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w_4', rating: 5, orderNumber: 'H-1' }).expect(201);
    expect(await t.prisma.csatFeedback.count({ where: { claimedOrderNumber: 'H-1' } })).toBe(2);
  });
});
