-- The dashboard's order list shows each order's latest CSAT response (LATERAL … WHERE
-- "orderNumber" = … ORDER BY "createdAt" DESC, "id" DESC LIMIT 1). CSAT keeps every submission,
-- so an order can have many: this index answers the lookup with one short scan instead of
-- sorting them all. (Holds and subscriptions are few per order; their "orderNumber" indexes do.)
-- Built CONCURRENTLY (writes go on), so it is alone in its migration: it cannot run in a
-- transaction. If it fails, drop the INVALID index it leaves and deploy again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "CsatFeedback_orderNumber_createdAt_id_idx" ON "CsatFeedback"("orderNumber", "createdAt" DESC, "id" DESC);
