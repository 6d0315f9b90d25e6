import request from 'supertest';
import { startTestApp, TestApp, WIDGET_ORIGIN } from '../support/test-app';

describe('widget edge: CORS and rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WIDGET_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('allows the listed origin, with a preflight that permits Idempotency-Key', async () => {
    const pre = await request(t.http)
      .options('/api/support/csat')
      .set('Origin', WIDGET_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,idempotency-key')
      .expect(204);
    expect(pre.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    expect(pre.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
  });

  it('never allows an unlisted origin', async () => {
    const res = await request(t.http)
      .options('/api/support/csat')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits each client IP and answers 429 problem+json with Retry-After', async () => {
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await request(t.http).get('/api/support/capsule/rsv_unknown');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(limited!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    // Health is not the widget's budget.
    await request(t.http).get('/health').expect(200);
  });
});

describe('widget rate limit: one budget per client IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WIDGET_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('counts every widget endpoint against the same budget', async () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const a = from('198.51.100.10');
    const answers = [
      await request(t.http).post('/api/support/csat').set(a).send({ sessionId: 'w', rating: 5 }),
      await request(t.http).post('/api/support/capsule').set(a).send({ sessionId: 'w', customerEmail: 'a@example.com', shortlist: [{ productId: 'p' }] }),
      await request(t.http).post('/api/support/order-updates').set(a).send({ sessionId: 'w', orderNumber: 'GG-1', email: 'a@example.com' }),
      await request(t.http).post('/api/support/events').set(a).send({ events: [{ sessionId: 'w', name: 'opened' }] }),
      await request(t.http).get('/api/support/capsule/rsv_unknown').set(a),
    ];
    expect(answers.map((r) => r.status)).not.toContain(429);
    const sixth = await request(t.http).post('/api/support/csat').set(a).send({ sessionId: 'w', rating: 4 });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own budget.
    await request(t.http).post('/api/support/csat').set(from('198.51.100.11')).send({ sessionId: 'w', rating: 4 }).expect(201);
  });
});
