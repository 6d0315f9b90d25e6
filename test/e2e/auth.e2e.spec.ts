import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AUTH, orderBody } from '../support/dashboard';
import { rawConnection } from '../support/raw-http';
import { startTestApp, TestApp, TEST_TOKEN } from '../support/test-app';

interface Route {
  method: string;
  path: string;
}

/**
 * Every route Fastify's router holds, read from printRoutes({ commonPrefix: false }): a tree whose
 * nodes are path pieces (joined from the root down) with their methods in parentheses. Any line
 * that does not parse fails the test, so a format change cannot silently hide a route.
 */
function routerRoutes(tree: string): Route[] {
  const routes: Route[] = [];
  const pieces: string[] = [];
  for (const line of tree.split('\n').filter((l) => l.trim() !== '')) {
    const node = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/.exec(line);
    if (!node) throw new Error(`unexpected printRoutes line: ${JSON.stringify(line)}`);
    const depth = node[1].length / 4;
    pieces.length = depth;
    pieces.push(node[2].split('|')[0]);
    for (const method of node[3]?.split(', ') ?? []) routes.push({ method, path: pieces.join('') });
  }
  return routes;
}

// Public by design: health, the widget API, the API docs and the dashboard's static page (it asks
// for the token and sends it to the private API); OPTIONS is the CORS preflight.
const isPublic = ({ method, path }: Route) =>
  method === 'OPTIONS' ||
  path === '/health' ||
  path.startsWith('/api/support/') ||
  path.startsWith('/docs') ||
  path.startsWith('/dashboard');

const concrete = (path: string) => path.replace(/:[^/]+/g, 'X-1').replace(/\*/g, 'x');

describe('bearer authentication of the dashboard API', () => {
  let t: TestApp;
  let privateRoutes: Route[];
  beforeAll(async () => {
    t = await startTestApp();
    const routes = routerRoutes(t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
    privateRoutes = routes.filter((r) => !isPublic(r));
  });
  afterAll(() => t.close());

  const send = (route: Route, authorization?: string) => {
    const req = request(t.http)[route.method.toLowerCase() as 'get'](concrete(route.path));
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  it('finds every dashboard route in the router', () => {
    const names = privateRoutes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/orders',
        'HEAD /api/orders',
        'POST /api/orders/import',
        'GET /api/orders/:orderNumber',
        'PUT /api/orders/:orderNumber',
        'GET /api/creators',
        'GET /api/creators/widget-stats',
        'PUT /api/creators/:code',
      ]),
    );
  });

  it.each([
    ['without a token', undefined, 'Bearer'],
    ['with a wrong token', 'Bearer wrong-token', 'Bearer error="invalid_token"'],
    ['with a token of another length', `Bearer ${TEST_TOKEN}x`, 'Bearer error="invalid_token"'],
    ['with another scheme', `Basic ${Buffer.from(`user:${TEST_TOKEN}`).toString('base64')}`, 'Bearer'],
    ['with an empty bearer token', 'Bearer ', 'Bearer'],
  ])('answers every route outside the public ones %s with 401 and no data', async (_case, authorization, challenge) => {
    for (const route of privateRoutes) {
      const res = await send(route, authorization);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
      expect(res.headers['www-authenticate']).toBe(challenge);
      if (route.method === 'HEAD') continue;
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Object.keys(res.body).sort()).toEqual(['detail', 'instance', 'requestId', 'status', 'title', 'type']);
      expect(res.body.status).toBe(401);
    }
  });

  it('lets a valid token through (any case of the scheme)', async () => {
    await request(t.http).get('/api/orders').set(AUTH).expect(200);
    await request(t.http).get('/api/creators').set('Authorization', `bearer ${TEST_TOKEN}`).expect(200);
  });

  it('keeps health, the widget API and the docs public', async () => {
    await request(t.http).get('/health').expect(200);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w', rating: 5 }).expect(201);
    await request(t.http).get('/docs/json').expect(200);
  });

  it('marks the dashboard operations with the bearer security scheme in the OpenAPI document', async () => {
    const doc = (await request(t.http).get('/docs/json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of ['/api/orders', '/api/orders/import', '/api/orders/{orderNumber}', '/api/creators', '/api/creators/widget-stats', '/api/creators/{code}']) {
      for (const operation of Object.values(doc.paths[path]) as { security?: unknown }[]) {
        expect(operation.security).toEqual([{ bearer: [] }]);
      }
    }
  });
});

describe('authentication before work', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'true' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers an anonymous import 401 from its headers alone, without waiting for (or reading) the 1 MiB body', async () => {
    const conn = await rawConnection(port);
    try {
      conn.socket.write(
        'POST /api/orders/import HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.51.100.1\r\n' +
          `Content-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n{"orders":[`,
      );
      const answer = await conn.answer(/\r\n\r\n[\s\S]*"status":401/, 5000);
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
    } finally {
      conn.socket.destroy();
    }
  });

  it('still reads a large import for an authenticated caller', async () => {
    const orders = Array.from({ length: 200 }, (_, i) => ({ ...orderBody(), orderNumber: `AUTH-${i}`, customerEmail: `${'x'.repeat(40)}${i}@example.com` }));
    const body = JSON.stringify({ orders });
    expect(body.length).toBeGreaterThan(16 * 1024);
    await request(t.http).post('/api/orders/import').set(AUTH).set('X-Forwarded-For', '198.51.100.2').set('Content-Type', 'application/json').send(body).expect(200);
  });

  it('answers 429 with Retry-After once one address has failed too often, and only that address', async () => {
    const from = (ip: string, authorization: string) =>
      request(t.http).get('/api/orders').set('X-Forwarded-For', ip).set('Authorization', authorization);
    for (let i = 0; i < 3; i++) await from('203.0.113.7', `Bearer guess-${i}`).expect(401);
    const limited = await from('203.0.113.7', 'Bearer guess-4').expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429 });
    // While blocked even the right token is refused, or guessing could go on and tell hits apart.
    await from('203.0.113.7', `Bearer ${TEST_TOKEN}`).expect(429);
    await from('203.0.113.8', `Bearer ${TEST_TOKEN}`).expect(200);
    // The widget API is not affected by the dashboard's failures.
    await request(t.http).post('/api/support/csat').set('X-Forwarded-For', '203.0.113.7').send({ sessionId: 'w', rating: 5 }).expect(201);
  });
});
