import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../src/database/migrate';

export interface MeasuredRun {
  code: number | null;
  wallMs: number;
  /** Peak resident set size of the node process, in KiB. */
  maxRssKb: number;
  stdout: string;
  stderr: string;
}

const MAX_RSS_LINE = /\nbench:maxRssKb=(\d+)\n/;

/** Runs a compiled entry point of this repository in its own node process; wall time and peak RSS. */
export function measuredRun(entry: string, args: string[], env: Record<string, string>): Promise<MeasuredRun> {
  const root = projectRoot();
  const preload = path.join(__dirname, 'report-max-rss.js');
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', preload, path.resolve(root, entry), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const rss = MAX_RSS_LINE.exec(stderr);
      resolve({
        code,
        wallMs: Math.round(performance.now() - started),
        maxRssKb: rss ? Number(rss[1]) : NaN,
        stdout,
        stderr: stderr.replace(MAX_RSS_LINE, '\n'),
      });
    });
  });
}
