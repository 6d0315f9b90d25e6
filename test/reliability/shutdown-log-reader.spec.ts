import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../../bench/lib/service-process';
import { projectRoot } from '../../src/database/migrate';
import { DisposableCluster } from './support/disposable-cluster';
import { check } from './support/ledger';

const AREA = 'shutdown, log reader gone';
const RUNS = 5;
const SHUTDOWN_TIMEOUT_MS = 2000;
/** How long to wait for the processes to be gone: far past SHUTDOWN_TIMEOUT_MS, only a bound. */
const GONE_WITHIN_MS = SHUTDOWN_TIMEOUT_MS + 8000;

/** Pids of the live processes in process group `group` (from /proc: the group outlives its leader). */
function processesInGroup(group: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z') pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

async function goneWithin(group: number, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = processesInGroup(group);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = processesInGroup(group);
  }
  return left;
}

/**
 * A supervisor starts `npm start` detached with piped output, makes widget requests (some answered
 * 429), sends SIGTERM to the process group and exits without reading any further. The service's
 * log writes then fail (EPIPE, or EAGAIN while a reader lingers); a synchronous log destination
 * retried them in a loop that blocked the event loop for good, so the process never exited.
 * Every run must leave no process behind.
 */
describe('SIGTERM after the log reader has gone', () => {
  let cluster: DisposableCluster;
  let databaseUrl: string;
  const groups: number[] = [];
  beforeAll(async () => {
    cluster = await DisposableCluster.create();
    databaseUrl = await cluster.createDatabase('wds');
  });
  afterAll(async () => {
    for (const group of groups) for (const pid of processesInGroup(group)) process.kill(pid, 'SIGKILL');
    await cluster?.destroy();
  });

  it(`exits every time (${RUNS} runs)`, async () => {
    const supervisor = path.join(__dirname, 'support', 'sigterm-and-leave.js');
    const env = { ...process.env, DATABASE_URL: databaseUrl, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), LOG_LEVEL: 'info' };
    const stuck: string[] = [];
    const statuses: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { stdout } = await promisify(execFile)(process.execPath, [supervisor, projectRoot(), String(await freePort())], { env });
      const [group, answered] = stdout.trim().split(' ');
      groups.push(Number(group));
      statuses.push(answered);
      const left = await goneWithin(Number(group), GONE_WITHIN_MS);
      if (left.length > 0) stuck.push(`run ${run + 1}: pids ${left.join(', ')}`);
    }
    const refused = statuses.filter((s) => s.split(',').includes('429')).length;
    check(
      AREA,
      `${RUNS} × npm start, 15 widget requests (WIDGET_RATE_LIMIT_PER_MINUTE=10), SIGTERM to the group, supervisor leaves`,
      stuck.length ? `still running after ${GONE_WITHIN_MS} ms: ${stuck.join('; ')}` : `every process gone (${refused} of ${RUNS} runs saw 429s)`,
      stuck.length === 0 && refused === RUNS,
    );
  });

  it('keeps the event loop running while nobody reads the log pipe, and still stops on SIGTERM', async () => {
    // 8 MiB of log lines into a pipe nobody reads (its reader, this test, is alive but not reading):
    // each write would block or spin; the process must keep ticking and stop on SIGTERM.
    const destination = path.join(projectRoot(), 'dist', 'src', 'common', 'logging', 'log-destination.js');
    const script = `
      const { stdoutDestination } = require(${JSON.stringify(destination)});
      const out = stdoutDestination();
      const line = JSON.stringify({ level: 30, msg: 'x'.repeat(1000) }) + '\\n';
      for (let i = 0; i < 8192; i++) out.write(line);
      setInterval(() => process.send('tick'), 50);
      process.on('SIGTERM', () => process.exit(0));
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout!.pause();
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    let ticks = 0;
    child.on('message', () => ticks++);
    const deadline = Date.now() + 10_000;
    while (ticks < 5 && Date.now() < deadline) await sleep(50);
    child.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(5000, undefined, { ref: false }).then(() => 'still running')]);
    if (code === 'still running') child.kill('SIGKILL');
    check(AREA, '8 MiB of logs into a pipe nobody reads, then SIGTERM', `${ticks} timer ticks; exit ${code}`, ticks >= 5 && code === 0);
  });

  it('is killed by the shutdown watchdog when its main thread is stuck after the shutdown began', async () => {
    // The main thread arms the watchdog, then blocks for good (as a busy-retrying write did):
    // no timer of its own can run any more; the watchdog's thread must still end the process.
    const watchdog = path.join(projectRoot(), 'dist', 'src', 'common', 'process', 'shutdown-watchdog.js');
    const script = `
      const { ShutdownWatchdog } = require(${JSON.stringify(watchdog)});
      new ShutdownWatchdog().arm(300);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
    const outcome = await Promise.race([exited, sleep(10_000, undefined, { ref: false }).then(() => 'still running')]);
    if (outcome === 'still running') child.kill('SIGKILL');
    check(AREA, 'main thread blocked for good right after arming the watchdog (300 ms)', `ended by ${outcome}`, outcome === 'SIGKILL');
  });
});
