import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { PROBLEM_TYPES } from '../../src/common/problem';
import { loadConfig } from '../../src/config/app-config';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';

/** Polls `check` until it holds (no fixed sleep; the test's timeout bounds it). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

/** The app on a fresh database that it reaches through a TCP proxy the test controls. */
async function appBehindProxy(env: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const target = new URL(db.url);
  const proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  const config = loadConfig({ DATABASE_URL: proxy.rewrite(db.url), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DB_CONNECTION_TIMEOUT_MS: '1000', ...env });
  return { db, proxy, app: await createApp(config) };
}

describe('when the database goes away', () => {
  let proxy: TcpProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    ({ db, proxy, app } = await appBehindProxy());
  });
  afterAll(async () => {
    await app.close();
    await proxy.cut().catch(() => undefined);
    await db.drop();
  });

  it('answers 503 while it is down, and recovers without a restart', async () => {
    await request(app.getHttpServer()).get('/health').expect(200);

    await proxy.cut();
    const health = await request(app.getHttpServer()).get('/health');
    expect(health.status).toBe(503);
    expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(health.body).toMatchObject({ status: 503, database: 'down' });

    const write = await request(app.getHttpServer()).post('/api/support/csat').send({ sessionId: 'w', rating: 5 });
    expect(write.status).toBe(503);
    expect(write.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(write.body)).not.toMatch(/postgres(ql)?:\/\/|ECONNREFUSED|at .*\.ts:\d+|SELECT|INSERT/);

    await proxy.restore();
    await request(app.getHttpServer()).get('/health').expect(200);
    await request(app.getHttpServer()).post('/api/support/csat').send({ sessionId: 'w', rating: 5 }).expect(201);
  });

  it('when it stops answering, gives up on the connection after DB_CONNECTION_TIMEOUT_MS and answers 503', async () => {
    proxy.hang();
    // Without the pool's connection timeout this request would wait for the hung connection forever.
    const write = await request(app.getHttpServer()).post('/api/support/csat').send({ sessionId: 'w', rating: 5 });
    expect(write.status).toBe(503);
    expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(write.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(write.body)).not.toMatch(/timeout|postgres(ql)?:\/\/|at .*\.ts:\d+|INSERT/i);
    // The service opened a connection that never answered and closed it itself: its timeout fired,
    // not the database's.
    expect(proxy.hung.accepted).toBeGreaterThan(0);
    await until(() => proxy.hung.closedByClient === proxy.hung.accepted);

    await proxy.restore();
    await request(app.getHttpServer()).post('/api/support/csat').send({ sessionId: 'w', rating: 5 }).expect(201);
  });
});

describe('when the database stalls (frozen network: statements sent, no answer)', () => {
  let proxy: TcpProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    ({ db, proxy, app } = await appBehindProxy({ DB_STATEMENT_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    proxy.thaw();
    await app.close();
    await proxy.cut().catch(() => undefined);
    await db.drop();
  });

  const csat = (sessionId: string, key?: string) => {
    const req = request(app.getHttpServer()).post('/api/support/csat');
    return (key ? req.set('Idempotency-Key', key) : req).send({ sessionId, rating: 5 });
  };
  const rows = async (sessionId: string) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) FROM "CsatFeedback" WHERE "sessionId" = $1', [sessionId])).rows[0].count);
    } finally {
      await client.end();
    }
  };

  it('answers 503 (never 500) with Retry-After, says when a write outcome is unknown, and a keyed retry after the thaw writes once', async () => {
    await csat('warm-up', 'k-warm').expect(201);

    proxy.freeze();
    const keyed = await csat('stalled-keyed', 'k-stalled');
    const unkeyed = await csat('stalled-unkeyed');
    const health = await request(app.getHttpServer()).get('/health');
    proxy.thaw();

    for (const res of [keyed, unkeyed, health]) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The unkeyed INSERT was on the wire: it may be stored once the database answers again.
    expect(unkeyed.body).toMatchObject({ type: PROBLEM_TYPES.writeOutcomeUnknown });
    expect(unkeyed.body.detail).toMatch(/may or may not have been stored/);
    if (keyed.body.type === PROBLEM_TYPES.writeOutcomeUnknown) expect(keyed.body.detail).toMatch(/same Idempotency-Key .*safe/);
    else expect(keyed.body.detail).toMatch(/nothing was written/);

    for (let i = 0; (await request(app.getHttpServer()).get('/health')).status !== 200; i++) {
      if (i > 200) throw new Error('the service did not recover after the thaw');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const retried = await csat('stalled-keyed', 'k-stalled');
    expect(retried.status).toBe(201);
    await csat('stalled-keyed', 'k-stalled').expect(201);
    expect(await rows('stalled-keyed')).toBe(1);
  });
});
