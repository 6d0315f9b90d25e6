import { currentRun, runPattern, withAdmin } from './postgres';

/** Drops the template and every database this run created. */
export default async function globalTeardown(): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      runPattern(currentRun()),
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
