import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NodeProcess, startNodeProcess } from '../../bench/lib/service-process';
import { projectRoot } from '../../src/database/migrate';
import { send } from './support/http-client';
import { check } from './support/ledger';

const AREA = 'embedded database';
const TOKEN = 'embedded-dashboard-token';
const EXIT_DATABASE_IN_USE = 75;

interface Finished {
  code: number;
  output: string;
}

/** Runs a compiled command of this repository to its end (never throws on a non-zero exit). */
async function runCommand(entry: string, args: string[], env: Record<string, string>): Promise<Finished> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(projectRoot(), entry), ...args], {
      cwd: projectRoot(),
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/**
 * With DATABASE_URL unset every process opens the same PGlite files; two at once corrupt them.
 * Only one may open them: a second server or a legacy command stops at once, naming the holder.
 * A holder killed with SIGKILL (no clean-up) leaves nothing that stops the next one.
 */
describe('embedded database, one process at a time', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: NodeProcess | undefined;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wds-embedded-'));
    env = { DATABASE_URL: '', EMBEDDED_DATA_DIR: dataDir, DASHBOARD_API_TOKENS: TOKEN, LOG_LEVEL: 'info', WIDGET_RATE_LIMIT_PER_MINUTE: '100000' };
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server and the legacy commands while a server has it open', async () => {
    server = await startNodeProcess(env);
    const holder = `pid ${server.child.pid}`;
    const second = await runCommand('dist/src/main.js', [], { ...env, PORT: '0' });
    const fixtures = path.join(projectRoot(), 'test', 'fixtures', 'legacy');
    const legacyImport = await runCommand('dist/src/legacy/legacy-import.cli.js', [fixtures, '--report', path.join(dataDir, 'report.jsonl')], env);
    const backfill = await runCommand('dist/src/legacy/backfill.cli.js', [], env);
    const health = await send(`${server.url}/health`, { method: 'GET' });

    const refusedWell = (r: Finished) => r.code === EXIT_DATABASE_IN_USE && r.output.includes(holder) && r.output.includes('DATABASE_URL');
    check(
      AREA,
      'npm start, legacy:import and backfill while a server has the embedded database open',
      `exit codes ${second.code}, ${legacyImport.code}, ${backfill.code}; holder named: ${[second, legacyImport, backfill].every((r) => r.output.includes(holder))}; server still answers ${health.status}`,
      refusedWell(second) && refusedWell(legacyImport) && refusedWell(backfill) && health.status === 200,
    );
    expect(legacyImport.output).toMatch(/stop that process first, or run both against a PostgreSQL server by setting DATABASE_URL/);
  });

  it('opens again after the holder was killed with SIGKILL in the middle of writes', async () => {
    const written: string[] = [];
    for (let kill = 1; kill <= 2; kill++) {
      server ??= await startNodeProcess(env);
      const url = `${server.url}/api/support/csat`;
      const write = (i: number) =>
        send(url, { method: 'POST', body: { sessionId: `kill-${kill}-${i}`, rating: 5 } }).then((o) => {
          if (o.status === 201) written.push(`kill-${kill}-${i}`);
        });
      for (let i = 0; i < 10; i++) await write(i);
      // Killed with ten more in flight.
      const inFlight = Array.from({ length: 10 }, (_, i) => write(10 + i));
      await server.stop('SIGKILL');
      await Promise.allSettled(inFlight);
      server = undefined;
    }
    const lockLeft = fs.existsSync(path.join(dataDir, 'embedded-database.lock'));

    const backfill = await runCommand('dist/src/legacy/backfill.cli.js', ['--dry-run'], env);
    server = await startNodeProcess(env);
    const report = await send(`${server.url}/api/reports/csat`, { method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } });
    const stored = report.status === 200 ? (JSON.parse(report.body) as { responses: number }).responses : -1;
    check(
      AREA,
      'SIGKILL the server twice while it writes, then open the same data directory again',
      `lock file left behind: ${lockLeft}; backfill --dry-run exit ${backfill.code}; server restarted: ${stored} CSAT stored, ${written.length} had been acknowledged`,
      backfill.code === 0 && report.status === 200 && stored >= written.length,
    );
  });
});
