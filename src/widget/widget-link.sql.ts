import { Prisma } from '../generated/prisma/client';

/**
 * The link columns of a new widget row, from `o."orderNumber"` (see linkTarget): linked at once
 * when the claimed order exists (`widget`), otherwise kept as the claim and linked later by the
 * orders API.
 */
export const LINK_COLUMNS = Prisma.sql`o."orderNumber", CASE WHEN o."orderNumber" IS NOT NULL THEN 'widget' END,
  CASE WHEN o."orderNumber" IS NOT NULL THEN now() END`;

/**
 * The FROM clause of INSERT … SELECT: the order the claim links to, looked up by the database
 * function order_link_target after it has taken the order number's advisory lock (migration
 * 20261201001500), so a widget write racing the order's arrival can never miss the link, in a
 * single statement that needs no explicit transaction.
 */
export const linkTarget = (claimed: string | null) =>
  Prisma.sql`FROM (SELECT order_link_target(${claimed}::text) AS "orderNumber") AS o`;
