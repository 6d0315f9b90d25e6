-- Built CONCURRENTLY (no write lock on a live table), so it must be alone in its migration: it cannot
-- run inside a transaction. If it fails, drop the INVALID index it leaves and deploy again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OrderSubscription_orderNumber_idx" ON "OrderSubscription"("orderNumber");
