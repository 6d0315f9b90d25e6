import type { Socket } from 'node:net';
import request from 'supertest';
import { mapException } from '../../src/common/problem-details.filter';
import { withAdmin } from '../support/postgres';
import { startTestApp, TestApp } from '../support/test-app';

/** Ends the service's connections from the server side, as a crashed or restarted server does. */
const terminateConnections = (databaseUrl: string) =>
  withAdmin((admin) =>
    admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'widget-data-service'`, [
      new URL(databaseUrl).pathname.slice(1),
    ]),
  );

describe('a connection error on a checked-out database connection', () => {
  let t: TestApp;
  const uncaught: unknown[] = [];
  const record = (err: unknown) => uncaught.push(err);
  beforeAll(async () => {
    t = await startTestApp();
    process.on('uncaughtException', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await t.close();
  });

  it('is handled while no statement runs on it (no crash), the next statement on it fails as a 503, and the pool recovers', async () => {
    // A connection held between statements (an interactive transaction, a lock holder): pg-pool
    // listens for its errors only while it is idle in the pool.
    const held = await t.prisma.pool.connect();
    let next: unknown;
    try {
      // The socket closing is the last thing the driver sees of the connection (pg has no public event for it).
      const closed = new Promise((resolve) => (held as unknown as { connection: { stream: Socket } }).connection.stream.once('close', resolve));
      await terminateConnections(t.databaseUrl);
      await closed;
      next = await held.query('SELECT 1').catch((err: unknown) => err);
    } finally {
      held.release(true);
    }

    expect(uncaught).toEqual([]);
    expect(next).toBeInstanceOf(Error);
    const mapped = mapException(next, { write: true, keyed: true });
    expect(mapped.body.status).toBe(503);
    expect(mapped.headers?.['retry-after']).toBeDefined();

    await request(t.http).get('/health').expect(200);
    await request(t.http).post('/api/support/csat').send({ sessionId: 'after-terminate', rating: 5 }).expect(201);
  });
});
