import request from 'supertest';
import { AUTH } from '../support/dashboard';
import { startTestApp, TestApp } from '../support/test-app';

const csp = (res: request.Response) => String(res.headers['content-security-policy'] ?? '');

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends nosniff, no framing and a CSP on every kind of answer', async () => {
    const answers = [
      await request(t.http).get('/health'),
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w', rating: 5 }),
      await request(t.http).post('/api/support/csat').send({ sessionId: 'w' }),
      await request(t.http).get('/api/orders').set(AUTH),
      await request(t.http).get('/api/orders'),
      await request(t.http).get('/no-such-route'),
      await request(t.http).get('/docs'),
      await request(t.http).get('/docs/json'),
      await request(t.http).get('/dashboard/'),
    ];
    for (const res of answers) {
      const { method, path } = (res as unknown as { req: { method: string; path: string } }).req;
      const where = `${method} ${path} ${res.status}`;
      expect({ where, nosniff: res.headers['x-content-type-options'] }).toEqual({ where, nosniff: 'nosniff' });
      expect({ where, frameAncestors: /frame-ancestors 'none'/.test(csp(res)) }).toEqual({ where, frameAncestors: true });
    }
  });

  it('gives the API docs a CSP that lets Swagger UI load its own files only', async () => {
    const page = await request(t.http).get('/docs').expect(200);
    expect(page.text).toMatch(/swagger-ui/);
    expect(csp(page)).toMatch(/default-src 'none'/);
    expect(csp(page)).toMatch(/script-src 'self'(;|$)/);
    expect(csp(page)).toMatch(/connect-src 'self'/);
    expect(csp(await request(t.http).get('/api/orders').set(AUTH))).toMatch(/^default-src 'none';\s*frame-ancestors 'none'$/);
  });

  it('marks private answers Cache-Control: no-store, public ones not', async () => {
    expect((await request(t.http).get('/api/orders').set(AUTH).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await request(t.http).get('/api/creators').expect(401)).headers['cache-control']).toBe('no-store');
    expect((await request(t.http).get('/health').expect(200)).headers['cache-control']).toBeUndefined();
  });
});

describe('DOCS_PUBLIC=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DOCS_PUBLIC: 'false' });
  });
  afterAll(() => t.close());

  it.each(['/docs', '/docs/json'])('serves %s only to a dashboard token', async (path) => {
    const anonymous = await request(t.http).get(path).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ status: 401, instance: path });
    expect(anonymous.text).not.toMatch(/openapi|swagger/i);
    await request(t.http).get(path).set('Authorization', 'Bearer wrong').expect(401);
    const allowed = await request(t.http).get(path).set(AUTH).expect(200);
    expect(allowed.headers['cache-control']).toBe('no-store');
  });

  it('keeps the widget API and the dashboard page public', async () => {
    await request(t.http).post('/api/support/csat').send({ sessionId: 'w', rating: 5 }).expect(201);
    await request(t.http).get('/dashboard/').expect(200);
  });
});
