import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { RawConnection, rawConnection } from '../support/raw-http';
import { startTestApp, TestApp } from '../support/test-app';

// Short limits so the test is quick; the deadline below only ends a test that would hang.
const LIMITS = {
  HTTP_REQUEST_TIMEOUT_MS: '1500',
  HTTP_HEADERS_TIMEOUT_MS: '1000',
  HTTP_IDLE_TIMEOUT_MS: '1000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
};
const DEADLINE_MS = 10_000;
// Dropped without a word, or after a 408 problem+json (whichever of Node's timers fires first).
const DROPPED = /^(|HTTP\/1\.1 408 [^]*content-type: application\/problem\+json[^]*"status":408[^]*)$/i;

/** Writes `chunks` one at a time, every 100 ms (faster than any idle limit), until stopped. */
function trickle(conn: RawConnection, chunks: () => string): () => void {
  const timer = setInterval(() => conn.socket.writable && conn.socket.write(chunks()), 100);
  return () => clearInterval(timer);
}

describe('server limits on slow and idle clients', () => {
  let t: TestApp;
  let port: number;
  const open: RawConnection[] = [];
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(() => open.splice(0).forEach((c) => c.socket.destroy()));
  afterAll(() => t.close());

  const connect = async () => {
    const conn = await rawConnection(port);
    open.push(conn);
    return conn;
  };
  const othersAnswered = async () => {
    const res = await request(t.http).get('/health');
    expect(res.status).toBe(200);
  };

  it('drops a client that sends its headers slowly, and keeps answering others', async () => {
    const conn = await connect();
    conn.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    let n = 0;
    const stop = trickle(conn, () => `X-Slow-${n++}: 1\r\n`);
    try {
      await othersAnswered();
      await conn.closed(DEADLINE_MS);
      expect(conn.received()).toMatch(DROPPED);
    } finally {
      stop();
    }
    await othersAnswered();
  });

  it('drops a client that sends its body slowly, and stores nothing', async () => {
    const conn = await connect();
    conn.socket.write('POST /api/support/csat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"sessionId":"slow","rating":5,"notes":"');
    const stop = trickle(conn, () => 'x');
    try {
      await othersAnswered();
      await conn.closed(DEADLINE_MS);
      expect(conn.received()).toMatch(DROPPED);
    } finally {
      stop();
    }
    await othersAnswered();
    expect(await t.prisma.csatFeedback.count({ where: { sessionId: 'slow' } })).toBe(0);
  });

  it('drops a client that connects and says nothing', async () => {
    const conn = await connect();
    await othersAnswered();
    await conn.closed(DEADLINE_MS);
    expect(conn.received()).toMatch(DROPPED);
  });

  it('drops a kept-alive connection that sends no next request', async () => {
    const conn = await connect();
    conn.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await conn.answer(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n\{.*\}$/, DEADLINE_MS);
    await conn.closed(DEADLINE_MS);
    await othersAnswered();
  });
});

describe('the connection cap', () => {
  let t: TestApp;
  let port: number;
  const open: RawConnection[] = [];
  beforeAll(async () => {
    t = await startTestApp({ HTTP_MAX_CONNECTIONS: '3' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    open.splice(0).forEach((c) => c.socket.destroy());
    await t.close();
  });

  it('closes connections beyond HTTP_MAX_CONNECTIONS at once and serves again when one is free', async () => {
    for (let i = 0; i < 3; i++) open.push(await rawConnection(port));
    const extra = await rawConnection(port);
    open.push(extra);
    await extra.closed(DEADLINE_MS);
    expect(extra.received()).toBe('');

    open.shift()!.socket.destroy();
    // The server learns of the close asynchronously: wait until it counts two connections again.
    const server = t.app.getHttpServer();
    while ((await new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))))) > 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const next = await rawConnection(port);
    open.push(next);
    next.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await next.answer(/^HTTP\/1\.1 200 /, DEADLINE_MS);
  });
});
