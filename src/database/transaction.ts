import { Prisma } from '../generated/prisma/client';
import type { PrismaService } from './prisma.service';

/** A Prisma client or an interactive transaction: what repository methods run their SQL on. */
export type Db = PrismaService | Prisma.TransactionClient;

// Advisory-lock namespace and bucket count for order numbers (see lockOrderNumbers). The database
// function order_link_target (migration 20261201001500) takes the same lock for widget writes.
export const ORDER_LINK_LOCK = 73_01;
export const ORDER_LINK_BUCKETS = 1024;

/** The lock bucket of the order number in `column` (SQL): the order in which lockOrderNumbers takes the locks. */
export const orderLinkBucket = (column: string) => Prisma.raw(`abs(hashtext(${column}) % ${ORDER_LINK_BUCKETS})`);

/**
 * Serialises "a widget row claims order N" against "order N arrives": both take this lock before
 * writing (widget writes inside order_link_target), so whichever commits second sees the other and
 * the link is never missed. Buckets bound the number of locks one 1,000-order import holds; locks are taken in
 * ascending order so two imports cannot deadlock.
 */
export async function lockOrderNumbers(tx: Prisma.TransactionClient, orderNumbers: string[]): Promise<void> {
  if (orderNumbers.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${ORDER_LINK_LOCK}::int, bucket)
    FROM (SELECT DISTINCT ${orderLinkBucket('n')} AS bucket
          FROM unnest(${orderNumbers}::text[]) AS n ORDER BY bucket) AS buckets`;
}
