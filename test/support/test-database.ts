import { randomBytes } from 'node:crypto';
import { databaseUrl, TEST_DB_PREFIX, withAdmin } from './postgres';

/** A fresh, fully migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env.WDS_TEST_TEMPLATE;
  if (!template) throw new Error('WDS_TEST_TEMPLATE is unset: run the tests through jest (global setup).');
  const runPid = template.slice(TEST_DB_PREFIX.length).split('_')[0];
  const name = `${TEST_DB_PREFIX}${runPid}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database (no migrations), for tests of the migration history itself. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const template = process.env.WDS_TEST_TEMPLATE ?? '';
  const runPid = template.slice(TEST_DB_PREFIX.length).split('_')[0] || String(process.pid);
  const name = `${TEST_DB_PREFIX}${runPid}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
