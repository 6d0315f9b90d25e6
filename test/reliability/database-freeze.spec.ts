import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeProcess, startNodeProcess } from '../../bench/lib/service-process';
import { PROBLEM_TYPES } from '../../src/common/problem';
import { TcpProxy } from '../support/tcp-proxy';
import { DisposableCluster } from './support/disposable-cluster';
import { isProblemJson, LEAK, Outcome, send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'database freeze';
const WRITERS = 6;
const FREEZE_MS = 8000;

interface Attempt {
  sessionId: string;
  keyed: boolean;
  outcome: Outcome;
}

const problemOf = (o: Outcome) => (isProblemJson(o) ? (JSON.parse(o.body) as { type?: string; detail?: string }) : {});
const saysNothingWritten = (o: Outcome) => /nothing was written/.test(problemOf(o).detail ?? '');
const saysUnknown = (o: Outcome) => problemOf(o).type === PROBLEM_TYPES.writeOutcomeUnknown;

/**
 * The compiled service reaches its database through a TCP proxy that stops forwarding for 8 s
 * (statements sent, no answer: a stalled server or network), longer than every database timeout.
 * Keyed writers retry each failure with the same key and body; unkeyed probes write meanwhile.
 * No answer may be a 500; every failure is a 503 problem+json with Retry-After; a write answered
 * "nothing was written" must indeed be absent; every keyed write is stored exactly once.
 */
describe('a frozen database under keyed write load', () => {
  let cluster: DisposableCluster;
  let proxy: TcpProxy;
  let service: NodeProcess;
  beforeAll(async () => {
    cluster = await DisposableCluster.create();
    const url = await cluster.createDatabase('wds');
    proxy = await new TcpProxy('127.0.0.1', cluster.port).start();
    service = await startNodeProcess({
      DATABASE_URL: proxy.rewrite(url),
      LOG_LEVEL: 'silent',
      WIDGET_RATE_LIMIT_PER_MINUTE: '100000',
      DB_CONNECTION_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    proxy?.thaw();
    await service?.stop('SIGKILL');
    await proxy?.cut().catch(() => undefined);
    await cluster?.destroy();
  });

  it('answers no 500, tells the truth about each write, and a keyed retry after the thaw leaves exactly one row', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const attempts: Attempt[] = [];
    const acknowledged = new Set<string>();
    let stop = false;

    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const key = randomUUID();
        const sessionId = `frz-${w}-${n}-${key}`;
        const body = { sessionId, rating: 1 + (n % 5), intent: 'order_tracking' };
        for (let attempt = 0; ; attempt++) {
          const outcome = await send(`${service.url}/api/support/csat`, { method: 'POST', headers: { 'idempotency-key': key }, body, agent });
          attempts.push({ sessionId, keyed: true, outcome });
          if (outcome.status === 201) {
            acknowledged.add(sessionId);
            break;
          }
          if (service.child.exitCode !== null) return;
          await sleep(Math.min(1000, 50 * 2 ** attempt));
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

    await sleep(1000);
    proxy.freeze();
    const frozenAt = Date.now();
    for (let n = 0; Date.now() - frozenAt < FREEZE_MS; n++) {
      const sessionId = `frz-unkeyed-${n}`;
      attempts.push({ sessionId, keyed: false, outcome: await send(`${service.url}/api/support/csat`, { method: 'POST', body: { sessionId, rating: 3 }, agent }) });
    }
    proxy.thaw();
    for (const deadline = Date.now() + 30_000; (await send(`${service.url}/health`, { agent })).status !== 200 && Date.now() < deadline; ) await sleep(100);
    await sleep(2000);
    stop = true;
    await Promise.all(writers);
    agent.destroy();

    const rows = await cluster.query<{ sessionId: string; n: number }>(
      `SELECT "sessionId", count(*)::int AS n FROM "CsatFeedback" WHERE "sessionId" LIKE 'frz-%' GROUP BY "sessionId"`, [], 'wds');
    const stored = new Map(rows.map((r) => [r.sessionId, r.n]));
    const failed = attempts.filter((a) => a.outcome.status !== 201);
    const keyedSessions = new Set(attempts.filter((a) => a.keyed).map((a) => a.sessionId));

    check(AREA, `${FREEZE_MS / 1000} s without forwarding under ${WRITERS} keyed writers`, `${failed.length} failed attempts, ${attempts.length - failed.length} acknowledged`, failed.length > 0 && service.child.exitCode === null);
    const fiveHundreds = failed.filter((a) => (a.outcome.status ?? 0) >= 500 && a.outcome.status !== 503);
    check(AREA, 'no 500 while frozen', `${fiveHundreds.length} answers other than 503 among the 5xx`, fiveHundreds.length === 0);
    const not503 = failed.filter((a) => a.outcome.status !== 503 || !isProblemJson(a.outcome) || !a.outcome.headers['retry-after']);
    check(AREA, 'every failure is 503 problem+json with Retry-After', not503.length ? `${not503.length} otherwise: ${[...new Set(not503.map((a) => a.outcome.error ?? a.outcome.status))].join(', ')}` : `all ${failed.length}`, not503.length === 0);
    const told = failed.filter((a) => saysNothingWritten(a.outcome) || saysUnknown(a.outcome));
    check(AREA, 'every failed write says "nothing was written" or "outcome unknown"', `${told.length} of ${failed.length} (${failed.filter((a) => saysUnknown(a.outcome)).length} unknown)`, told.length === failed.length);
    const lies = failed.filter((a) => !a.keyed && saysNothingWritten(a.outcome) && stored.has(a.sessionId));
    check(AREA, '"nothing was written" is true (unkeyed writes checked after the thaw)', `${lies.length} of ${failed.filter((a) => !a.keyed && saysNothingWritten(a.outcome)).length} were stored after all`, lies.length === 0);
    const notOnce = [...keyedSessions].filter((s) => acknowledged.has(s) && stored.get(s) !== 1);
    check(AREA, 'each keyed write retried with its key after the thaw is stored exactly once', `${acknowledged.size} acknowledged, ${notOnce.length} missing or duplicated`, acknowledged.size > 0 && notOnce.length === 0);
    const leaks = failed.filter((a) => LEAK.test(a.outcome.body));
    check(AREA, 'no failure body leaks internals', `${leaks.length} of ${failed.length}`, leaks.length === 0);
  });
});
