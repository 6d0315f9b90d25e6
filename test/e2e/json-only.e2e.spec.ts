import request from 'supertest';
import { AUTH } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

// Every endpoint that takes a body, with a valid JSON body for it.
const JSON_ENDPOINTS: { method: 'post' | 'put'; path: string; auth?: boolean; body: Record<string, unknown> }[] = [
  { method: 'post', path: '/api/support/csat', body: { sessionId: 'w_form', rating: '5' } },
  { method: 'post', path: '/api/support/capsule', body: { sessionId: 'w_form', customerEmail: 'a@example.com', shortlist: [{ productId: 'p' }] } },
  { method: 'post', path: '/api/support/order-updates', body: { sessionId: 'w_form', orderNumber: 'GG-1', email: 'a@example.com' } },
  { method: 'post', path: '/api/support/events', body: { events: [{ sessionId: 'w_form', name: 'opened' }] } },
  { method: 'put', path: '/api/orders/GG-1', auth: true, body: { customerEmail: 'a@example.com', total: '1.00', currency: 'USD', status: 'paid', placedAt: '2026-11-24T10:00:00Z' } },
  { method: 'put', path: '/api/creators/ALEX10', auth: true, body: { name: 'Alex', commissionRate: '0.10' } },
];

// What a browser form or a script can send without JSON, flat fields that would pass validation.
const OTHER_TYPES: [string, (body: Record<string, unknown>) => string][] = [
  ['application/x-www-form-urlencoded', (b) => new URLSearchParams(b as Record<string, string>).toString()],
  ['application/x-www-form-urlencoded; charset=utf-8', (b) => new URLSearchParams(b as Record<string, string>).toString()],
  ['multipart/form-data; boundary=x', (b) => `--x\r\n${Object.entries(b).map(([k, v]) => `Content-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n--x`).join('\r\n')}--\r\n`],
  ['text/plain', (b) => JSON.stringify(b)],
  ['application/xml', () => '<csat/>'],
];

describe('JSON only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const rowCount = async () => {
    const [row] = await t.prisma.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM "CsatFeedback") + (SELECT count(*) FROM "CapsuleHold") + (SELECT count(*) FROM "OrderSubscription")
           + (SELECT count(*) FROM "AnalyticsEvent") + (SELECT count(*) FROM "Order") + (SELECT count(*) FROM "Creator") AS n`;
    return Number(row.n);
  };

  it.each(OTHER_TYPES)('answers a %s body with 415 problem+json on every JSON endpoint and stores nothing', async (type, encode) => {
    for (const endpoint of JSON_ENDPOINTS) {
      const req = request(t.http)[endpoint.method](endpoint.path).set('Content-Type', type);
      const res = await (endpoint.auth ? req.set(AUTH) : req).send(encode(endpoint.body));
      expect({ endpoint: endpoint.path, status: res.status }).toEqual({ endpoint: endpoint.path, status: 415 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 415, detail: 'Send the body as application/json.' });
    }
    expect(await rowCount()).toBe(0);
  });

  it('still takes the same bodies as JSON', async () => {
    for (const endpoint of JSON_ENDPOINTS) {
      const req = request(t.http)[endpoint.method](endpoint.path);
      const res = await (endpoint.auth ? req.set(AUTH) : req).send(endpoint.body);
      expect({ endpoint: endpoint.path, status: res.status }).toEqual({ endpoint: endpoint.path, status: expect.any(Number) });
      expect(res.status).toBeLessThan(300);
    }
  });
});
