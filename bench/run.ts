// npm run bench [-- --scale 100k|1m] [--only csat-insert,orders-list,…] [--cpu-prof] [--out <dir>]
// Seeds its own databases, runs every scenario against its baseline in the same run, prints the
// ratio table and writes the raw figures to <dir>/<time>-<scale>.json (default dir: bench-results,
// not committed; README's figures cite runs kept in docs/bench).
import { parseArgs } from 'node:util';
import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../src/database/migrate';
import { BENCH_TOKEN, BenchContext } from './lib/context';
import { machine, renderTable, ScenarioResult, sourceCommit, writeResults } from './lib/report';
import { ScratchDatabases } from './lib/scratch-databases';
import { startNodeProcess } from './lib/service-process';
import { backfill } from './scenarios/backfill';
import { csatInsert } from './scenarios/csat-insert';
import { legacyImport } from './scenarios/legacy-import';
import { ordersList } from './scenarios/orders-list';
import { widgetStats } from './scenarios/widget-stats';
import { seedShop } from './seed/shop-data';

// Read-only scenarios first: the CSAT load adds rows to the shop they measure.
const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<ScenarioResult>> = {
  'orders-list': ordersList,
  'widget-stats': widgetStats,
  'csat-insert': csatInsert,
  backfill,
  'legacy-import': legacyImport,
};

const USAGE = `Usage: npm run bench -- [--scale 100k|1m|<n>] [--only ${Object.keys(SCENARIOS).join(',')}] [--cpu-prof] [--out <dir>]`;

function parseScale(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw.trim());
  const n = match ? Math.round(Number(match[1]) * { '': 1, k: 1e3, m: 1e6 }[match[2].toLowerCase() as '' | 'k' | 'm']) : NaN;
  if (!(n >= 10_000)) throw new Error(`--scale must be a row count of at least 10k, not "${raw}"\n${USAGE}`);
  return n;
}

function parse() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '100k' }, only: { type: 'string' }, 'cpu-prof': { type: 'boolean' }, out: { type: 'string', default: 'bench-results' } },
  });
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? Object.keys(SCENARIOS);
  const unknown = only.filter((name) => !SCENARIOS[name]);
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  return { scale: parseScale(values.scale!), only, cpuProf: values['cpu-prof'] ?? false, out: values.out! };
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>('SELECT version() AS v')).rows[0].v;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { scale, only, cpuProf, out } = parse();
  const root = projectRoot();
  const databases = new ScratchDatabases();
  const started = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  let shop: Promise<string> | undefined;
  const ctx: BenchContext = {
    scale,
    loadSeconds: scale >= 1_000_000 ? 20 : 10,
    databases,
    log,
    shop: () =>
      (shop ??= (async () => {
        const url = await databases.create('shop');
        log(`seeding ${scale.toLocaleString('en')} orders and ${scale.toLocaleString('en')} widget interactions`);
        await seedShop(url, scale);
        log('seeded');
        return url;
      })()),
    startService: (databaseUrl) =>
      startNodeProcess(
        { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DASHBOARD_API_TOKENS: BENCH_TOKEN, WIDGET_RATE_LIMIT_PER_MINUTE: '100000' },
        { nodeArgs: cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench-results', 'profiles')}`] : [] },
      ),
  };
  const interrupted = () => void databases.dropAll().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const results: ScenarioResult[] = [];
  try {
    for (const name of only) {
      log(`${name}…`);
      try {
        results.push(await SCENARIOS[name](ctx));
      } catch (err) {
        console.error(err);
        results.push({ name, status: 'failed', reason: err instanceof Error ? err.message.split('\n')[0] : String(err), comparisons: [], figures: {} });
      }
    }
    const file = writeResults(path.resolve(root, out), new Date(started), scale, {
      startedAt: new Date(started).toISOString(),
      commit: sourceCommit(root),
      scale,
      only,
      machine: { ...machine(), postgres: await serverVersion(databases.server) },
      results,
    });
    console.log(`\nScale ${scale.toLocaleString('en')}, ${((Date.now() - started) / 60000).toFixed(1)} min\n`);
    console.log(renderTable(results));
    console.log(`\nRaw figures: ${path.relative(root, file)}`);
  } finally {
    await databases.dropAll();
  }
  process.exit(results.some((r) => r.status === 'failed') ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
