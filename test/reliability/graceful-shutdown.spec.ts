import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ServiceOnCluster, serviceOnCluster } from './support/app-on-cluster';
import { isProblemJson, Outcome, send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'graceful shutdown';
const CLIENTS = 16;
const SHUTDOWN_TIMEOUT_MS = 10_000;

interface Write extends Outcome {
  sessionId: string;
}

/**
 * SIGTERM while writes are in flight. To make "in flight" certain rather than lucky, a test
 * transaction holds a SHARE lock on "CsatFeedback": every accepted write waits inside the service
 * until the lock is released, one second after the SIGTERM. Accepted writes must then complete,
 * new requests must be refused cleanly (503 problem+json or connection refused, never a reset
 * after acceptance), and the process must exit 0 within SHUTDOWN_TIMEOUT_MS.
 */
describe('graceful shutdown', () => {
  let target: ServiceOnCluster;
  beforeAll(async () => {
    target = await serviceOnCluster({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
  });
  afterAll(() => target?.close());

  it('completes accepted requests, refuses new ones cleanly and exits 0 in time', async () => {
    const { cluster, service, databaseUrl } = target;
    const agent = new http.Agent({ keepAlive: true });
    const writes: Write[] = [];
    let exited = false;
    void service.exited.then(() => (exited = true));

    const client = async (c: number) => {
      for (let n = 0; !exited; n++) {
        const sessionId = `shutdown-${c}-${n}`;
        const outcome = await send(`${service.url}/api/support/csat`, { method: 'POST', body: { sessionId, rating: 4 }, agent });
        writes.push({ ...outcome, sessionId });
        if (outcome.error) await sleep(20);
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    await sleep(1000);

    const lock = new Client({ connectionString: databaseUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE "CsatFeedback" IN SHARE MODE');
    await sleep(300);
    const heldAt = performance.now();
    const sigtermAt = performance.now();
    service.child.kill('SIGTERM');

    // The service handles the signal on a later turn of its event loop; a request it reads before
    // that is still accepted work (it would wait for the lock like the writes in flight). So the
    // newcomers start once a probe shows the drain has begun: from then on nothing is accepted.
    // The probe asks for the dashboard page, which needs no database connection (all are held).
    let probe: Outcome;
    for (let tries = 0; tries < 200; tries++) {
      probe = await send(`${service.url}/dashboard/`, { timeoutMs: 2000 });
      if (probe.status === 503 || probe.error) break;
      await sleep(10);
    }
    check(AREA, 'the drain begins after SIGTERM', `first probe refused with ${probe!.status ?? probe!.error}`, probe!.status === 503 || probe!.error !== undefined);

    // Fresh connections while draining: the listener is closed (refused) or the service answers 503.
    const drainingAt = performance.now();
    const newcomers: Outcome[] = [];
    while (performance.now() - drainingAt < 1000) {
      newcomers.push(await send(`${service.url}/api/support/csat`, { method: 'POST', body: { sessionId: 'newcomer', rating: 5 }, timeoutMs: 2000 }));
      await sleep(100);
    }
    await lock.query('COMMIT');
    await lock.end();
    const code = await service.exited;
    const exitMs = performance.now() - sigtermAt;
    await Promise.all(clients);
    agent.destroy();

    const accepted = writes.filter((w) => w.startedAt < heldAt);
    const inFlight = accepted.filter((w) => w.startedAt + w.ms > sigtermAt);
    check(AREA, `SIGTERM with ${inFlight.length} writes held in flight by a table lock`, `exit code ${code} after ${Math.round(exitMs)} ms (timeout ${SHUTDOWN_TIMEOUT_MS} ms)`, code === 0 && exitMs < SHUTDOWN_TIMEOUT_MS && inFlight.length > 0);
    const incomplete = accepted.filter((w) => w.status !== 201);
    check(AREA, 'requests accepted before SIGTERM complete', `${accepted.length - incomplete.length} of ${accepted.length} answered 201 (${inFlight.length} were in flight)`, incomplete.length === 0);

    const late = [...writes.filter((w) => w.startedAt >= sigtermAt), ...newcomers];
    const clean = (o: Outcome) => (o.status === 503 && isProblemJson(o)) || o.status === 201 || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(o.error ?? '');
    const unclean = late.filter((o) => !clean(o));
    const slowest = Math.max(0, ...newcomers.map((o) => o.ms));
    check(AREA, 'new requests after SIGTERM are refused cleanly', `${late.length} tried: ${summarise(late)}; slowest refusal ${Math.round(slowest)} ms`, unclean.length === 0 && slowest < 2000);

    const rows = await cluster.query<{ sessionId: string; n: number }>(
      `SELECT "sessionId", count(*)::int AS n FROM "CsatFeedback" GROUP BY 1`, [], 'wds');
    const stored = new Map(rows.map((r) => [r.sessionId, r.n]));
    const answered = writes.filter((w) => w.status === 201);
    const refused = writes.filter((w) => w.status !== 201);
    const wrong = [...answered.filter((w) => stored.get(w.sessionId) !== 1), ...refused.filter((w) => stored.has(w.sessionId))];
    check(
      AREA,
      'every 201 is stored once; nothing refused or cut off is stored',
      `${answered.length} writes and ${refused.length + newcomers.length} refusals checked, ${wrong.length + (stored.has('newcomer') ? 1 : 0)} wrong`,
      wrong.length === 0 && !stored.has('newcomer'),
    );
  });
});

function summarise(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(String(o.status ?? o.error), (counts.get(String(o.status ?? o.error)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}
