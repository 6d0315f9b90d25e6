import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { RawConnection, rawConnection } from '../support/raw-http';
import { ServiceOnCluster, serviceOnCluster } from './support/app-on-cluster';
import { isProblemJson, Outcome, send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'slow clients';
const PER_KIND = 30;
const LIMITS = { HTTP_REQUEST_TIMEOUT_MS: '3000', HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_IDLE_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' };
// Only ends a run that would hang: the check is on sockets closed, not on how fast.
const DEADLINE_MS = 20_000;

/**
 * The compiled service with short limits, under 90 sockets that never complete a request (slow
 * headers, a slow body, silence) while a well-behaved client keeps using it: every slow socket is
 * closed by the server, every normal request is answered, nothing of the slow bodies is stored.
 */
describe('slow and idle clients against the running service', () => {
  let target: ServiceOnCluster;
  beforeAll(async () => {
    target = await serviceOnCluster(LIMITS);
  });
  afterAll(() => target?.close());

  it('drops slow-header, slow-body and idle sockets and keeps answering everyone else', async () => {
    const { service, cluster } = target;
    const kinds: Record<string, RawConnection[]> = { 'slow headers': [], 'slow body': [], idle: [] };
    for (let i = 0; i < PER_KIND; i++) {
      const headers = await rawConnection(service.port);
      headers.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
      kinds['slow headers'].push(headers);
      const body = await rawConnection(service.port);
      body.socket.write('POST /api/support/csat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"sessionId":"slow-body","rating":5,"notes":"');
      kinds['slow body'].push(body);
      kinds.idle.push(await rawConnection(service.port));
    }
    // Trickle a byte to the slow ones faster than any idle limit, so only the request limits can end them.
    let n = 0;
    const trickle = setInterval(() => {
      n++;
      for (const c of kinds['slow headers']) if (c.socket.writable) c.socket.write(`X-Slow-${n}: 1\r\n`);
      for (const c of kinds['slow body']) if (c.socket.writable) c.socket.write('x');
    }, 200);

    const agent = new http.Agent({ keepAlive: true });
    const normal: Outcome[] = [];
    const all = Object.values(kinds).flat();
    const closed = Promise.allSettled(all.map((c) => c.closed(DEADLINE_MS)));
    let done = false;
    void closed.then(() => (done = true));
    try {
      while (!done) {
        normal.push(await send(`${service.url}/health`, { agent }));
        normal.push(await send(`${service.url}/api/support/csat`, { method: 'POST', body: { sessionId: 'normal', rating: 4 }, agent }));
        await sleep(50);
      }
    } finally {
      clearInterval(trickle);
      agent.destroy();
      for (const c of all) c.socket.destroy();
    }
    const settled = await closed;

    for (const [kind, conns] of Object.entries(kinds)) {
      const dropped = conns.filter((c) => settled[all.indexOf(c)].status === 'fulfilled').length;
      check(AREA, `${PER_KIND} ${kind} sockets (request ${LIMITS.HTTP_REQUEST_TIMEOUT_MS} ms, headers ${LIMITS.HTTP_HEADERS_TIMEOUT_MS} ms, idle ${LIMITS.HTTP_IDLE_TIMEOUT_MS} ms)`, `${dropped} of ${PER_KIND} closed by the server`, dropped === PER_KIND);
    }
    const unanswered = normal.filter((o) => !(o.status === 200 || o.status === 201));
    check(AREA, 'a normal client meanwhile', `${normal.length - unanswered.length} of ${normal.length} requests answered 200/201; ${unanswered.slice(0, 3).map((o) => o.error ?? `${o.status}${isProblemJson(o) ? ' problem' : ''}`).join(', ') || 'no failures'}`, normal.length > 0 && unanswered.length === 0);
    const [stored] = await cluster.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CsatFeedback" WHERE "sessionId" = 'slow-body'`, [], 'wds');
    check(AREA, 'nothing of the slow bodies is stored', `${stored.n} rows`, stored.n === 0);
    check(AREA, 'the service survives', service.child.exitCode === null ? 'still running' : `EXITED ${service.child.exitCode}`, service.child.exitCode === null);
  });
});
