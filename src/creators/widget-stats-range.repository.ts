import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { Db } from '../database/transaction';
import { HAS_WIDGET_INTERACTION } from '../orders/widget-interaction.sql';
import { saleConditions } from './widget-stats.repository';

@Injectable()
export class WidgetStatsRangeRepository {
  /**
   * `placedAt` of the first and the last widget-assisted sale in `currency`, at any time. Each end
   * walks the `placedAt` index from its side and stops at the first assisted order, probing the
   * widget tables' "orderNumber" indexes per order, instead of aggregating every sale.
   */
  async range(db: Db, currency: string): Promise<{ from: Date | null; to: Date | null }> {
    const where = Prisma.join([...saleConditions(currency), HAS_WIDGET_INTERACTION], ' AND ');
    const end = (direction: 'ASC' | 'DESC') =>
      Prisma.sql`SELECT o."placedAt" FROM "Order" AS o WHERE ${where} ORDER BY o."placedAt" ${Prisma.raw(direction)} LIMIT 1`;
    const [range] = await db.$queryRaw<{ from: Date | null; to: Date | null }[]>`
      SELECT (${end('ASC')}) AS "from", (${end('DESC')}) AS "to"`;
    return range;
  }
}
