import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';

export interface OrderInput {
  orderNumber: string;
  customerEmail: string;
  /** Decimal string: never a float. */
  total: string;
  currency: string;
  status: string;
  placedAt: Date;
  /** undefined keeps the stored value on update; null clears it. */
  creatorCode?: string | null;
  externalId?: string | null;
}

/** The order writes of the shop's sync. Set-based: a 1,000-order import costs the same statements as one order. */
@Injectable()
export class OrdersRepository {
  /**
   * Inserts or updates every order in one INSERT … SELECT FROM unnest(…) ON CONFLICT. The LEFT JOIN
   * on the stored row lets an omitted optional field keep its value (the caller holds the order
   * numbers' advisory lock, so that row cannot change before the upsert).
   */
  async upsertMany(tx: Prisma.TransactionClient, orders: OrderInput[]): Promise<{ created: number; updated: number }> {
    const column = <T>(pick: (o: OrderInput) => T) => orders.map(pick);
    const [counts] = await tx.$queryRaw<{ created: number; updated: number }[]>`
      WITH upserted AS (
        INSERT INTO "Order" ("orderNumber", "customerEmail", "total", "currency", "status", "placedAt", "creatorCode", "externalId")
        SELECT i."orderNumber", i."customerEmail", i."total", i."currency", i."status", i."placedAt",
               CASE WHEN i."creatorCodeGiven" THEN i."creatorCode" ELSE stored."creatorCode" END,
               CASE WHEN i."externalIdGiven" THEN i."externalId" ELSE stored."externalId" END
        FROM unnest(${column((o) => o.orderNumber)}::text[], ${column((o) => o.customerEmail)}::text[],
                    ${column((o) => o.total)}::numeric[], ${column((o) => o.currency)}::text[],
                    ${column((o) => o.status)}::text[], ${column((o) => o.placedAt.toISOString())}::timestamptz[],
                    ${column((o) => o.creatorCode ?? null)}::text[], ${column((o) => o.creatorCode !== undefined)}::boolean[],
                    ${column((o) => o.externalId ?? null)}::text[], ${column((o) => o.externalId !== undefined)}::boolean[])
             AS i("orderNumber", "customerEmail", "total", "currency", "status", "placedAt",
                  "creatorCode", "creatorCodeGiven", "externalId", "externalIdGiven")
        LEFT JOIN "Order" AS stored ON stored."orderNumber" = i."orderNumber"
        ON CONFLICT ("orderNumber") DO UPDATE SET
          "customerEmail" = EXCLUDED."customerEmail", "total" = EXCLUDED."total", "currency" = EXCLUDED."currency",
          "status" = EXCLUDED."status", "placedAt" = EXCLUDED."placedAt", "creatorCode" = EXCLUDED."creatorCode",
          "externalId" = EXCLUDED."externalId", "updatedAt" = now()
        RETURNING (xmax = 0) AS "inserted"
      )
      SELECT count(*) FILTER (WHERE "inserted")::int AS "created", count(*) FILTER (WHERE NOT "inserted")::int AS "updated"
      FROM upserted`;
    return counts;
  }

  /** The order that holds each of these externalIds now. */
  async externalIdOwners(tx: Prisma.TransactionClient, externalIds: string[]): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows = await tx.$queryRaw<{ externalId: string; orderNumber: string }[]>`
      SELECT "externalId", "orderNumber" FROM "Order" WHERE "externalId" = ANY(${externalIds}::text[])`;
    return new Map(rows.map((r) => [r.externalId, r.orderNumber]));
  }

  /**
   * Links every widget row (all three tables) that claimed one of these order numbers and is not
   * linked yet, in one statement: the order has arrived, so the claim is now a link.
   */
  async linkClaimedWidgetRows(tx: Prisma.TransactionClient, orderNumbers: string[]): Promise<void> {
    await tx.$executeRaw`
      WITH csat AS (
        UPDATE "CsatFeedback" SET "orderNumber" = "claimedOrderNumber", "linkSource" = 'order_sync', "linkedAt" = now()
        WHERE "claimedOrderNumber" = ANY(${orderNumbers}::text[]) AND "orderNumber" IS NULL
      ), holds AS (
        UPDATE "CapsuleHold" SET "orderNumber" = "claimedOrderNumber", "linkSource" = 'order_sync', "linkedAt" = now()
        WHERE "claimedOrderNumber" = ANY(${orderNumbers}::text[]) AND "orderNumber" IS NULL
      )
      UPDATE "OrderSubscription" SET "orderNumber" = "claimedOrderNumber", "linkSource" = 'order_sync', "linkedAt" = now(), "updatedAt" = now()
      WHERE "claimedOrderNumber" = ANY(${orderNumbers}::text[]) AND "orderNumber" IS NULL`;
  }
}
