import { Client } from 'pg';

/** The PostgreSQL server the tests create their databases on. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a connection to the server's maintenance database. */
export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_SERVER_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Every database a test run creates is named wds_test_<run>_…, where <run> is `<start epoch
// seconds>x<pid>`: teardown drops its own run's, and the next run drops leftovers of killed runs
// once they are old enough that no run can still be using them.
export const TEST_DB_PREFIX = 'wds_test_';
const STALE_AFTER_SECONDS = 3 * 60 * 60;

export const newRunId = () => `${Math.floor(Date.now() / 1000)}x${process.pid}`;
export const templateName = (run: string) => `${TEST_DB_PREFIX}${run}_template`;
export const runPattern = (run: string) => `${TEST_DB_PREFIX}${run}\\_%`;

export function isStale(datname: string, nowSeconds = Date.now() / 1000): boolean {
  const started = Number(datname.slice(TEST_DB_PREFIX.length).split('x')[0]);
  return !Number.isFinite(started) || nowSeconds - started > STALE_AFTER_SECONDS;
}

/** The test run's id, set by the jest global setup. */
export function currentRun(): string {
  const run = process.env.WDS_TEST_RUN;
  if (!run) throw new Error('WDS_TEST_RUN is unset: run the tests through jest (global setup).');
  return run;
}
