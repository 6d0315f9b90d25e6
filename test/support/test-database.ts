import { randomBytes } from 'node:crypto';
import { currentRun, databaseUrl, TEST_DB_PREFIX, templateName, withAdmin } from './postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function create(template?: string): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${currentRun()}_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh, fully migrated database for one test file, cloned from the run's template. */
export const createTestDatabase = () => create(templateName(currentRun()));

/** An empty database (no migrations), for tests of the migration history itself. */
export const createEmptyDatabase = () => create();
