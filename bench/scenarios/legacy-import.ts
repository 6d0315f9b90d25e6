import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { BenchContext } from '../lib/context';
import { measuredRun } from '../lib/measured-run';
import { npmScriptEntry } from '../lib/npm-script';
import { ScenarioResult, skipped } from '../lib/report';
import { writeLegacyExport } from '../seed/legacy-export';

const TABLES = ['Order', 'CsatFeedback', 'CapsuleHold', 'OrderSubscription', 'AnalyticsEvent'];

/** Rows the import wrote (every imported row keeps its Mongo _id as legacyId). */
async function importedRows(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const counts = TABLES.map((t) => `SELECT count(*) FROM "${t}" WHERE "legacyId" IS NOT NULL`);
    const { rows } = await client.query<{ n: number }>(`SELECT ((${counts.join(') + (')}))::int AS n`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * `npm run legacy:import -- <dir>` (its compiled entry, without the build) on an N-line
 * mongoexport directory into an empty database: lines per second and the process's peak RSS.
 * Every line must be imported (the generated documents are all valid).
 */
export async function legacyImport(ctx: BenchContext): Promise<ScenarioResult> {
  const entry = npmScriptEntry('legacy:import');
  if (!entry) return skipped('legacy-import', 'no built "legacy:import" npm script yet');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wds-bench-export-'));
  try {
    ctx.log(`legacy-import: writing a ${ctx.scale.toLocaleString('en')}-line export`);
    const lines = await writeLegacyExport(dir, ctx.scale);
    const url = await ctx.databases.create('import');
    ctx.log('legacy-import: importing');
    const run = await measuredRun(entry, [dir, '--report', path.join(dir, 'report.jsonl')], { DATABASE_URL: url, LOG_LEVEL: 'warn' });
    if (run.code !== 0) throw new Error(`legacy:import exited with ${run.code}:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    const imported = await importedRows(url);
    if (imported !== ctx.scale) throw new Error(`imported ${imported} of ${ctx.scale} lines:\n${run.stdout.slice(-2000)}`);
    const linesPerSecond = Math.round(ctx.scale / (run.wallMs / 1000));
    return {
      name: 'legacy-import',
      status: 'ok',
      comparisons: [
        { metric: `lines/s, ${ctx.scale.toLocaleString('en')}-line export`, service: `${linesPerSecond}`, baseline: '-', ratio: null, target: 'report', met: null },
        { metric: 'peak RSS', service: `${Math.round(run.maxRssKb / 1024)} MiB`, baseline: '-', ratio: null, target: 'report', met: null },
      ],
      figures: { lines, wallMs: run.wallMs, linesPerSecond, maxRssKb: run.maxRssKb, imported },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
