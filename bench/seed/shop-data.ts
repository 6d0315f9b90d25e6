import { Client } from 'pg';

/** Order k (1…n) is `BN-00000000k`: the same rule in JavaScript and in SQL. */
export const orderNumberOf = (k: number) => `BN-${String(k).padStart(9, '0')}`;
export const orderNumberSql = (k: string) => `('BN-' || lpad((${k})::text, 9, '0'))`;
/** Order k is placed 31 s after order k-1, from 2025-01-01 on (one year per ~1 M orders). */
export const placedAtSql = (k: string) => `(timestamptz '2025-01-01 00:00:00+00' + (${k}) * interval '31 seconds')`;
/** Two orders share each customer email, half the history apart (far outside any 7-day window). */
export const customerEmailSql = (k: string, orders: number) => `('shopper' || ((${k}) % ${Math.max(1, Math.floor(orders / 2))}) || '@example.com')`;
export const CREATORS = 100;

/**
 * A shop with `n` orders and `n` linked widget interactions (60 % CSAT responses, 20 % capsule
 * holds, 20 % subscriptions, spread over the orders by multiplicative hashing, so some orders have
 * several and about a quarter none). Set-based: one INSERT … SELECT FROM generate_series per table.
 */
export async function seedShop(url: string, n: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Foreign-key triggers off while seeding: every reference below points at a row made here.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`
      INSERT INTO "Creator" ("code", "name", "commissionRate")
      SELECT 'CR' || i, 'Creator ' || i, (5 + i % 16) / 100.0 + (i % 2) * 0.005 FROM generate_series(1, ${CREATORS}) AS i`);
    await client.query(`
      INSERT INTO "Order" ("orderNumber", "externalId", "customerEmail", "total", "currency", "status", "placedAt", "creatorCode")
      SELECT ${orderNumberSql('i')}, 'shop-' || i, ${customerEmailSql('i', n)}, 5 + ((i::bigint * 7919) % 50000) / 100.0,
             CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END,
             CASE i % 7 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'refunded' WHEN 2 THEN 'pending' WHEN 3 THEN 'fulfilled' ELSE 'paid' END,
             ${placedAtSql('i')}, CASE WHEN i % 3 = 0 THEN NULL ELSE 'CR' || (1 + (i * 31) % ${CREATORS}) END
      FROM generate_series(1, ${n}) AS i`);
    const spread = (share: number, prime: number) =>
      `(SELECT j, 1 + (j::bigint * ${prime}) % ${n} AS k FROM generate_series(1, ${Math.round(n * share)}) AS j) AS s`;
    await client.query(`
      INSERT INTO "CsatFeedback" ("sessionId", "rating", "score", "notes", "intent", "createdAt",
                                  "orderNumber", "claimedOrderNumber", "linkSource", "linkedAt")
      SELECT 'w_' || j, (ARRAY['terrible', 'bad', 'okay', 'good', 'great'])[1 + j % 5], 1 + j % 5, 'note ' || j, 'order_tracking',
             ${placedAtSql('k')} + interval '1 hour', ${orderNumberSql('k')}, ${orderNumberSql('k')}, 'widget', ${placedAtSql('k')} + interval '1 hour'
      FROM ${spread(0.6, 7919)}`);
    await client.query(`
      INSERT INTO "CapsuleHold" ("reservationId", "sessionId", "customerEmail", "shortlist", "status", "reservedAt", "expiresAt",
                                 "createdAt", "orderNumber", "claimedOrderNumber", "linkSource", "linkedAt")
      SELECT 'rsv_bench_' || j, 'w_h' || j, 'holder' || j || '@example.com', '[{"productId": "p_1", "price": "59.00"}]', 'active',
             ${placedAtSql('k')} - interval '1 hour', ${placedAtSql('k')} + interval '47 hours', ${placedAtSql('k')} - interval '1 hour',
             ${orderNumberSql('k')}, ${orderNumberSql('k')}, 'widget', ${placedAtSql('k')}
      FROM ${spread(0.2, 104729)}`);
    await client.query(`
      INSERT INTO "OrderSubscription" ("sessionId", "contactKey", "email", "emailChannel", "originIntent", "subscribedAt", "createdAt",
                                       "orderNumber", "claimedOrderNumber", "linkSource", "linkedAt")
      SELECT 'w_s' || j, 'sub' || j || '@example.com', 'sub' || j || '@example.com', true, 'order_tracking',
             ${placedAtSql('k')} + interval '2 hours', ${placedAtSql('k')} + interval '2 hours',
             ${orderNumberSql('k')}, ${orderNumberSql('k')}, 'widget', ${placedAtSql('k')} + interval '2 hours'
      FROM ${spread(0.2, 15485863)}`);
    await client.query(`SET session_replication_role = DEFAULT`);
    await client.query(`VACUUM ANALYZE`);
  } finally {
    await client.end();
  }
}
