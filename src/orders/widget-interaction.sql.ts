import { Prisma } from '../generated/prisma/client';

/**
 * True when at least one CSAT response, capsule hold or subscription is linked to the order
 * aliased `o`. One EXISTS over a UNION ALL, not three OR'ed EXISTS: PostgreSQL may turn each of
 * those into a "hashed SubPlan" that reads a whole widget table, while this stays a per-order
 * probe of the "orderNumber" indexes that stops at the first hit.
 */
export const HAS_WIDGET_INTERACTION = Prisma.sql`EXISTS (
  SELECT 1 FROM "CsatFeedback" AS wf WHERE wf."orderNumber" = o."orderNumber"
  UNION ALL SELECT 1 FROM "CapsuleHold" AS wh WHERE wh."orderNumber" = o."orderNumber"
  UNION ALL SELECT 1 FROM "OrderSubscription" AS ws WHERE ws."orderNumber" = o."orderNumber")`;
