import { Prisma } from '../generated/prisma/client';

/**
 * The link columns of a new widget row, from one LEFT JOIN on "Order" (alias `o`): linked at once
 * when the claimed order exists (`widget`), otherwise kept as the claim and linked later by the
 * orders API. Used inside INSERT … SELECT … FROM (SELECT 1) one LEFT JOIN "Order" o ON ….
 */
export const LINK_COLUMNS = Prisma.sql`o."orderNumber", CASE WHEN o."orderNumber" IS NOT NULL THEN 'widget' END,
  CASE WHEN o."orderNumber" IS NOT NULL THEN now() END`;

export const joinClaimedOrder = (claimed: string | null) =>
  Prisma.sql`FROM (SELECT 1) AS one LEFT JOIN "Order" AS o ON o."orderNumber" = ${claimed}`;
