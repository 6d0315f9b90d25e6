import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { Db } from '../database/transaction';
import { batchColumns, candidates, scope, Strategy, STRATEGIES, WIDGET_TABLES, WidgetTable, Windows } from './backfill-strategies';

/** Keyset start: below every id gen_random_uuid() produces. */
export const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface LinkCounts {
  linked: number;
  ambiguous: number;
  unmatched: number;
}

export interface BatchResult extends LinkCounts {
  scanned: number;
  lastId: string | null;
}

export interface ProgressRow extends LinkCounts {
  strategy: Strategy;
  tableName: string;
  options: Windows;
  lastId: string;
  finishedAt: Date | null;
}

export interface BatchRequest {
  strategy: Strategy;
  table: WidgetTable;
  after: string;
  batchSize: number;
  windows: Windows;
}

class RollBack extends Error {}

@Injectable()
export class BackfillRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Runs `work` in one transaction and rolls it back: a dry run sees its own links, then undoes them. */
  async rolledBack<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    let result: T | undefined;
    try {
      await this.prisma.$transaction(
        async (tx) => {
          result = await work(tx);
          throw new RollBack();
        },
        { timeout: 24 * 3600_000 },
      );
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }
    return result as T;
  }

  /**
   * Fresh planner statistics for the widget tables. Each strategy changes how many rows are
   * unlinked; with stale statistics PostgreSQL can pick a plan that scans every linked row for
   * each row of a batch instead of using the session index. Between strategies only the columns
   * the backfill writes have changed, and analysing just those costs a sixth of the full ANALYZE
   * (80 vs 480 ms on 200 k widget rows).
   */
  async analyze(db: Db, { linkColumnsOnly = false } = {}): Promise<void> {
    const columns = linkColumnsOnly ? ' ("orderNumber", "linkSource")' : '';
    await db.$executeRaw`ANALYZE ${Prisma.raw(WIDGET_TABLES.map((t) => `"${t.name}"${columns}`).join(', '))}`;
  }

  readProgress(db: Db): Promise<ProgressRow[]> {
    return db.$queryRaw<ProgressRow[]>`
      SELECT "strategy", "tableName", "options", "lastId"::text AS "lastId", "linked", "ambiguous", "unmatched", "finishedAt"
      FROM "BackfillProgress"`;
  }

  async clearProgress(db: Db, strategies: readonly Strategy[] = STRATEGIES): Promise<void> {
    await db.$executeRaw`DELETE FROM "BackfillProgress" WHERE "strategy" = ANY(${[...strategies]}::text[])`;
  }

  /** Every widget row, and how many of them have no order. */
  async countRows(db: Db): Promise<{ total: number; unlinked: number }> {
    const [counts] = await db.$queryRaw<{ total: number; unlinked: number }[]>`
      SELECT count(*)::int AS "total", count(*) FILTER (WHERE t."orderNumber" IS NULL)::int AS "unlinked"
      FROM (${Prisma.raw(WIDGET_TABLES.map((t) => `SELECT "orderNumber" FROM "${t.name}"`).join(' UNION ALL '))}) AS t`;
    return counts;
  }

  /** Rows still to examine: unlinked, in the strategy's scope, after the keyset position. */
  async pending(db: Db, strategy: Strategy, table: WidgetTable, after: string): Promise<number> {
    const [{ count }] = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS "count" FROM ${Prisma.raw(`"${table.name}"`)} t
      WHERE t."orderNumber" IS NULL AND ${Prisma.raw(scope(strategy, table)!)} AND t."id" > ${after}::uuid`;
    return count;
  }

  /**
   * One batch of one strategy in one statement: takes the next `batchSize` rows in scope by id,
   * leaves out rows a stronger strategy has candidates for (they are linked or ambiguous there),
   * links every row with exactly one candidate order, and records the keyset position and counts
   * in "BackfillProgress" — atomically, so a kill at any moment loses nothing and repeats nothing.
   */
  async linkBatch(db: Db, { strategy, table, after, batchSize, windows }: BatchRequest): Promise<BatchResult> {
    const tableName = Prisma.raw(`"${table.name}"`);
    const stronger = STRATEGIES.slice(1, STRATEGIES.indexOf(strategy)).filter((s) => scope(s, table) !== null);
    const eligible = stronger.length
      ? Prisma.sql`SELECT b.* FROM batch b WHERE b."id" NOT IN (SELECT "id" FROM (${Prisma.join(
          stronger.map((s) => Prisma.sql`(${candidates(s, 'batch', windows)})`),
          ' UNION ALL ',
        )}) AS stronger)`
      : Prisma.sql`SELECT * FROM batch`;
    const [result] = await db.$queryRaw<BatchResult[]>`
      WITH batch AS (
        SELECT ${batchColumns(table)} FROM ${tableName} t
        WHERE t."orderNumber" IS NULL AND ${Prisma.raw(scope(strategy, table)!)} AND t."id" > ${after}::uuid
        ORDER BY t."id" LIMIT ${batchSize}::int
      ),
      eligible AS (${eligible}),
      candidate AS (${candidates(strategy, 'eligible', windows)}),
      verdict AS (
        SELECT e."id", count(DISTINCT c."orderNumber")::int AS "orders", min(c."orderNumber") AS "orderNumber"
        FROM eligible e LEFT JOIN candidate c ON c."id" = e."id" GROUP BY e."id"
      ),
      linked AS (
        -- A widget token vouched only for the orders a row claimed: one linked by inference is not verified.
        UPDATE ${tableName} t SET "orderNumber" = v."orderNumber", "linkSource" = ${strategy}, "linkedAt" = now(),
          "verified" = t."verified" AND t."claimedOrderNumber" IS NOT DISTINCT FROM v."orderNumber"
        FROM verdict v WHERE t."id" = v."id" AND v."orders" = 1 AND t."orderNumber" IS NULL
        RETURNING t."id"
      ),
      counts AS (
        SELECT (SELECT count(*) FROM batch)::int AS "scanned",
               (SELECT b."id"::text FROM batch b ORDER BY b."id" DESC LIMIT 1) AS "lastId",
               (SELECT count(*) FROM linked)::int AS "linked",
               (SELECT count(*) FROM verdict WHERE "orders" > 1)::int AS "ambiguous",
               (SELECT count(*) FROM verdict WHERE "orders" = 0)::int AS "unmatched"
      ),
      progress AS (
        INSERT INTO "BackfillProgress" ("strategy", "tableName", "options", "lastId", "linked", "ambiguous", "unmatched", "finishedAt", "updatedAt")
        SELECT ${strategy}, ${table.name}, ${JSON.stringify(windows)}::jsonb, COALESCE(c."lastId", ${after})::uuid,
               c."linked", c."ambiguous", c."unmatched", CASE WHEN c."scanned" < ${batchSize}::int THEN now() END, now()
        FROM counts c
        ON CONFLICT ("strategy", "tableName") DO UPDATE SET
          "options" = EXCLUDED."options", "lastId" = EXCLUDED."lastId",
          "linked" = "BackfillProgress"."linked" + EXCLUDED."linked",
          "ambiguous" = "BackfillProgress"."ambiguous" + EXCLUDED."ambiguous",
          "unmatched" = "BackfillProgress"."unmatched" + EXCLUDED."unmatched",
          "finishedAt" = EXCLUDED."finishedAt", "updatedAt" = EXCLUDED."updatedAt"
      )
      SELECT * FROM counts`;
    return result;
  }
}
