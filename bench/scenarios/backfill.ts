import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DEFAULT_BACKFILL_OPTIONS } from '../../src/legacy/backfill.service';
import { setBasedLinking } from '../baselines/set-based-linking';
import { BenchContext } from '../lib/context';
import { measuredRun } from '../lib/measured-run';
import { median, mirrored } from '../lib/mirrored';
import { Comparison, ScenarioResult } from '../lib/report';
import { deleteLegacyRows, LEGACY_PREFIX, seedLegacyRows, unlinkLegacyRows } from '../seed/legacy-rows';

interface BackfillRun {
  ms: number;
  longestBatchMs: number;
  batches: number;
  maxRssKb: number;
  linked: Record<string, number>;
}

/** How many legacy rows are linked, per linkSource. */
async function linkedBySource(client: Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ source: string; rows: number }>(`
    SELECT "linkSource" AS source, count(*)::int AS rows FROM (
      SELECT "linkSource" FROM "CsatFeedback" WHERE "legacyId" LIKE '${LEGACY_PREFIX}%' AND "orderNumber" IS NOT NULL
      UNION ALL SELECT "linkSource" FROM "CapsuleHold" WHERE "legacyId" LIKE '${LEGACY_PREFIX}%' AND "orderNumber" IS NOT NULL
      UNION ALL SELECT "linkSource" FROM "OrderSubscription" WHERE "legacyId" LIKE '${LEGACY_PREFIX}%' AND "orderNumber" IS NOT NULL
    ) AS linked GROUP BY 1 ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.source, r.rows]));
}

async function runBackfill(url: string, client: Client): Promise<BackfillRun> {
  const run = await measuredRun('dist/bench/workers/backfill-run.js', [], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
  if (run.code !== 0) throw new Error(`the backfill exited with ${run.code}:\n${run.stderr}`);
  const { ms, longestBatchMs, batches } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as BackfillRun;
  return { ms: Math.round(ms), longestBatchMs: Math.round(longestBatchMs), batches, maxRssKb: run.maxRssKb, linked: await linkedBySource(client) };
}

interface SetBasedRun {
  ms: number;
  linked: Record<string, number>;
}

async function runSetBased(client: Client): Promise<SetBasedRun> {
  const statements = setBasedLinking(DEFAULT_BACKFILL_OPTIONS);
  const started = performance.now();
  await client.query('BEGIN');
  for (const statement of statements) await client.query(statement.text, statement.values);
  await client.query('COMMIT');
  const ms = Math.round(performance.now() - started);
  return { ms, linked: await linkedBySource(client) };
}

const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The backfill (batched, resumable, one process) on N/10 and on N legacy rows vs the same linking
 * done set-based in one transaction: speed ratio, longest batch, and peak RSS at both sizes (it
 * must not grow with the rows). Both must link exactly the same rows by the same strategies.
 * At each size the two run in the order A B B A (every run starts from the same unlinked,
 * vacuumed rows) and are compared by their medians; longest batch and peak RSS are the maxima.
 */
export async function backfill(ctx: BenchContext): Promise<ScenarioResult> {
  const url = await ctx.shop();
  const client = new Client({ connectionString: url });
  await client.connect();
  const sizes = [Math.round(ctx.scale / 10), ctx.scale];
  const runs: Record<string, { backfill: Omit<BackfillRun, 'batches'> & { runs: BackfillRun[] }; setBased: { ms: number; runs: SetBasedRun[] } }> = {};
  try {
    for (const rows of sizes) {
      ctx.log(`backfill: seeding ${rows.toLocaleString('en')} legacy rows`);
      await deleteLegacyRows(client);
      await seedLegacyRows(client, rows, ctx.scale);
      const [batchedRuns, setBasedRuns] = await mirrored<[BackfillRun, SetBasedRun]>([
        async () => {
          ctx.log('backfill: the backfill');
          const run = await runBackfill(url, client);
          await unlinkLegacyRows(client);
          return run;
        },
        async () => {
          ctx.log('backfill: the set-based UPDATE … FROM');
          const run = await runSetBased(client);
          await unlinkLegacyRows(client);
          return run;
        },
      ]);
      const linked = batchedRuns[0].linked;
      for (const run of [...batchedRuns, ...setBasedRuns]) {
        if (!same(run.linked, linked)) throw new Error(`different linking: ${JSON.stringify(linked)} and ${JSON.stringify(run.linked)}`);
      }
      runs[rows] = {
        backfill: {
          ms: median(batchedRuns.map((r) => r.ms)),
          longestBatchMs: Math.max(...batchedRuns.map((r) => r.longestBatchMs)),
          maxRssKb: Math.max(...batchedRuns.map((r) => r.maxRssKb)),
          linked,
          runs: batchedRuns,
        },
        setBased: { ms: median(setBasedRuns.map((r) => r.ms)), runs: setBasedRuns },
      };
    }
    await deleteLegacyRows(client);
  } finally {
    await client.end();
  }

  const [small, large] = sizes.map((n) => runs[n]);
  const label = (n: number) => n.toLocaleString('en');
  const speed = large.setBased.ms / large.backfill.ms;
  const rssGrowth = large.backfill.maxRssKb / small.backfill.maxRssKb;
  const mib = (kb: number) => `${Math.round(kb / 1024)} MiB`;
  const comparisons: Comparison[] = [
    {
      metric: `speed on ${label(ctx.scale)} rows vs set-based UPDATE`,
      service: `${large.backfill.ms} ms`,
      baseline: `${large.setBased.ms} ms`,
      ratio: speed,
      target: '>= 0.50',
      met: speed >= 0.5,
    },
    {
      metric: 'longest batch',
      service: `${Math.max(small.backfill.longestBatchMs, large.backfill.longestBatchMs)} ms`,
      baseline: '-',
      ratio: null,
      target: '<= 1000 ms',
      met: Math.max(small.backfill.longestBatchMs, large.backfill.longestBatchMs) <= 1000,
    },
    {
      metric: `peak RSS, ${label(sizes[1])} vs ${label(sizes[0])} rows`,
      service: mib(large.backfill.maxRssKb),
      baseline: mib(small.backfill.maxRssKb),
      ratio: rssGrowth,
      target: 'flat (<= 1.25)',
      met: rssGrowth <= 1.25,
    },
  ];
  return { name: 'backfill', status: 'ok', comparisons, figures: { batchSize: DEFAULT_BACKFILL_OPTIONS.batchSize, runs } };
}
