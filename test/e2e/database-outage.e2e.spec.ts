import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';

/** Polls `check` until it holds (no fixed sleep; the test's timeout bounds it). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe('when the database goes away', () => {
  let proxy: TcpProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    app = await createApp(
      loadConfig({ DATABASE_URL: proxy.rewrite(db.url), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DB_CONNECTION_TIMEOUT_MS: '1000' }),
    );
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
