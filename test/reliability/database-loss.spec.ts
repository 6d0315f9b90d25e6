import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceOnCluster, serviceOnCluster } from './support/app-on-cluster';
import { isProblemJson, keepAliveAgent, LEAK, Outcome, send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'database loss';
const WRITERS = 8;
const KILLS = 3;
const FAIL_FAST_MS = 5000;
const RECOVERY_LIMIT_MS = 30_000;

interface Acknowledged {
  key: string;
  sessionId: string;
  id: string;
}

/**
 * Clients write CSAT with Idempotency-Keys and retry every failure with the same key and body,
 * while the cluster is SIGKILLed three times and restarted under them. Acknowledged writes must
 * all be there exactly once; while the database is down, answers must be fast 503 problem+json.
 */
describe('database loss under write load', () => {
  let target: ServiceOnCluster;
  beforeAll(async () => {
    target = await serviceOnCluster();
  });
  afterAll(() => target?.close());

  it('loses no acknowledged write, duplicates none, fails fast while down and recovers without a restart', async () => {
    const { cluster, service } = target;
    const agent = keepAliveAgent();
    const acknowledged: Acknowledged[] = [];
    const failures: Outcome[] = [];
    let stop = false;

    // Writers retry until acknowledged; they give up only if the service itself dies.
    const writer = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const key = randomUUID();
        const sessionId = `rel-${w}-${n}-${key}`;
        const body = { sessionId, rating: 1 + (n % 5), notes: `writer ${w} write ${n}`, intent: 'order_tracking' };
        for (let attempt = 0; ; attempt++) {
          const outcome = await send(`${service.url}/api/support/csat`, { method: 'POST', headers: { 'idempotency-key': key }, body, agent });
          if (outcome.status === 201) {
            acknowledged.push({ key, sessionId, id: (JSON.parse(outcome.body) as { id: string }).id });
            break;
          }
          failures.push(outcome);
          if (service.child.exitCode !== null) return;
          await sleep(Math.min(1000, 50 * 2 ** attempt));
        }
      }
    };

    const healthProbes: Outcome[] = [];
    const writeProbes: Outcome[] = [];
    const recoveries: number[] = [];
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(2000);
      await cluster.kill();
      const downSince = Date.now();
      while (Date.now() - downSince < 3000) {
        healthProbes.push(await send(`${service.url}/health`, { agent }));
        writeProbes.push(await send(`${service.url}/api/support/csat`, { method: 'POST', body: { sessionId: 'probe', rating: 5 }, agent }));
      }
      await cluster.start();
      const restartedAt = Date.now();
      while ((await send(`${service.url}/health`, { agent })).status !== 200) {
        if (service.child.exitCode !== null || Date.now() - restartedAt > RECOVERY_LIMIT_MS) break;
        await sleep(100);
      }
      if (service.child.exitCode !== null || Date.now() - restartedAt > RECOVERY_LIMIT_MS) break;
      recoveries.push(Date.now() - restartedAt);
    }
    await sleep(2000);
    stop = true;
    await Promise.all(writers);
    agent.destroy();

    const rows = await cluster.query<{ id: string; sessionId: string }>(
      `SELECT "id", "sessionId" FROM "CsatFeedback" WHERE "sessionId" LIKE 'rel-%'`, [], 'wds');
    const rowsBySession = new Map<string, string[]>();
    for (const r of rows) rowsBySession.set(r.sessionId, [...(rowsBySession.get(r.sessionId) ?? []), r.id]);
    const lost = acknowledged.filter((a) => rowsBySession.get(a.sessionId)?.join() !== a.id);
    const keyRows = await cluster.query<{ key: string }>(`SELECT "key" FROM "IdempotencyKey" WHERE "scope" = 'csat'`, [], 'wds');
    const storedKeys = new Set(keyRows.map((k) => k.key));

    const exit = service.child.exitCode === null ? 'never restarted' : `EXITED (${service.child.exitCode}): ${service.output().slice(-300)}`;
    check(AREA, `${KILLS} SIGKILLs of the cluster under ${WRITERS} retrying writers`, `${cluster.starts - 1} restarts; service pid ${service.child.pid} ${exit}`, cluster.starts - 1 === KILLS && service.child.exitCode === null);
    check(AREA, 'every acknowledged (201) write is stored exactly once', `${acknowledged.length} acknowledged, ${rows.length} rows checked, ${lost.length} missing or different`, acknowledged.length > 0 && lost.length === 0);
    check(AREA, 'no Idempotency-Key has two rows', `${[...rowsBySession.values()].filter((ids) => ids.length > 1).length} duplicated of ${rowsBySession.size} keys`, rows.length === rowsBySession.size && rows.length === acknowledged.length);
    check(AREA, 'every acknowledged key is stored with its answer', `${acknowledged.filter((a) => storedKeys.has(a.key)).length} of ${acknowledged.length}`, acknowledged.every((a) => storedKeys.has(a.key)));

    const failed = [...failures, ...healthProbes, ...writeProbes.filter((p) => p.status !== 201)];
    const slowest = Math.max(...failed.map((f) => f.ms));
    check(AREA, 'while down, requests fail fast', `${failed.length} failed requests, slowest ${Math.round(slowest)} ms (limit ${FAIL_FAST_MS} ms)`, failed.length > 0 && slowest <= FAIL_FAST_MS);
    const not503 = failed.filter((f) => f.status !== 503 || !isProblemJson(f));
    check(AREA, 'while down, every failure is 503 problem+json', not503.length ? `${not503.length} otherwise: ${[...new Set(not503.map((f) => f.error ?? f.status))].join(', ')}` : `all ${failed.length}`, not503.length === 0);
    const healthDown = healthProbes.filter((p) => p.status === 503 && /"database":"down"/.test(p.body));
    check(AREA, 'while down, /health says 503 (database down)', `${healthDown.length} of ${healthProbes.length} probes`, healthProbes.length > 0 && healthDown.length === healthProbes.length);
    check(AREA, 'no failure body leaks stack, SQL or connection string', `${failed.filter((f) => LEAK.test(f.body)).length} of ${failed.length} leak`, !failed.some((f) => LEAK.test(f.body)));
    check(AREA, 'recovers without a restart after each database restart', `/health 200 after ${recoveries.map((ms) => `${ms} ms`).join(', ')}`, recoveries.length === KILLS);
  });
});
