import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csatPgbenchScript } from '../baselines/csat-statement';
import { BenchContext } from '../lib/context';
import { LoadFigures, runLoad } from '../lib/load';
import { pgProgram } from '../lib/postgres-binaries';
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

async function loadCsat(ctx: BenchContext, target: NodeProcess): Promise<LoadFigures> {
  const options = { url: `${target.url}/api/support/csat`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS };
  await runLoad({ ...options, body: csatBodies(ctx.scale), durationS: 2 });
  return runLoad({ ...options, body: csatBodies(ctx.scale), durationS: ctx.loadSeconds });
}

/** pgbench running the same INSERT over as many connections as the service's pool. */
async function pgbench(url: string, orders: number, seconds: number): Promise<{ tps: number; latencyMs: number }> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wds-bench-')), 'csat-insert.sql');
  fs.writeFileSync(script, await csatPgbenchScript(orders, orderNumberSql));
  const { stdout } = await promisify(execFile)(pgProgram('pgbench'), ['-n', '-M', 'prepared', '-c', String(POOL), '-j', '2', '-T', String(seconds), '-f', script, url]);
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const tps = /tps = ([\d.]+)/.exec(stdout);
  const latency = /latency average = ([\d.]+) ms/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return { tps: Math.round(Number(tps[1])), latencyMs: Number(latency?.[1]) };
}

/**
 * Widget CSAT insert: the service vs a bare Fastify + pg handler doing the same validation and the
 * same INSERT, and vs pgbench running that INSERT. Same load, same machine, same database.
 */
export async function csatInsert(ctx: BenchContext): Promise<ScenarioResult> {
  const url = await ctx.shop();

  ctx.log('csat: loading the service');
  const service = await ctx.startService(url);
  const svc = await loadCsat(ctx, service).finally(() => service.stop());

  ctx.log('csat: loading the bare Fastify + pg handler');
  const bareProcess = await startNodeProcess({ DATABASE_URL: url, DB_POOL_MAX: String(POOL) }, { entry: 'dist/bench/baselines/csat-fastify-pg.js' });
  const bare = await loadCsat(ctx, bareProcess).finally(() => bareProcess.stop());

  ctx.log('csat: pgbench');
  const pg = await pgbench(url, ctx.scale, ctx.loadSeconds);

  const failures = (f: LoadFigures) => f.requests - f.ok;
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
        met: svc.reqPerSec / bare.reqPerSec >= 0.6 && failures(svc) === 0,
      },
      {
        metric: 'p99 ms vs bare Fastify+pg',
        service: `${svc.latencyMs.p99}`,
        baseline: `${bare.latencyMs.p99}`,
        ratio: svc.latencyMs.p99 / bare.latencyMs.p99,
        target: '<= 2.00',
        met: svc.latencyMs.p99 / bare.latencyMs.p99 <= 2,
      },
      {
        metric: 'req/s vs pgbench tps (same INSERT)',
        service: `${svc.reqPerSec}`,
        baseline: `${pg.tps}`,
        ratio: svc.reqPerSec / pg.tps,
        target: '>= 0.30',
        met: svc.reqPerSec / pg.tps >= 0.3,
      },
    ],
    figures: { connections: CONNECTIONS, pool: POOL, service: svc, bareFastifyPg: bare, pgbench: pg, failedServiceRequests: failures(svc) },
  };
}
