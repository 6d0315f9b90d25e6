import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable } from '../../src/legacy/legacy-cli';

/** One line of the printed table: a figure of the service against its baseline and its target. */
export interface Comparison {
  metric: string;
  service: string;
  baseline: string;
  /** service ÷ baseline (or the figure itself when there is no baseline). */
  ratio: number | null;
  target: string;
  met: boolean | null;
}

export interface ScenarioResult {
  name: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  comparisons: Comparison[];
  /** Raw figures, written to the JSON file as they are. */
  figures: Record<string, unknown>;
}

export const skipped = (name: string, reason: string): ScenarioResult => ({ name, status: 'skipped', reason, comparisons: [], figures: {} });

const fixed = (n: number | null) => (n === null || !Number.isFinite(n) ? '-' : n.toFixed(2));

export function renderTable(results: ScenarioResult[]): string {
  const rows = results.flatMap((r) =>
    r.status !== 'ok'
      ? [[r.name, `${r.status}: ${r.reason}`, '', '', '', '', '']]
      : r.comparisons.map((c) => [r.name, c.metric, c.service, c.baseline, fixed(c.ratio), c.target, c.met === null ? '-' : c.met ? 'met' : 'MISSED']),
  );
  return formatTable(['scenario', 'metric', 'service', 'baseline', 'ratio', 'target', 'verdict'], rows);
}

export function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** The commit the run measured (with "+changes" when the tree had uncommitted ones), if git can tell. */
export function sourceCommit(root: string): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
  } catch {
    return undefined;
  }
}

/** "100k", "1m" or the plain count: the scale as a file name part. */
const scaleLabel = (scale: number) =>
  scale % 1_000_000 === 0 ? `${scale / 1_000_000}m` : scale % 1000 === 0 ? `${scale / 1000}k` : String(scale);

/** Writes <dir>/<UTC date>T<hhmm>Z-<scale>.json (e.g. 2026-12-04T1805Z-100k.json) and returns its path. */
export function writeResults(dir: string, startedAt: Date, scale: number, content: Record<string, unknown>): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace(':', '');
  const file = path.join(dir, `${stamp}Z-${scaleLabel(scale)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}
