import { Prisma } from '../../src/generated/prisma/client';
import { batchColumns, candidates, scope, STRATEGIES, WIDGET_TABLES, Windows } from '../../src/legacy/backfill-strategies';

const FIRST_PASS = STRATEGIES.filter((s) => s !== 'session');
const table = (name: string) => Prisma.raw(`"${name}"`);

/**
 * The backfill's linking done set-based, in one transaction and without batches: per table, every
 * candidate order of every strategy at once (the backfill's own evidence SQL) into a temp table, then
 * ONE `UPDATE … FROM` linking each row whose strongest strategy names exactly one order. Session
 * correlation needs those links first, so it is a second `UPDATE … FROM` per table that leaves out
 * rows a stronger strategy found candidates for (ambiguous ones), exactly as the backfill does.
 */
export function setBasedLinking(windows: Windows): Prisma.Sql[] {
  const firstPass = WIDGET_TABLES.flatMap((t) => {
    const strategies = FIRST_PASS.filter((s) => scope(s, t) !== null);
    const sources = strategies.map(
      (s) => Prisma.sql`${Prisma.raw(`src_${s}`)} AS (
        SELECT ${batchColumns(t)} FROM ${table(t.name)} t WHERE t."orderNumber" IS NULL AND ${Prisma.raw(scope(s, t)!)})`,
    );
    const found = strategies.map(
      (s) => Prisma.sql`SELECT c."id", ${STRATEGIES.indexOf(s) + 1}::int AS "rank", c."orderNumber"
        FROM (${candidates(s, `src_${s}`, windows)}) AS c`,
    );
    const cand = table(`cand_${t.name}`);
    return [
      Prisma.sql`CREATE TEMP TABLE ${cand} ON COMMIT DROP AS
        WITH ${Prisma.join(sources, ', ')} ${Prisma.join(found, ' UNION ALL ')}`,
      Prisma.sql`UPDATE ${table(t.name)} t
        SET "orderNumber" = v."orderNumber", "linkSource" = (${[...STRATEGIES]}::text[])[v."rank"], "linkedAt" = now()
        FROM (SELECT c."id", c."rank", min(c."orderNumber") AS "orderNumber", count(DISTINCT c."orderNumber") AS "orders"
              FROM ${cand} c JOIN (SELECT "id", min("rank") AS "rank" FROM ${cand} GROUP BY "id") AS strongest USING ("id", "rank")
              GROUP BY c."id", c."rank") AS v
        WHERE t."id" = v."id" AND v."orders" = 1`,
    ];
  });
  const sessionPass = WIDGET_TABLES.map(
    (t) => Prisma.sql`WITH src_session AS (
        SELECT ${batchColumns(t)} FROM ${table(t.name)} t
        WHERE t."orderNumber" IS NULL AND ${Prisma.raw(scope('session', t)!)}
          AND NOT EXISTS (SELECT 1 FROM ${table(`cand_${t.name}`)} c WHERE c."id" = t."id"))
      UPDATE ${table(t.name)} t SET "orderNumber" = v."orderNumber", "linkSource" = 'session', "linkedAt" = now()
      FROM (SELECT c."id", min(c."orderNumber") AS "orderNumber", count(DISTINCT c."orderNumber") AS "orders"
            FROM (${candidates('session', 'src_session', windows)}) AS c GROUP BY c."id") AS v
      WHERE t."id" = v."id" AND v."orders" = 1`,
  );
  return [...firstPass, ...sessionPass];
}
