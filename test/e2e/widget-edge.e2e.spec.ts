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
