import request from 'supertest';
import { IdempotencyRepository } from '../../src/common/idempotency/idempotency.repository';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { startTestApp, TestApp } from '../support/test-app';

describe('Idempotency-Key on widget writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const csat = (key: string, body: object) => request(t.http).post('/api/support/csat').set('Idempotency-Key', key).send(body);

  it('replays the first answer for the same key and body, writing nothing new', async () => {
    const body = { sessionId: 'w_i', rating: 'great', orderNumber: 'I-1' };
    const first = await csat('key-1', body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await csat('key-1', { orderNumber: 'I-1', rating: 'great', sessionId: 'w_i' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_i' } })).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    await csat('key-2', { sessionId: 'w_j', rating: 4 }).expect(201);
    const res = await csat('key-2', { sessionId: 'w_j', rating: 5 }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_j' } })).toBe(1);
  });

  it('makes exactly one write for 20 concurrent requests with one key', async () => {
    const body = { sessionId: 'w_k', rating: 3 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => csat('key-3', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_k' } })).toBe(1);
    expect(await t.prisma.idempotencyKey.count({ where: { key: 'key-3' } })).toBe(1);
  });

  it('keeps a key per endpoint and replays the status of each (200 for an updated subscription)', async () => {
    const sub = { sessionId: 'w_l', orderNumber: 'I-2', email: 'l@example.com' };
    const created = await request(t.http).post('/api/support/order-updates').send(sub).expect(201);
    const owner = { 'Idempotency-Key': 'shared', 'X-Subscription-Token': created.body.manageToken };
    const update = await request(t.http).post('/api/support/order-updates').set(owner).send(sub).expect(200);
    const replay = await request(t.http).post('/api/support/order-updates').set(owner).send(sub).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(update.body);
    await request(t.http).post('/api/support/events').set('Idempotency-Key', 'shared').send({ events: [{ sessionId: 'w_l', name: 'x' }] }).expect(202);
  });

  it('stores nothing for a refused request, so the key stays free', async () => {
    await csat('key-4', { sessionId: 'w_m', rating: 'meh' }).expect(400);
    expect(await t.prisma.idempotencyKey.count({ where: { key: 'key-4' } })).toBe(0);
    await csat('key-4', { sessionId: 'w_m', rating: 'ok' }).expect(201);
  });

  it('takes over a key whose 24 hours have passed, and purges expired keys', async () => {
    await csat('key-5', { sessionId: 'w_n', rating: 1 }).expect(201);
    await t.prisma.idempotencyKey.updateMany({ where: { key: 'key-5' }, data: { expiresAt: new Date(Date.now() - 1) } });
    const fresh = await csat('key-5', { sessionId: 'w_n', rating: 2 }).expect(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_n' } })).toBe(2);

    await t.prisma.idempotencyKey.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await t.app.get(IdempotencyService).purge()).toBeGreaterThan(0);
    expect(await t.prisma.idempotencyKey.count()).toBe(0);
  });

  it('commits the write and its key together: a failure after the write leaves neither, and the retry writes once', async () => {
    const failing = jest.spyOn(t.app.get(IdempotencyRepository), 'complete').mockRejectedValueOnce(new Error('lost after the write'));
    try {
      await csat('key-atomic', { sessionId: 'w_atomic', rating: 5 }).expect(500);
      expect(failing).toHaveBeenCalledTimes(1);
      expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_atomic' } })).toBe(0);
      expect(await t.prisma.idempotencyKey.count({ where: { key: 'key-atomic' } })).toBe(0);
    } finally {
      failing.mockRestore();
    }
    await csat('key-atomic', { sessionId: 'w_atomic', rating: 5 }).expect(201);
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_atomic' } })).toBe(1);
  });

  it('refuses a key longer than 255 characters', async () => {
    const res = await csat('k'.repeat(256), { sessionId: 'w_o', rating: 5 }).expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('refuses a repeated Idempotency-Key header (two keys are not one new key) and writes nothing', async () => {
    const res = await request(t.http)
      .post('/api/support/csat')
      // An array makes Node send the header twice (superagent's types only allow it for Cookie).
      .set('Idempotency-Key', ['k-first', 'k-second'] as unknown as string)
      .send({ sessionId: 'w_twice', rating: 5 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'w_twice' } })).toBe(0);
  });
});
