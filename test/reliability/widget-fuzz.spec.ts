import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { AppOnCluster, appOnCluster, widgetRowCounts } from './support/app-on-cluster';
import { LEAK } from './support/http-client';
import { check } from './support/ledger';
import { fillPath, Route } from './support/routes';
import { discoverRoutes } from './support/routes';
import { BODIES, FUZZ_ORDER, headers, pathParam, rawBody } from './support/widget-arbitraries';

const AREA = 'fuzzing';
const RUNS = 12_000;

/** Rows a widget answer says it wrote: the expected growth of each table. */
function rowsWritten(route: Route, response: LightMyRequestResponse, hadKey: boolean): Record<string, number> {
  if (response.statusCode >= 300 || response.headers['idempotent-replayed'] === 'true' || route.method !== 'POST') return {};
  const key: Record<string, number> = hadKey ? { IdempotencyKey: 1 } : {};
  switch (route.path) {
    case '/api/support/csat':
      return { CsatFeedback: 1, ...key };
    case '/api/support/capsule':
      return { CapsuleHold: 1, ...key };
    case '/api/support/order-updates':
      return { OrderSubscription: response.statusCode === 201 ? 1 : 0, ...key };
    case '/api/support/events':
      return { AnalyticsEvent: (response.json() as { accepted: number }).accepted, ...key };
    default:
      return {};
  }
}

/**
 * Fast-check against every widget route the router has, with fuzzed bodies and headers. Every
 * answer must be below 500 (errors as problem+json without internals), nothing rejected may write
 * a row (the tables grow by exactly what the 2xx answers account for), and no payload may pollute
 * this process's Object.prototype.
 */
describe('widget API fuzzing', () => {
  let target: AppOnCluster;

  beforeAll(async () => {
    target = await appOnCluster();
    await target.cluster.query(
      `INSERT INTO "Order" ("orderNumber", "total", "currency", "status", "placedAt") VALUES ($1, 10, 'USD', 'paid', now())`, [FUZZ_ORDER], 'wds');
  });
  afterAll(() => target?.close());

  it(`answers ${RUNS.toLocaleString('en')} fuzzed requests without a 5xx and writes nothing it rejects`, async () => {
    const routes = discoverRoutes(target.fastify).filter((r) => r.path.startsWith('/api/support/') && r.method !== 'OPTIONS');
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();
    const known: Record<string, string[]> = { reservationId: [], id: [] };
    const tried = new Map<string, number>();
    const statuses = new Map<number, number>();
    const expected: Record<string, number> = {};
    const offences: string[] = [];
    const before = await widgetRowCounts(target.cluster);

    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        route: fc.constant(route),
        param: pathParam(() => known[/:(\w+)/.exec(route.path)?.[1] ?? 'id'] ?? []),
        body: BODIES[route.path] ? rawBody(BODIES[route.path]) : fc.constant(undefined),
        headers,
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ route, param, body, headers: sent }) => {
        const response = await target.fastify.inject({ method: route.method as 'GET', url: fillPath(route.path, param), headers: sent, payload: body });
        const name = `${route.method} ${route.path}`;
        tried.set(name, (tried.get(name) ?? 0) + 1);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        for (const [table, n] of Object.entries(rowsWritten(route, response, sent['idempotency-key'] !== undefined))) expected[table] = (expected[table] ?? 0) + n;
        if (response.statusCode === 201 && route.path === '/api/support/capsule') known.reservationId.push(response.json<{ reservationId: string }>().reservationId);
        if (response.statusCode < 300 && route.path === '/api/support/order-updates') known.id.push(response.json<{ id: string }>().id);

        const problemJson = /^application\/problem\+json/.test(String(response.headers['content-type']));
        const bad =
          response.statusCode >= 500 ? `${response.statusCode}` :
          response.statusCode >= 400 && route.method !== 'HEAD' && !problemJson ? `${response.statusCode} without problem+json` :
          response.statusCode >= 400 && LEAK.test(response.body) ? 'leaky error body' : null;
        if (bad) offences.push(`${name} → ${bad}: ${response.body.slice(0, 300)}`);
        return bad === null;
      }),
      { numRuns: RUNS },
    );

    const after = await widgetRowCounts(target.cluster);
    const growth = Object.fromEntries(Object.keys(after).map((t) => [t, after[t] - before[t]]));
    const unexplained = Object.keys(after).filter((t) => growth[t] !== (expected[t] ?? 0));
    const accepted = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);

    check(AREA, `${RUNS.toLocaleString('en')} fast-check requests over ${routes.length} widget routes (router) with fuzzed bodies and headers`, [...tried].map(([r, n]) => `${r.replace('/api/support/', '')} ${n}`).join(', '), routes.length >= 7);
    check(AREA, 'no answer is a 5xx; every error is problem+json without internals', `statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(' ')}; ${offences.length} offences`, offences.length === 0);
    check(AREA, '0 rows from rejected input', `${accepted} accepted, ${RUNS - accepted} rejected; rows added ${Object.entries(growth).map(([t, n]) => `${t} ${n}`).join(', ')}: ${unexplained.length ? `unaccounted in ${unexplained.join(', ')}` : 'all accounted for by 2xx answers'}`, unexplained.length === 0 && accepted > 0);
    const prototypeAfter = Object.getOwnPropertyNames(Object.prototype).sort().join();
    const polluted = prototypeAfter !== prototypeBefore || ({} as Record<string, unknown>).polluted !== undefined;
    check(AREA, 'no prototype pollution (__proto__, constructor, prototype keys)', polluted ? `Object.prototype now: ${prototypeAfter}` : 'Object.prototype unchanged', !polluted);
  });
});
