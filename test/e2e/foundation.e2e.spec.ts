import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('foundation (HTTP conventions, health, docs)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health answers 200 with the database up', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(t.http).get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('gives every response an X-Request-Id and echoes a sane one', async () => {
    const fresh = await request(t.http).get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await request(t.http).get('/health').set('X-Request-Id', 'trace-123');
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const refused = await request(t.http).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(refused.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const res = await request(t.http).get('/docs/json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/health']).toBeDefined();
    const ui = await request(t.http).get('/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('documents every widget endpoint with its body schema and problem+json errors', async () => {
    const { body: doc } = await request(t.http).get('/docs/json').expect(200);
    const ops: [string, string][] = [
      ['/api/support/csat', 'post'],
      ['/api/support/capsule', 'post'],
      ['/api/support/capsule/{reservationId}', 'get'],
      ['/api/support/capsule/{reservationId}', 'delete'],
      ['/api/support/order-updates', 'post'],
      ['/api/support/order-updates/{id}', 'delete'],
      ['/api/support/events', 'post'],
    ];
    for (const [path, method] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op).toBeDefined();
      expect(op.responses['400'].content['application/problem+json']).toBeDefined();
      if (method === 'post') expect(op.requestBody.content['application/json'].schema.$ref).toMatch(/Dto$/);
    }
    expect(doc.components.schemas.CreateCsatDto.required).toEqual(expect.arrayContaining(['sessionId', 'rating']));
  });
});
