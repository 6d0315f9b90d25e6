import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { Db } from '../database/transaction';

@Injectable()
export class CsatRangeRepository {
  /**
   * `createdAt` of the first and the last CSAT response, at any time (only those linked to an
   * order in `currency` when given, as the report filters them). Each end is one walk of the
   * "createdAt" index that stops at the first match. The last response is always one the report
   * counts (nothing replaces it), so a window over this range is never empty.
   */
  async range(db: Db, currency: string | null): Promise<{ from: Date | null; to: Date | null }> {
    const inCurrency = currency
      ? Prisma.sql`JOIN "Order" AS o ON o."orderNumber" = f."orderNumber" AND o."currency" = ${currency}`
      : Prisma.empty;
    const end = (direction: 'ASC' | 'DESC') =>
      Prisma.sql`SELECT f."createdAt" FROM "CsatFeedback" AS f ${inCurrency} ORDER BY f."createdAt" ${Prisma.raw(direction)} LIMIT 1`;
    const [range] = await db.$queryRaw<{ from: Date | null; to: Date | null }[]>`
      SELECT (${end('ASC')}) AS "from", (${end('DESC')}) AS "to"`;
    return range;
  }
}
