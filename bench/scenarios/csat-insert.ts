import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csatPgbenchScript } from '../baselines/csat-statement';
import { BenchContext } from '../lib/context';
import { LoadFigures, runLoad } from '../lib/load';
import { mean, mirrored } from '../lib/mirrored';
import { pgProgram } from '../lib/postgres-binaries';
import { processCpuMs } from '../lib/process-cpu';
import { ScenarioResult } from '../lib/report';
import { NodeProcess, startNodeProcess } from '../lib/service-process';
import { orderNumberOf, orderNumberSql } from '../seed/shop-data';

const CONNECTIONS = 32;
const POOL = 10;
const LABELS = ['terrible', 'bad', 'okay', 'good', 'great'];

/** A fresh CSAT body per request: new session, varying rating, a claimed order that exists (linked at once). */
function csatBodies(orders: number): () => string {
  let i = 0;
  return () => {
    i++;
    return JSON.stringify({
      sessionId: `w_bench_${i}`,
      rating: LABELS[i % 5],
      notes: 'Super helpful!',
      intent: 'order_tracking',
      orderNumber: orderNumberOf(1 + ((i * 7919) % orders)),
    });
  };
}

interface CsatLoad extends LoadFigures {
  /** CPU the server process used per request under the load, when the OS tells. */
  cpuUsPerRequest?: number;
}

/** Starts `start`'s process, warms it up, loads it for `seconds` and stops it. */
async function loadCsat(ctx: BenchContext, start: () => Promise<NodeProcess>, seconds: number): Promise<CsatLoad> {
  const target = await start();
  try {
    const options = { url: `${target.url}/api/support/csat`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS };
    await runLoad({ ...options, body: csatBodies(ctx.scale), durationS: 2 });
    const cpuBefore = processCpuMs(target.child.pid);
    const figures = await runLoad({ ...options, body: csatBodies(ctx.scale), durationS: seconds });
    const cpuAfter = processCpuMs(target.child.pid);
    const cpuUsPerRequest = cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round(((cpuAfter - cpuBefore) * 1000) / figures.requests);
    return { ...figures, cpuUsPerRequest };
  } finally {
    await target.stop();
  }
}

