import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import type { Sentiment } from '../common/normalize';
import { Db } from '../database/transaction';
import type { CapsuleHoldRow } from '../widget/capsule.repository';
import type { PlacedAtWindow } from './dto/date-window.query';
import type { OrderCursor } from './order-cursor';
import { HAS_WIDGET_INTERACTION } from './widget-interaction.sql';

/** An order with its creator and the latest widget data, as one row of the list query. */
export interface OrderViewRow {
  orderNumber: string;
  customerEmail: string | null;
  /** numeric(12,2) as text: exact. */
  total: string;
  currency: string;
  status: string;
  placedAt: Date;
  creatorCode: string | null;
  creatorName: string | null;
  csatScore: number | null;
  csatNotes: string | null;
  csatAt: Date | null;
  holdReservationId: string | null;
  holdStatus: string | null;
  holdExpiresAt: Date | null;
  subscriptionEmail: boolean | null;
  subscriptionSms: boolean | null;
  subscribedAt: Date | null;
  hasWidgetInteraction: boolean;
}

export interface OrderFilters extends PlacedAtWindow {
  hasWidgetInteraction?: boolean;
  csat?: Sentiment;
  creatorCode?: string;
}

const CSAT_SCORES: Record<Sentiment, Prisma.Sql> = {
  positive: Prisma.sql`csat."score" >= 4`,
  neutral: Prisma.sql`csat."score" = 3`,
  negative: Prisma.sql`csat."score" <= 2`,
};

/**
 * Every order row with its widget data in ONE statement, whatever the page size: each LATERAL
 * subquery takes the latest row per order through the (orderNumber, time) indexes.
 */
const ORDER_VIEW = Prisma.sql`
  SELECT o."orderNumber", o."customerEmail", o."total"::text AS "total", o."currency", o."status", o."placedAt",
         c."code" AS "creatorCode", c."name" AS "creatorName",
         csat."score" AS "csatScore", csat."notes" AS "csatNotes", csat."createdAt" AS "csatAt",
         hold."reservationId" AS "holdReservationId", hold."status" AS "holdStatus", hold."expiresAt" AS "holdExpiresAt",
         sub."emailChannel" AS "subscriptionEmail", sub."smsChannel" AS "subscriptionSms", sub."subscribedAt",
         ${HAS_WIDGET_INTERACTION} AS "hasWidgetInteraction"
  FROM "Order" AS o
  LEFT JOIN "Creator" AS c ON c."code" = o."creatorCode"
  LEFT JOIN LATERAL (
    SELECT f."score", f."notes", f."createdAt" FROM "CsatFeedback" AS f
    WHERE f."orderNumber" = o."orderNumber" ORDER BY f."createdAt" DESC, f."id" DESC LIMIT 1) AS csat ON true
  LEFT JOIN LATERAL (
    SELECT h."reservationId", h."status", h."expiresAt" FROM "CapsuleHold" AS h
    WHERE h."orderNumber" = o."orderNumber" ORDER BY h."reservedAt" DESC, h."id" DESC LIMIT 1) AS hold ON true
  LEFT JOIN LATERAL (
    SELECT s."emailChannel", s."smsChannel", s."subscribedAt" FROM "OrderSubscription" AS s
    WHERE s."orderNumber" = o."orderNumber" AND s."unsubscribedAt" IS NULL AND NOT s."unconfirmed"
    ORDER BY s."subscribedAt" DESC, s."id" DESC LIMIT 1) AS sub ON true`;

/** A widget row linked to the order, with how and when the link was made, and whether a widget token vouched for it. */
interface LinkedRow {
  claimedOrderNumber: string | null;
  linkSource: string;
  linkedAt: Date;
  verified: boolean;
}

export interface CsatInteractionRow extends LinkedRow {
  id: string;
  sessionId: string;
  score: number;
  notes: string | null;
  intent: string | null;
  createdAt: Date;
}

