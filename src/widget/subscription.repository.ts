import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../database/sql';
import { Db } from '../database/transaction';
import { linkTarget, LINK_COLUMNS } from './widget-link.sql';

export interface SubscriptionInput {
  sessionId: string;
  claimedOrderNumber: string;
  contactKey: string;
  email: string | null;
  phone: string | null;
  emailChannel: boolean;
  smsChannel: boolean;
  originIntent: string | null;
}

export interface SubscriptionRow {
  id: string;
  claimedOrderNumber: string | null;
  orderNumber: string | null;
  email: string | null;
  phone: string | null;
  emailChannel: boolean;
  smsChannel: boolean;
  subscribedAt: Date;
  unsubscribedAt: Date | null;
}

const COLUMNS = Prisma.raw(
  `"id", "claimedOrderNumber", "orderNumber", "email", "phone", "emailChannel", "smsChannel", "subscribedAt", "unsubscribedAt"`,
);

@Injectable()
export class SubscriptionRepository {
  /**
   * One subscription per (order number, contact): a repeat updates it (and re-subscribes it if it
   * had been cancelled). `inserted` tells which happened (xmax is 0 only for a fresh row).
   */
  async upsert(db: Db, s: SubscriptionInput): Promise<SubscriptionRow & { inserted: boolean }> {
    const [row] = await queryRows<SubscriptionRow & { inserted: boolean }>(db, Prisma.sql`
      INSERT INTO "OrderSubscription" ("sessionId", "claimedOrderNumber", "contactKey", "email", "phone", "emailChannel",
                                       "smsChannel", "originIntent", "orderNumber", "linkSource", "linkedAt")
      SELECT ${s.sessionId}, ${s.claimedOrderNumber}, ${s.contactKey}, ${s.email}, ${s.phone}, ${s.emailChannel},
             ${s.smsChannel}, ${s.originIntent}, ${LINK_COLUMNS}
      ${linkTarget(s.claimedOrderNumber)}
      ON CONFLICT ("claimedOrderNumber", "contactKey") DO UPDATE SET
        "sessionId" = EXCLUDED."sessionId", "email" = EXCLUDED."email", "phone" = EXCLUDED."phone",
        "emailChannel" = EXCLUDED."emailChannel", "smsChannel" = EXCLUDED."smsChannel",
        "originIntent" = COALESCE(EXCLUDED."originIntent", "OrderSubscription"."originIntent"),
        "subscribedAt" = CASE WHEN "OrderSubscription"."unsubscribedAt" IS NULL THEN "OrderSubscription"."subscribedAt" ELSE now() END,
        "unsubscribedAt" = NULL, "updatedAt" = now()
      RETURNING ${COLUMNS}, (xmax = 0) AS "inserted"`);
    return row;
  }

  /** Marks the subscription unsubscribed (kept as a row); a repeat leaves the first time. */
  async unsubscribe(db: Db, id: string): Promise<SubscriptionRow | null> {
    const rows = await queryRows<SubscriptionRow>(db, Prisma.sql`
      UPDATE "OrderSubscription" SET "unsubscribedAt" = COALESCE("unsubscribedAt", now()), "updatedAt" = now()
      WHERE "id" = ${id}::uuid
      RETURNING ${COLUMNS}`);
    return rows[0] ?? null;
  }
}
