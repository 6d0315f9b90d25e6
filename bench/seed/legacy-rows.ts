import { Client } from 'pg';
import { customerEmailSql, orderNumberSql, placedAtSql } from './shop-data';

/** Every legacy row the benchmark makes carries a legacyId with this prefix. */
export const LEGACY_PREFIX = 'lg-';

/**
 * `n` unlinked legacy widget rows over a shop of `orders` orders, each linkable by exactly one
 * strategy (so the result is known): 40 % CSAT rows claiming an order number, 20 % CSAT rows whose
 * session tracked an order (analytics event), 20 % subscriptions carrying the shop's order id,
 * 10 % capsule holds with the customer's email within the window, 10 % CSAT rows with no evidence.
 */
export async function seedLegacyRows(client: Client, n: number, orders: number): Promise<void> {
  const part = (share: number, prime: number) =>
    `(SELECT j, 1 + (j::bigint * ${prime}) % ${orders} AS k FROM generate_series(1, ${Math.round(n * share)}) AS j) AS s`;
  const csat = (kind: string, claim: string, share: number, prime: number) => `
    INSERT INTO "CsatFeedback" ("legacyId", "sessionId", "rating", "score", "claimedOrderNumber", "createdAt")
    SELECT '${LEGACY_PREFIX}${kind}' || j, 'lg_${kind}_' || j, 'Great', 5, ${claim}, ${placedAtSql('k')} + interval '2 hours'
    FROM ${part(share, prime)}`;
  await client.query(csat('c', orderNumberSql('k'), 0.4, 7919));
  await client.query(csat('a', 'NULL', 0.2, 104729));
  await client.query(`
    INSERT INTO "AnalyticsEvent" ("legacyId", "sessionId", "name", "occurredAt", "metadata")
    SELECT '${LEGACY_PREFIX}e' || j, 'lg_a_' || j, 'order_tracked', ${placedAtSql('k')} + interval '1 hour',
           jsonb_build_object('orderNumber', ' #' || lower(${orderNumberSql('k')}))
    FROM ${part(0.2, 104729)}`);
  await client.query(`
    INSERT INTO "OrderSubscription" ("legacyId", "sessionId", "orderId", "emailChannel", "subscribedAt", "createdAt")
    SELECT '${LEGACY_PREFIX}o' || j, 'lg_o_' || j, 'shop-' || k, true, ${placedAtSql('k')}, ${placedAtSql('k')}
    FROM ${part(0.2, 15485863)}`);
  await client.query(`
    INSERT INTO "CapsuleHold" ("legacyId", "reservationId", "sessionId", "customerEmail", "shortlist", "expiresAt", "reservedAt", "createdAt")
    SELECT '${LEGACY_PREFIX}h' || j, 'rsv_lg_' || j, 'lg_h_' || j, ${customerEmailSql('k', orders)}, '[{"productId": "p_1"}]',
           ${placedAtSql('k')} + interval '3 days', ${placedAtSql('k')} + interval '1 day', ${placedAtSql('k')} + interval '1 day'
    FROM ${part(0.1, 32452843)}`);
  await client.query(csat('u', 'NULL', 0.1, 49979687));
  await client.query(`VACUUM ANALYZE`);
}

/** Unlinks every legacy row again (and forgets backfill progress), so the next linking starts over. */
export async function unlinkLegacyRows(client: Client): Promise<void> {
  for (const table of ['CsatFeedback', 'CapsuleHold', 'OrderSubscription']) {
    await client.query(`UPDATE "${table}" SET "orderNumber" = NULL, "linkSource" = NULL, "linkedAt" = NULL
                        WHERE "legacyId" LIKE '${LEGACY_PREFIX}%' AND "orderNumber" IS NOT NULL`);
  }
  await client.query(`DELETE FROM "BackfillProgress"`);
  await client.query(`VACUUM ANALYZE`);
}

export async function deleteLegacyRows(client: Client): Promise<void> {
  for (const table of ['CsatFeedback', 'CapsuleHold', 'OrderSubscription', 'AnalyticsEvent']) {
    await client.query(`DELETE FROM "${table}" WHERE "legacyId" LIKE '${LEGACY_PREFIX}%'`);
  }
  await client.query(`DELETE FROM "BackfillProgress"`);
  await client.query(`VACUUM ANALYZE`);
}
