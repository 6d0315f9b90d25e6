import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BENCH_TOKEN, BenchContext } from '../lib/context';
import { percentile } from '../lib/load';
import { ScenarioResult, skipped } from '../lib/report';

const CURRENCY = 'USD';

/**
 * The fastest hand-written SQL found for the same answer (see README, "Performance"): the set of
 * orders with a linked interaction as one hashed UNION of the three link indexes (index-only
 * scans), hash-joined to the filtered orders; commission rounded half-even per order; totals by
 * GROUPING SETS.
 */
export const HAND_WRITTEN_STATS = `
  WITH linked AS (
    SELECT "orderNumber" FROM "CsatFeedback" WHERE "orderNumber" IS NOT NULL
    UNION SELECT "orderNumber" FROM "CapsuleHold" WHERE "orderNumber" IS NOT NULL
    UNION SELECT "orderNumber" FROM "OrderSubscription" WHERE "orderNumber" IS NOT NULL
  ), sale AS (
    SELECT c."code", c."name", o."total", o."total" * c."commissionRate" * 100 AS "cents"
    FROM "Order" o JOIN linked l ON l."orderNumber" = o."orderNumber" JOIN "Creator" c ON c."code" = o."creatorCode"
    WHERE o."currency" = $1 AND o."status" NOT IN ('cancelled', 'refunded')
  )
  SELECT "code", count(*)::int AS "sales", sum("total")::numeric(20, 2)::text AS "revenue",
         sum(CASE WHEN "cents" - trunc("cents") = 0.5 AND trunc("cents") % 2 = 0 THEN trunc("cents") ELSE round("cents") END / 100)
           ::numeric(20, 2)::text AS "commission"
  FROM sale GROUP BY GROUPING SETS (("code", "name"), ())`;

interface Figures {
  sales: number;
  revenue: string;
  commission: string;
}

interface StatsBody {
  totalWidgetAssistedSales: number;
  totalWidgetAssistedRevenue: string;
  widgetAssistedCommission: string;
  creatorBreakdown: { code: string; widgetAssistedSales: number; widgetAssistedRevenue: string; widgetAssistedCommission: string }[];
}

/** Per creator code (and '' for the total): the figures, as one comparable string. */
function fromService(body: StatsBody): Map<string, string> {
  const key = (f: Figures) => `${f.sales}/${f.revenue}/${f.commission}`;
  const entries: [string, string][] = body.creatorBreakdown.map((c) => [
    c.code,
    key({ sales: c.widgetAssistedSales, revenue: c.widgetAssistedRevenue, commission: c.widgetAssistedCommission }),
  ]);
  entries.push(['', key({ sales: body.totalWidgetAssistedSales, revenue: body.totalWidgetAssistedRevenue, commission: body.widgetAssistedCommission })]);
  return new Map(entries);
}

const fromSql = (rows: (Figures & { code: string | null })[]) => new Map(rows.map((r) => [r.code ?? '', `${r.sales}/${r.revenue}/${r.commission}`]));

function sameAnswer(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/**
 * GET /api/creators/widget-stats over all N orders vs the best hand-written SQL for the same
 * answer, run alternately from the same process; the answers must agree. Median over the runs.
 */
export async function widgetStats(ctx: BenchContext): Promise<ScenarioResult> {
  const url = await ctx.shop();
  const runs = ctx.scale >= 1_000_000 ? 7 : 11;
  const client = new Client({ connectionString: url });
  await client.connect();
  const service = await ctx.startService(url);
  const serviceMs: number[] = [];
  const sqlMs: number[] = [];
  try {
    const endpoint = `${service.url}/api/creators/widget-stats?currency=${CURRENCY}`;
    const callService = async () => {
      const started = performance.now();
      const response = await fetch(endpoint, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      const body = (await response.json()) as StatsBody;
      return { ms: performance.now() - started, status: response.status, body };
    };
    const callSql = async () => {
      const started = performance.now();
      const { rows } = await client.query(HAND_WRITTEN_STATS, [CURRENCY]);
      return { ms: performance.now() - started, rows };
    };

    const first = await callService();
    if (first.status === 404) return skipped('widget-stats', 'GET /api/creators/widget-stats is not there yet (404)');
    if (first.status !== 200) throw new Error(`widget-stats answered ${first.status}`);
    const { rows } = await callSql();
    if (!sameAnswer(fromService(first.body), fromSql(rows))) throw new Error('the service and the hand-written SQL disagree');

    for (let i = 0; i < runs; i++) {
      serviceMs.push((await callService()).ms);
      sqlMs.push((await callSql()).ms);
    }
  } finally {
    await service.stop();
    await client.end();
  }
  const median = (values: number[]) => Math.round(percentile([...values].sort((a, b) => a - b), 50) * 10) / 10;
  const ratio = median(serviceMs) / median(sqlMs);
  return {
    name: 'widget-stats',
    status: 'ok',
    comparisons: [
      {
        metric: `median ms over ${ctx.scale.toLocaleString('en')} orders vs hand-written SQL`,
        service: `${median(serviceMs)}`,
        baseline: `${median(sqlMs)}`,
        ratio,
        target: '<= 1.25',
        met: ratio <= 1.25,
      },
    ],
    figures: { runs, currency: CURRENCY, serviceMs, sqlMs, handWrittenSql: HAND_WRITTEN_STATS.replace(/\s+/g, ' ').trim() },
  };
}