export interface CapsuleInteractionRow extends CapsuleHoldRow, LinkedRow {
  sessionId: string;
  customerEmail: string;
  customerName: string | null;
}

export interface SubscriptionInteractionRow extends LinkedRow {
  id: string;
  sessionId: string;
  email: string | null;
  phone: string | null;
  emailChannel: boolean;
  smsChannel: boolean;
  originIntent: string | null;
  subscribedAt: Date;
  unsubscribedAt: Date | null;
  unconfirmed: boolean;
}

const LINK = Prisma.raw(`"claimedOrderNumber", "linkSource", "linkedAt", "verified"`);

/** The dashboard's reads of orders and the widget rows linked to them. */
@Injectable()
export class OrderViewsRepository {
  /** Keyset page, newest first: up to `limit` rows after `cursor` (exclusive). */
  async page(db: Db, filters: OrderFilters, cursor: OrderCursor | null, limit: number): Promise<OrderViewRow[]> {
    const conditions: Prisma.Sql[] = [];
    if (cursor) conditions.push(Prisma.sql`(o."placedAt", o."orderNumber") < (${cursor.placedAt}::timestamptz, ${cursor.orderNumber})`);
    if (filters.from) conditions.push(Prisma.sql`o."placedAt" >= ${filters.from}`);
    if (filters.to) conditions.push(Prisma.sql`o."placedAt" < ${filters.to}`);
    if (filters.creatorCode) conditions.push(Prisma.sql`o."creatorCode" = ${filters.creatorCode}`);
    if (filters.csat) conditions.push(CSAT_SCORES[filters.csat]);
    if (filters.hasWidgetInteraction !== undefined) {
      conditions.push(filters.hasWidgetInteraction ? HAS_WIDGET_INTERACTION : Prisma.sql`NOT ${HAS_WIDGET_INTERACTION}`);
    }
    const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    return db.$queryRaw<OrderViewRow[]>`
      ${ORDER_VIEW} ${where}
      ORDER BY o."placedAt" DESC, o."orderNumber" DESC
      LIMIT ${limit}::int`;
  }

  async findOne(db: Db, orderNumber: string): Promise<OrderViewRow | null> {
    const rows = await db.$queryRaw<OrderViewRow[]>`${ORDER_VIEW} WHERE o."orderNumber" = ${orderNumber}`;
    return rows[0] ?? null;
  }

  /** Every CSAT response linked to the order, newest first. */
  async csatResponses(db: Db, orderNumber: string): Promise<CsatInteractionRow[]> {
    return db.$queryRaw<CsatInteractionRow[]>`
      SELECT "id", "sessionId", "score", "notes", "intent", "createdAt", ${LINK}
      FROM "CsatFeedback" WHERE "orderNumber" = ${orderNumber}
      ORDER BY "createdAt" DESC, "id" DESC`;
  }

  async capsuleHolds(db: Db, orderNumber: string): Promise<CapsuleInteractionRow[]> {
    return db.$queryRaw<CapsuleInteractionRow[]>`
      SELECT "reservationId", "sessionId", "customerEmail", "customerName", "shortlist", "status", "reservedAt", "expiresAt",
             "orderNumber", ${LINK}
      FROM "CapsuleHold" WHERE "orderNumber" = ${orderNumber}
      ORDER BY "reservedAt" DESC, "id" DESC`;
  }

  async subscriptions(db: Db, orderNumber: string): Promise<SubscriptionInteractionRow[]> {
    return db.$queryRaw<SubscriptionInteractionRow[]>`
      SELECT "id", "sessionId", "email", "phone", "emailChannel", "smsChannel", "originIntent", "subscribedAt", "unsubscribedAt",
             "unconfirmed", ${LINK}
      FROM "OrderSubscription" WHERE "orderNumber" = ${orderNumber}
      ORDER BY "subscribedAt" DESC, "id" DESC`;
  }
}
