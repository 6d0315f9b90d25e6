import { Client } from 'pg';
import { encodeOrderCursor } from '../../src/orders/order-cursor';
import { BENCH_TOKEN, BenchContext } from '../lib/context';
import { LoadFigures, runLoad } from '../lib/load';
import { median, mirrored } from '../lib/mirrored';
import { ScenarioResult, skipped } from '../lib/report';
import { StatementCountingProxy } from '../lib/statement-counting-proxy';

const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };
const CONNECTIONS = 8;
const PAGE = 50;

/** The (placedAt, orderNumber) of the row `offset` rows into the newest-first list. */
async function rowAt(url: string, offset: number): Promise<{ placedAt: Date; orderNumber: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT "placedAt", "orderNumber" FROM "Order" ORDER BY "placedAt" DESC, "orderNumber" DESC OFFSET $1 LIMIT 1`,
      [offset],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Several load runs of one page as one: median latencies and throughput, summed failures. */
function medians(runs: LoadFigures[]) {
  const of = (pick: (r: LoadFigures) => number) => median(runs.map(pick));
  return {
    latencyMs: { p50: of((r) => r.latencyMs.p50), p95: of((r) => r.latencyMs.p95), p99: of((r) => r.latencyMs.p99) },
    reqPerSec: of((r) => r.reqPerSec),
    failed: runs.reduce((n, r) => n + r.requests - r.ok + r.errors, 0),
    runs,
  };
}

async function getJson(url: string): Promise<{ status: number; body: { data?: { orderNumber: string }[] } }> {
  const response = await fetch(url, { headers: AUTH });
  return { status: response.status, body: (await response.json()) as { data?: { orderNumber: string }[] } };
}

/**
 * GET /api/orders on N orders + N interactions: p95 of page 1 vs a page whose cursor is N/2 rows
 * deep (keyset paging must not slow down with depth), and the SQL statements one page costs for
 * limit 20 vs 200, counted on the wire by a proxy between the service and PostgreSQL. The two
 * pages are loaded alternately, A B B A A B B A, each run half the load time, and compared by
 * their medians: neither page is always the one measured first, on colder caches.
 */
export async function ordersList(ctx: BenchContext): Promise<ScenarioResult> {
  const url = await ctx.shop();
  const half = Math.floor(ctx.scale / 2);
  const cursor = encodeOrderCursor(await rowAt(url, half - 1));
  const expectedFirst = (await rowAt(url, half)).orderNumber;
  const page1 = `/api/orders?limit=${PAGE}`;
  const deep = `/api/orders?limit=${PAGE}&cursor=${cursor}`;

  const service = await ctx.startService(url);
  let latency;
  try {
    const probe = await getJson(`${service.url}${deep}`);
    if (probe.status === 404) return skipped('orders-list', 'GET /api/orders is not there yet (404)');
    if (probe.body.data?.[0]?.orderNumber !== expectedFirst) {
      throw new Error(`the deep page starts at ${probe.body.data?.[0]?.orderNumber}, expected ${expectedFirst}`);
    }
    const load = (path: string, durationS: number) => runLoad({ url: `${service.url}${path}`, headers: AUTH, connections: CONNECTIONS, durationS });
    ctx.log('orders-list: warming up page 1 and the deep page');
    for (const path of [page1, deep]) await load(path, 2);
    ctx.log(`orders-list: page 1 and the page ${half.toLocaleString('en')} rows deep, alternating`);
    const [firstRuns, deepRuns] = await mirrored<[LoadFigures, LoadFigures]>(
      [() => load(page1, ctx.loadSeconds / 2), () => load(deep, ctx.loadSeconds / 2)],
      2,
    );
    latency = { page1: medians(firstRuns), deep: medians(deepRuns) };
  } finally {
    await service.stop();
  }

  ctx.log('orders-list: counting SQL statements per page');
  const proxy = new StatementCountingProxy(new URL(url));
  const counted = await ctx.startService(await proxy.start());
  const statements: Record<string, number> = {};
  try {
    await getJson(`${counted.url}${page1}`); // warm the pool: connection set-up is not the page's cost
    for (const limit of [20, 200]) {
      for (const [name, path] of [['page1', '/api/orders?'], ['deep', `/api/orders?cursor=${cursor}&`]]) {
        proxy.statements = 0;
        const { status } = await getJson(`${counted.url}${path}limit=${limit}`);
        if (status !== 200) throw new Error(`GET ${path}limit=${limit} answered ${status}`);
        statements[`${name}Limit${limit}`] = proxy.statements;
      }
    }
  } finally {
    await counted.stop();
    await proxy.stop();
  }

  const p95Ratio = latency.deep.latencyMs.p95 / latency.page1.latencyMs.p95;
  const same = statements.page1Limit20 === statements.page1Limit200 && statements.deepLimit20 === statements.deepLimit200;
  return {
    name: 'orders-list',
    status: 'ok',
    comparisons: [
      {
        metric: `p95 ms, cursor ${half.toLocaleString('en')} deep vs page 1`,
        service: `${latency.deep.latencyMs.p95}`,
        baseline: `${latency.page1.latencyMs.p95}`,
        ratio: p95Ratio,
        target: '<= 1.50',
        met: p95Ratio <= 1.5 && latency.page1.failed === 0 && latency.deep.failed === 0,
      },
      {
        metric: 'SQL statements per page, limit 200 vs 20',
        service: `${statements.page1Limit200}`,
        baseline: `${statements.page1Limit20}`,
        ratio: statements.page1Limit200 / statements.page1Limit20,
        target: 'equal',
        met: same,
      },
    ],
    figures: { pageSize: PAGE, connections: CONNECTIONS, cursorDepth: half, ...latency, statements },
  };
}