/** Two load runs of one side as one: mean throughput, latency and CPU, summed counts. */
function combined(runs: CsatLoad[]): CsatLoad & { runs: CsatLoad[] } {
  const sum = (pick: (r: CsatLoad) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const average = (pick: (r: CsatLoad) => number) => mean(runs.map(pick));
  const statusCodes: Record<string, number> = {};
  for (const r of runs) for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const cpuKnown = runs.every((r) => r.cpuUsPerRequest !== undefined);
  return {
    runs,
    cpuUsPerRequest: cpuKnown ? Math.round(average((r) => r.cpuUsPerRequest!)) : undefined,
    requests: sum((r) => r.requests),
    ok: sum((r) => r.ok),
    statusCodes,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    durationS: sum((r) => r.durationS),
    reqPerSec: Math.round(average((r) => r.reqPerSec)),
    latencyMs: {
      p50: average((r) => r.latencyMs.p50),
      p95: average((r) => r.latencyMs.p95),
      p99: average((r) => r.latencyMs.p99),
      max: Math.max(...runs.map((r) => r.latencyMs.max)),
      mean: average((r) => r.latencyMs.mean),
    },
  };
}
interface PgbenchFigures {
  tps: number;
  latencyMs: number;
  /** Transactions that failed (pgbench's "number of failed transactions"). */
  failed: number;
}

/** pgbench running the same INSERT over as many connections as the service's pool. */
async function pgbench(url: string, orders: number, seconds: number): Promise<PgbenchFigures> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wds-bench-')), 'csat-insert.sql');
  fs.writeFileSync(script, await csatPgbenchScript(orders, orderNumberSql));
  const { stdout } = await promisify(execFile)(pgProgram('pgbench'), ['-n', '-M', 'prepared', '-c', String(POOL), '-j', '2', '-T', String(seconds), '-f', script, url]);
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const tps = /tps = ([\d.]+)/.exec(stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(stdout);
  const failed = /number of failed transactions: (\d+)/.exec(stdout);
  if (!tps || !failed) throw new Error(`pgbench printed no tps or failed transactions:\n${stdout}`);
  return { tps: Math.round(Number(tps[1])), latencyMs: Number(latency?.[1]), failed: Number(failed[1]) };
}

/**
 * Widget CSAT insert: the service vs a bare Fastify + pg handler doing the same validation and the
 * same INSERT, and vs pgbench running that INSERT. Same load, same machine, same database; each
 * side runs twice for half the load time (see mirrored) and its figures are the means.
 */
export async function csatInsert(ctx: BenchContext): Promise<ScenarioResult> {
  const url = await ctx.shop();
  const seconds = ctx.loadSeconds / 2;
  const [serviceRuns, bareRuns, pgbenchRuns] = await mirrored<[CsatLoad, CsatLoad, PgbenchFigures]>([
    () => {
      ctx.log('csat: loading the service');
      return loadCsat(ctx, () => ctx.startService(url), seconds);
    },
    () => {
      ctx.log('csat: loading the bare Fastify + pg handler');
      const bare = () => startNodeProcess({ DATABASE_URL: url, DB_POOL_MAX: String(POOL) }, { entry: 'dist/bench/baselines/csat-fastify-pg.js' });
      return loadCsat(ctx, bare, seconds);
    },
    () => {
      ctx.log('csat: pgbench');
      return pgbench(url, ctx.scale, seconds);
    },
  ]);
  const svc = combined(serviceRuns);
  const bare = combined(bareRuns);
  const pg = {
    tps: Math.round(mean(pgbenchRuns.map((r) => r.tps))),
    latencyMs: mean(pgbenchRuns.map((r) => r.latencyMs)),
    failed: pgbenchRuns.reduce((n, r) => n + r.failed, 0),
    runs: pgbenchRuns,
  };

  // Throughput counts successes only; a side that failed requests is not a fair comparison
  // either way, so every ratio needs zero failures on both of its sides.
  const failures = (f: LoadFigures) => f.requests - f.ok + f.errors;
  const failed = { service: failures(svc), bareFastifyPg: failures(bare), pgbench: pg.failed };
  const clean = (...counts: number[]) => counts.every((n) => n === 0);
  return {
    name: 'csat-insert',
    status: 'ok',
    comparisons: [
      {
        metric: 'req/s vs bare Fastify+pg',
        service: `${svc.reqPerSec}`,
        baseline: `${bare.reqPerSec}`,
        ratio: svc.reqPerSec / bare.reqPerSec,
        target: '>= 0.60',
        met: svc.reqPerSec / bare.reqPerSec >= 0.6 && clean(failed.service, failed.bareFastifyPg),
      },
      {
        metric: 'p99 ms vs bare Fastify+pg',
        service: `${svc.latencyMs.p99}`,
        baseline: `${bare.latencyMs.p99}`,
        ratio: svc.latencyMs.p99 / bare.latencyMs.p99,
        target: '<= 2.00',
        met: svc.latencyMs.p99 / bare.latencyMs.p99 <= 2 && clean(failed.service, failed.bareFastifyPg),
      },
      {
        metric: 'server CPU µs per request vs bare Fastify+pg',
        service: `${svc.cpuUsPerRequest ?? '-'}`,
        baseline: `${bare.cpuUsPerRequest ?? '-'}`,
        ratio: svc.cpuUsPerRequest && bare.cpuUsPerRequest ? svc.cpuUsPerRequest / bare.cpuUsPerRequest : null,
        target: 'report',
        met: null,
      },
      {
        metric: 'req/s vs pgbench tps (same INSERT)',
        service: `${svc.reqPerSec}`,
        baseline: `${pg.tps}`,
        ratio: svc.reqPerSec / pg.tps,
        target: '>= 0.30',
        met: svc.reqPerSec / pg.tps >= 0.3 && clean(failed.service, failed.pgbench),
      },
    ],
    figures: { connections: CONNECTIONS, pool: POOL, service: svc, bareFastifyPg: bare, pgbench: pg, failed },
  };
}
