import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { Db } from '../database/transaction';
import type { ReportGrouping } from './dto/csat-report.query';

export interface CsatReportFilter {
  from: Date;
  to: Date;
  groupBy: ReportGrouping | null;
  currency: string | null;
}

export interface CsatReportRow {
  /** The row of grouping set (): the whole window. Every other row is one group. */
  isTotal: boolean;
  key: string | null;
  responses: number;
  /** numeric rounded in SQL, as text: exact. Null when there are no responses. */
  csatPercent: string | null;
  averageScore: string | null;
  score1: number;
  score2: number;
  score3: number;
  score4: number;
  score5: number;
  /** The same count and percent over verified responses only. */
  verifiedResponses: number;
  verifiedCsatPercent: string | null;
}

// The order a response is about: the linked order, else the order number it claimed, else none.
const ORDER_OF = (alias: string) => Prisma.raw(`COALESCE(${alias}."orderNumber", ${alias}."claimedOrderNumber")`);

const GROUP_KEYS: Record<ReportGrouping, Prisma.Sql> = {
  day: Prisma.sql`to_char(f."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  intent: Prisma.sql`f."intent"`,
  creator: Prisma.sql`o."creatorCode"`,
};

@Injectable()
export class CsatReportRepository {
  /**
   * The whole report in ONE aggregate statement: the total row (with the 1-5 distribution) and,
   * with a grouping, one row per group, via GROUPING SETS.
   *
   * Counted: responses created in [from, to) that no later response of the same session about
   * the same order replaces — "later" is looked up without the window's bounds, so a re-rating
   * also removes the earlier rating from earlier windows and consecutive windows add up. Ratings
   * without any order count once per session (its latest). Indexes: CsatFeedback("createdAt")
   * bounds both sides of the anti-join (a hash join, or probes of ("sessionId", "createdAt") when
   * the planner prefers), "Order" is joined by its unique "orderNumber" and dropped by the planner
   * when neither currency nor creator is asked for. `groupBy=day` lists every UTC day of the
   * window (generate_series), empty ones included. Percent and average are numeric, rounded half
   * away from zero.
   *
   * The verified figures count verified responses (a widget token vouched for the session and the
   * order) the same way, among verified responses only: an unverified re-rating, which anyone who
   * knows a session id could send, neither replaces nor adds to them. Each response is counted
   * through one of two branches of "counted", told apart by "v".
   */
  async report(db: Db, filter: CsatReportFilter): Promise<CsatReportRow[]> {
    const { from, to, groupBy, currency } = filter;
    const currencyFilter = currency ? Prisma.sql`AND o."currency" = ${currency}` : Prisma.empty;
    const key = groupBy ? GROUP_KEYS[groupBy] : Prisma.sql`NULL::text`;
    const source =
      groupBy === 'day'
        ? Prisma.sql`(SELECT to_char(day, 'YYYY-MM-DD') AS "key"
                      FROM generate_series(date_trunc('day', ${from}::timestamptz AT TIME ZONE 'UTC'),
                                           (${to}::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
                                           interval '1 day') AS day) AS days
                     LEFT JOIN counted USING ("key")`
        : Prisma.sql`counted`;
    const grouped = groupBy
      ? { isTotal: Prisma.sql`GROUPING("key") = 1`, key: Prisma.sql`"key"`, sets: Prisma.sql`("key"), ()` }
      : { isTotal: Prisma.sql`true`, key: Prisma.sql`NULL::text`, sets: Prisma.sql`()` };
    const order =
      groupBy === 'day' ? Prisma.sql`"key"` : Prisma.sql`"responses" DESC, "key" NULLS LAST`;

    const latest = (verifiedOnly: boolean) => {
      const only = verifiedOnly ? Prisma.sql`AND f."verified"` : Prisma.empty;
      const laterOnly = verifiedOnly ? Prisma.sql`AND later."verified"` : Prisma.empty;
      return Prisma.sql`
        SELECT f."score", ${key} AS "key", ${verifiedOnly}::boolean AS "v"
        FROM "CsatFeedback" AS f
        LEFT JOIN "Order" AS o ON o."orderNumber" = f."orderNumber"
        WHERE f."createdAt" >= ${from}::timestamptz AND f."createdAt" < ${to}::timestamptz ${currencyFilter} ${only}
          AND NOT EXISTS (
            SELECT 1 FROM "CsatFeedback" AS later
            WHERE later."sessionId" = f."sessionId" ${laterOnly}
              -- Implied by the next line; lets the planner bound "later" to the window's start.
              AND later."createdAt" >= ${from}::timestamptz AND later."createdAt" >= f."createdAt"
              AND (later."createdAt", later."id") > (f."createdAt", f."id")
              AND ${ORDER_OF('later')} IS NOT DISTINCT FROM ${ORDER_OF('f')})`;
    };
    const all = Prisma.sql`NOT "v"`;

    return db.$queryRaw<CsatReportRow[]>`
      WITH counted AS (${latest(false)} UNION ALL ${latest(true)})
      SELECT ${grouped.isTotal} AS "isTotal", ${grouped.key} AS "key",
             count("score") FILTER (WHERE ${all})::int AS "responses",
             round(100.0 * count(*) FILTER (WHERE ${all} AND "score" >= 4) / NULLIF(count("score") FILTER (WHERE ${all}), 0), 1)::text AS "csatPercent",
             round(avg("score") FILTER (WHERE ${all}), 2)::text AS "averageScore",
             count(*) FILTER (WHERE ${all} AND "score" = 1)::int AS "score1",
             count(*) FILTER (WHERE ${all} AND "score" = 2)::int AS "score2",
             count(*) FILTER (WHERE ${all} AND "score" = 3)::int AS "score3",
             count(*) FILTER (WHERE ${all} AND "score" = 4)::int AS "score4",
             count(*) FILTER (WHERE ${all} AND "score" = 5)::int AS "score5",
             count("score") FILTER (WHERE "v")::int AS "verifiedResponses",
             round(100.0 * count(*) FILTER (WHERE "v" AND "score" >= 4) / NULLIF(count("score") FILTER (WHERE "v"), 0), 1)::text AS "verifiedCsatPercent"
      FROM ${source}
      GROUP BY GROUPING SETS (${grouped.sets})
      ORDER BY "isTotal" DESC, ${order}`;
  }
}
