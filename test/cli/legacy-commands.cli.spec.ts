import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { LEGACY_FIXTURE } from '../support/legacy';
import { databaseUrl } from '../support/postgres';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The legacy commands as a user runs them: `npm run legacy:import -- <dir>` and
 * `npm run backfill -- [options]` in the project directory, with DATABASE_URL naming a test
 * database; checked by exit code (0 done, 1 failed, 64 usage error), output and report file.
 * The services behind them are tested in test/e2e/legacy-*.e2e.spec.ts.
 */
const ROOT = path.join(__dirname, '..', '..');
const COMMAND_TIMEOUT_MS = 180_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npmRun(script: string, args: string[], url: string): Promise<Run> {
  const child = spawn('npm', ['run', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One row of a printed table as a pattern: cells separated by runs of spaces. */
const tableRow = (...cells: (string | number)[]) => new RegExp(`^${cells.join(' +')}$`, 'm');

describe('npm run legacy:import and npm run backfill, as commands', () => {
  let db: TestDatabase;
  let client: Client;
  const count = async (sql: string) => (await client.query<{ n: number }>(`SELECT (${sql})::int AS n`)).rows[0].n;
  const linkedRows = () =>
    count(`SELECT count(*) FROM (SELECT "linkSource" FROM "CsatFeedback" UNION ALL SELECT "linkSource" FROM "CapsuleHold"
           UNION ALL SELECT "linkSource" FROM "OrderSubscription") AS rows WHERE "linkSource" IS NOT NULL`);

  beforeAll(async () => {
    // The commands run the compiled code and rebuild it first when the sources changed: build up
    // front (under the build lock, a no-op when fresh) so no command below pays for it.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO "Creator" ("code", "name", "commissionRate") VALUES ('ALEX10', 'Alex', 0.1)`);
  }, COMMAND_TIMEOUT_MS);
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('legacy:import without a directory: exit 64 with the usage, nothing imported', async () => {
    const run = await npmRun('legacy:import', [], db.url);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('Give exactly one directory.');
    expect(run.stderr).toContain('Usage: npm run legacy:import -- <dir>');
    expect(await count('SELECT count(*) FROM "Order"')).toBe(0);
  }, COMMAND_TIMEOUT_MS);

  it('legacy:import <dir> --report <file>: exit 0, the counts table, each rejection on the console and in the report', async () => {
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-cli-')), 'report.jsonl');
    const run = await npmRun('legacy:import', [LEGACY_FIXTURE, '--report', report], db.url);
    expect(run.stderr).not.toMatch(/Failed|Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Importing ${LEGACY_FIXTURE}; rejected documents go to ${report}`);
    expect(run.stdout).toMatch(tableRow('collection', 'read', 'imported', 'already present', 'rejected', 'linked'));
    expect(run.stdout).toMatch(tableRow('orders', 19, 9, 0, 10, 0));
    expect(run.stdout).toMatch(tableRow('csatFeedback', 15, 10, 0, 5, 1));
    expect(run.stdout).toMatch(tableRow('capsuleHolds', 9, 6, 0, 3, 0));
    expect(run.stdout).toMatch(tableRow('widgetOrderSubscriptions', 11, 8, 0, 3, 1));
    expect(run.stdout).toMatch(tableRow('analyticsEvents', 8, 6, 0, 2, 0));
    expect(run.stdout).toContain(`Report: ${report}`);

    const rejected = fs.readFileSync(report, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rejected).toHaveLength(23);
    expect(rejected).toContainEqual({ collection: 'csatFeedback', line: 7, _id: '0c0000000000000000000007', reason: 'rating "meh" cannot be converted to a 1-5 score' });
    for (const r of rejected) expect(run.stdout).toContain(`rejected ${r.collection} line ${r.line} _id ${r._id ?? '(none)'}: ${r.reason}`);
    expect(await count('SELECT count(*) FROM "Order"')).toBe(9);
    // The two claims naming an order of the same export are linked as they are written.
    expect(await linkedRows()).toBe(2);
  }, COMMAND_TIMEOUT_MS);

  it.each([
    [['--strategy', 'claimed,guess'], 'Unknown strategy guess: choose from claimed, order_id, analytics, email, session.'],
    [['--batch-size', '0'], '--batch-size must be a positive integer, not "0"'],
    [['--window-days'], "Option '--window-days <value>' argument missing"],
  ])('backfill %j: exit 64 with the usage', async (args, message) => {
    const run = await npmRun('backfill', args, db.url);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run backfill -- [--dry-run]');
  }, COMMAND_TIMEOUT_MS);

  it('backfill --dry-run: exit 0, what a run would link, and nothing written', async () => {
    const run = await npmRun('backfill', ['--dry-run', '--batch-size', '3'], db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run: the same work in one transaction, rolled back at the end. Nothing is written.');
    expect(run.stdout).toContain('A real run would do this:');
    expect(run.stdout).toMatch(tableRow('claimed', 0, 0, 1));
    expect(run.stdout).toMatch(tableRow('session', 1, 1, 7));
    expect(run.stdout).toContain('10 rows would be linked. Of all 24 widget rows, 2 were linked before');
    expect(await linkedRows()).toBe(2);
  }, COMMAND_TIMEOUT_MS);

  it('backfill: exit 0, the strategies table, and the rows linked', async () => {
    const run = await npmRun('backfill', [], db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(tableRow('strategy', 'linked', 'ambiguous', 'unmatched'));
    for (const [strategy, ...counts] of [['claimed', 0, 0, 1], ['order_id', 4, 1, 0], ['analytics', 1, 1, 14], ['email', 4, 1, 2], ['session', 1, 1, 7]]) {
      expect(run.stdout).toMatch(tableRow(strategy, ...counts));
    }
    expect(run.stdout).toContain('10 rows were linked.');
    expect(await linkedRows()).toBe(12);
  }, COMMAND_TIMEOUT_MS);

  it('backfill against a database that does not exist: exit 1, saying why', async () => {
    const run = await npmRun('backfill', [], databaseUrl(`${db.name}_missing`));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^Failed: [^]*database "${db.name}_missing" does not exist`, 'm'));
  }, COMMAND_TIMEOUT_MS);
});
