import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { Db } from '../database/transaction';
import { PlacedAtWindow } from '../orders/dto/date-window.query';

export interface WidgetStatsRow {
  /** The grand-total row (grouping set ()), otherwise one row per creator. */
  isTotal: boolean;
  code: string | null;
  name: string | null;
  sales: number;
  /** numeric as text with two decimals: exact. */
  revenue: string;
  commission: string;
}

@Injectable()
export class WidgetStatsRepository {
  /**
   * Widget-assisted sales per creator plus the grand total, in ONE aggregate query (contract §3):
   * orders with a creator, at least one linked widget interaction, in the window and currency,
   * neither cancelled nor refunded. Commission per order = total × rate rounded half-even to
   * cents (PostgreSQL's round() on numeric rounds half away from zero), then summed; all in
   * numeric, so exact. Creators come first by revenue, the total row first of all.
   *
   * The assisted orders are a UNION of one semi-join per widget table (each branch re-binds `o`),
   * not a per-order EXISTS: PostgreSQL can then hash each table once for a long window and still
   * probe the "orderNumber" indexes for a short one. Measured on 1 M orders: all time about 3×
   * faster than a per-order EXISTS (3.7 s → 1.3 s), a one-month window about 1.3× slower (0.16 s
   * → 0.22 s); see README, "Performance".
   */
  async aggregate(db: Db, currency: string, window: PlacedAtWindow): Promise<WidgetStatsRow[]> {
    const conditions = [
      Prisma.sql`o."currency" = ${currency}`,
      Prisma.sql`o."status" NOT IN ('cancelled', 'refunded')`,
      Prisma.sql`o."creatorCode" IS NOT NULL`,
    ];
    if (window.from) conditions.push(Prisma.sql`o."placedAt" >= ${window.from}`);
    if (window.to) conditions.push(Prisma.sql`o."placedAt" < ${window.to}`);
    const where = Prisma.join(conditions, ' AND ');
    const assisted = ['CsatFeedback', 'CapsuleHold', 'OrderSubscription'].map(
      (table) => Prisma.sql`SELECT o."orderNumber" FROM "Order" AS o WHERE ${where}
        AND EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} AS w WHERE w."orderNumber" = o."orderNumber")`,
    );
    return db.$queryRaw<WidgetStatsRow[]>`
      WITH assisted AS (
        SELECT c."code", c."name", o."total", o."total" * c."commissionRate" * 100 AS "cents"
        FROM "Order" AS o
        JOIN "Creator" AS c ON c."code" = o."creatorCode"
        WHERE o."orderNumber" IN (${Prisma.join(assisted, ' UNION ')})
      ), commissioned AS (
        -- Half-even to whole cents; "cents" is never negative (CHECKs on total and rate).
        SELECT "code", "name", "total",
               (floor("cents") + CASE WHEN "cents" - floor("cents") > 0.5 THEN 1
                                      WHEN "cents" - floor("cents") < 0.5 THEN 0
                                      ELSE mod(floor("cents"), 2) END) / 100 AS "commission"
        FROM assisted
      )
      SELECT GROUPING("code", "name") <> 0 AS "isTotal", "code", "name", count(*)::int AS "sales",
             COALESCE(sum("total"), 0)::numeric(20, 2)::text AS "revenue",
             COALESCE(sum("commission"), 0)::numeric(20, 2)::text AS "commission"
      FROM commissioned
      GROUP BY GROUPING SETS (("code", "name"), ())
      ORDER BY "isTotal" DESC, sum("total") DESC, "code"`;
  }
}
