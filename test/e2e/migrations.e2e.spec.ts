import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/database/migrate';
import { prisma } from '../support/prisma-cli';
import { createEmptyDatabase } from '../support/test-database';

const MIGRATIONS = path.join(projectRoot(), 'prisma', 'migrations');
const names = fs.readdirSync(MIGRATIONS).filter((n) => /^\d{14}_/.test(n)).sort();
const LEGACY_SHAPE = ['20261201000100_legacy_widget_tables', '20261201000200_orders_and_creators'];
const SCORE_CONVERT = '20261201000400_csat_score_convert';

async function withDb<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database in the old app's shape, as a DBA would baseline it: the SQL applied, then marked applied. */
async function legacyDatabase(ratings: string[]) {
  const db = await createEmptyDatabase();
  await withDb(db.url, async (c) => {
    for (const name of LEGACY_SHAPE) await c.query(fs.readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8'));
    for (const [i, rating] of ratings.entries()) {
      await c.query(`INSERT INTO "CsatFeedback" ("sessionId", "rating") VALUES ($1, $2)`, [`legacy_${i}`, rating]);
    }
  });
  for (const name of LEGACY_SHAPE) {
    const resolved = await prisma(['migrate', 'resolve', '--applied', name], db.url);
    expect(resolved.code).toBe(0);
  }
  return db;
}

describe('migration history (run with the real prisma CLI, offline)', () => {
  it('deploys everything on an empty database; status is clean; schema and migrations agree', async () => {
    const db = await createEmptyDatabase();
    try {
      const deploy = await prisma(['migrate', 'deploy'], db.url);
      expect(deploy.code).toBe(0);
      expect(deploy.output).toMatch(new RegExp(`${names.length} migrations? (found|applied)`));
      const status = await prisma(['migrate', 'status'], db.url);
      expect(status.output).toMatch(/Database schema is up to date/);
      expect(status.code).toBe(0);
      const diff = await prisma(
        ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'],
        db.url,
      );
      expect(diff.output).toMatch(/No difference detected|^\s*$/);
      expect(diff.code).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('converts legacy labels to scores (case, spacing, synonyms, numeric strings)', async () => {
    const db = await legacyDatabase(['Great ', 'OK', '4', ' terrible', 'Excellent', 'poor', 'neutral', '3.0', 'GOOD']);
    try {
      const deploy = await prisma(['migrate', 'deploy'], db.url);
      expect(deploy.code).toBe(0);
      const rows = await withDb(db.url, (c) => c.query(`SELECT "rating", "score" FROM "CsatFeedback" ORDER BY "sessionId"`));
      expect(Object.fromEntries(rows.rows.map((r) => [r.rating, r.score]))).toEqual({
        'Great ': 5, OK: 3, '4': 4, ' terrible': 1, Excellent: 5, poor: 2, neutral: 3, '3.0': 3, GOOD: 4,
      });
    } finally {
      await db.drop();
    }
  });

  it('fails loudly on a label it cannot convert, naming it and its count, and leaves the rows untouched', async () => {
    const db = await legacyDatabase(['great', 'meh', 'meh', 'so-so', 'good']);
    try {
      const deploy = await prisma(['migrate', 'deploy'], db.url);
      expect(deploy.code).not.toBe(0);
      expect(deploy.output).toContain(SCORE_CONVERT);
      expect(deploy.output).toMatch(/'meh' \(2 rows\)/);
      expect(deploy.output).toMatch(/'so-so' \(1 rows\)/);
      const rows = await withDb(db.url, (c) => c.query(`SELECT count(*)::int AS n, count("score")::int AS scored FROM "CsatFeedback"`));
      expect(rows.rows[0]).toEqual({ n: 5, scored: 0 });

      // The documented recovery: map the values, mark the migration rolled back, deploy again.
      await withDb(db.url, (c) => c.query(`UPDATE "CsatFeedback" SET "rating" = 'okay' WHERE "rating" IN ('meh', 'so-so')`));
      expect((await prisma(['migrate', 'resolve', '--rolled-back', SCORE_CONVERT], db.url)).code).toBe(0);
      const retry = await prisma(['migrate', 'deploy'], db.url);
      expect(retry.code).toBe(0);
      expect((await prisma(['migrate', 'status'], db.url)).output).toMatch(/Database schema is up to date/);
    } finally {
      await db.drop();
    }
  });

  it('lets the database itself refuse a bad score and an unknown order', async () => {
    const db = await createEmptyDatabase();
    try {
      expect((await prisma(['migrate', 'deploy'], db.url)).code).toBe(0);
      await withDb(db.url, async (c) => {
        const insert = (score: number | null, orderNumber: string | null = null) =>
          c.query(
            `INSERT INTO "CsatFeedback" ("sessionId", "rating", "score", "orderNumber", "linkSource", "linkedAt")
             VALUES ('s', 'x', $1, $2, CASE WHEN $2::text IS NULL THEN NULL ELSE 'widget' END, CASE WHEN $2::text IS NULL THEN NULL ELSE now() END)`,
            [score, orderNumber],
          );
        await expect(insert(0)).rejects.toMatchObject({ code: '23514' });
        await expect(insert(6)).rejects.toMatchObject({ code: '23514' });
        await expect(insert(null)).rejects.toMatchObject({ code: '23502' });
        await expect(insert(5, 'NO-SUCH-ORDER')).rejects.toMatchObject({ code: '23503' });
        await expect(insert(5)).resolves.toBeDefined();
        for (const table of ['CsatFeedback', 'CapsuleHold', 'OrderSubscription']) {
          const fk = await c.query(
            `SELECT pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint WHERE conname = $1`,
            [`${table}_orderNumber_fkey`],
          );
          expect(fk.rows[0]).toEqual({ def: expect.stringMatching(/^FOREIGN KEY \("orderNumber"\) REFERENCES "Order"\("orderNumber"\)/), convalidated: true });
          const idx = await c.query(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [`${table}_orderNumber_idx`]);
          expect(idx.rows[0].indexdef).toContain('("orderNumber")');
        }
        const score = await c.query(
          `SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'CsatFeedback' AND column_name = 'score'`,
        );
        expect(score.rows[0]).toEqual({ data_type: 'integer', is_nullable: 'NO' });
      });
    } finally {
      await db.drop();
    }
  });

  it('reports a broken migration with Prisma\'s own error and a non-zero exit', async () => {
    const db = await createEmptyDatabase();
    const dir = fs.mkdtempSync(path.join(projectRoot(), 'test', '.tmp-migrations-'));
    try {
      fs.mkdirSync(path.join(dir, 'migrations', '20200101000000_broken'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'migrations', '20200101000000_broken', 'migration.sql'), 'CREATE TABLE "T" ("id" INT);\nSELECT 1/0;\n');
      fs.writeFileSync(path.join(dir, 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
      fs.copyFileSync(path.join(projectRoot(), 'prisma', 'schema.prisma'), path.join(dir, 'schema.prisma'));
      fs.writeFileSync(
        path.join(dir, 'prisma.config.ts'),
        `process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= ${JSON.stringify(path.join(projectRoot(), 'prisma', 'engine', 'schema-engine.js'))};\n` +
          `export default { schema: 'schema.prisma', migrations: { path: 'migrations' }, datasource: { url: process.env.DATABASE_URL } };\n`,
      );
      const deploy = await prisma(['migrate', 'deploy', '--config', path.join(dir, 'prisma.config.ts')], db.url);
      expect(deploy.code).not.toBe(0);
      expect(deploy.output).toMatch(/P3018/);
      expect(deploy.output).toMatch(/20200101000000_broken/);
      expect(deploy.output).toMatch(/division by zero/);
      const table = await withDb(db.url, (c) => c.query(`SELECT to_regclass('"T"') AS t`));
      expect(table.rows[0].t).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
