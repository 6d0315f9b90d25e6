import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../database/sql';
import { Db } from '../database/transaction';
import { LINK_COLUMNS } from './widget-link.sql';

export interface SubscriptionInput {
  sessionId: string;
  claimedOrderNumber: string;
  contactKey: string;
  email: string | null;
  phone: string | null;
  emailChannel: boolean;
  smsChannel: boolean;
  originIntent: string | null;
  verified: boolean;
  /** SHA-256 of the management token a new row gets. */
  manageTokenHash: string;
}

/** What proves the caller owns the subscription of this order and contact, if it exists. */
export interface OwnershipProof {
  /** A widget token covers the order and contact. */
  covered: boolean;
  /** SHA-256 of the management token the caller sent, if any. */
  manageTokenHash: string | null;
}

/** Who may unsubscribe: the management token's holder, or a widget token naming the order (and the email). */
export interface UnsubscribeProof {
  manageTokenHash: string | null;
  orders: string[];
  email: string | null;
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

export type SubscribeOutcome = 'created' | 'updated' | 'unconfirmed';

const COLUMNS = Prisma.raw(
  `"id", "claimedOrderNumber", "orderNumber", "email", "phone", "emailChannel", "smsChannel", "subscribedAt", "unsubscribedAt"`,
);

@Injectable()
export class SubscriptionRepository {
  /**
   * One statement, whatever the outcome, so neither the answer nor its timing tells a stranger
   * whether this order and contact were subscribed:
   * - no subscription has this order and contact: a new one (`created`);
   * - one has them and the caller proved ownership: it is updated, and re-activated if it had been
   *   cancelled (`updated`);
   * - one has them and the caller brought no proof: the owner's row is left untouched and the
   *   request is kept as a row of its own marked `unconfirmed`, without the contact key
   *   (`unconfirmed`; never delivered to, never the order's subscription).
   */
  async subscribe(db: Db, s: SubscriptionInput, proof: OwnershipProof): Promise<SubscriptionRow & { outcome: SubscribeOutcome }> {
    const values = Prisma.sql`${s.sessionId}, ${s.claimedOrderNumber}, ${s.email}, ${s.phone}, ${s.emailChannel}, ${s.smsChannel},
      ${s.originIntent}, ${s.manageTokenHash}, ${LINK_COLUMNS}`;
    const [row] = await queryRows<SubscriptionRow & { outcome: SubscribeOutcome }>(db, Prisma.sql`
      WITH target AS (SELECT order_link_target(${s.claimedOrderNumber}::text) AS "orderNumber"),
      owned AS (
        INSERT INTO "OrderSubscription" ("sessionId", "claimedOrderNumber", "email", "phone", "emailChannel", "smsChannel",
                                         "originIntent", "manageTokenHash", "orderNumber", "linkSource", "linkedAt",
                                         "contactKey", "verified")
        SELECT ${values}, ${s.contactKey}, ${s.verified}::boolean FROM target AS o
        ON CONFLICT ("claimedOrderNumber", "contactKey") DO UPDATE SET
          "sessionId" = EXCLUDED."sessionId", "email" = EXCLUDED."email", "phone" = EXCLUDED."phone",
          "emailChannel" = EXCLUDED."emailChannel", "smsChannel" = EXCLUDED."smsChannel",
          "originIntent" = COALESCE(EXCLUDED."originIntent", "OrderSubscription"."originIntent"),
          "subscribedAt" = CASE WHEN "OrderSubscription"."unsubscribedAt" IS NULL THEN "OrderSubscription"."subscribedAt" ELSE now() END,
          "unsubscribedAt" = NULL, "updatedAt" = now(),
          "verified" = "OrderSubscription"."verified" OR EXCLUDED."verified"
        WHERE ${proof.covered}::boolean OR "OrderSubscription"."manageTokenHash" = ${proof.manageTokenHash}::text
        RETURNING ${COLUMNS}, CASE WHEN xmax = 0 THEN 'created' ELSE 'updated' END AS "outcome"
      ),
      unconfirmed AS (
        INSERT INTO "OrderSubscription" ("sessionId", "claimedOrderNumber", "email", "phone", "emailChannel", "smsChannel",
                                         "originIntent", "manageTokenHash", "orderNumber", "linkSource", "linkedAt",
                                         "unconfirmed")
        SELECT ${values}, true FROM target AS o
        WHERE NOT EXISTS (SELECT 1 FROM owned)
        RETURNING ${COLUMNS}, 'unconfirmed' AS "outcome"
      )
      SELECT * FROM owned UNION ALL SELECT * FROM unconfirmed`);
    return row;
  }

  /**
   * Marks the subscription unsubscribed (kept as a row; a repeat leaves the first time) when the
   * proof matches it; null for an unknown id and for a missing or wrong proof alike.
   */
  async unsubscribe(db: Db, id: string, proof: UnsubscribeProof): Promise<SubscriptionRow | null> {
    const rows = await queryRows<SubscriptionRow>(db, Prisma.sql`
      UPDATE "OrderSubscription" SET "unsubscribedAt" = COALESCE("unsubscribedAt", now()), "updatedAt" = now()
      WHERE "id" = ${id}::uuid
        AND ("manageTokenHash" = ${proof.manageTokenHash}::text
             OR (COALESCE("claimedOrderNumber", "orderNumber") = ANY(${proof.orders}::text[])
                 AND ("email" IS NULL OR "email" = ${proof.email}::text)))
      RETURNING ${COLUMNS}`);
    return rows[0] ?? null;
  }
}
