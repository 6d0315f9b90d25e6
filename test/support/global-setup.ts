import { migrateDeploy } from '../../src/database/migrate';
import { databaseUrl, isStale, newRunId, TEST_DB_PREFIX, TEST_SERVER_URL, templateName, withAdmin } from './postgres';

/** Migrates one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const run = newRunId();
  const template = templateName(run);
  try {
    await withAdmin(async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${TEST_DB_PREFIX}%`],
      );
      for (const { datname } of rows) {
        if (isStale(datname)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await admin.query(`CREATE DATABASE "${template}"`);
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `No PostgreSQL reachable at ${TEST_SERVER_URL.replace(/:[^:@/]*@/, ':***@')} (${reason}). ` +
        'Start one, or point the tests at one with TEST_DATABASE_URL=postgresql://user@host:port/postgres.',
    );
  }
  await migrateDeploy(databaseUrl(template));
  process.env.WDS_TEST_RUN = run;
}
