-- The orders with a verified widget row, for the verified figures of the creator statistics: a
-- partial index holds only verified rows, so it stays small and is read without touching the table.
-- Built CONCURRENTLY (no write lock on a live table), so it must be alone in its migration: it cannot
-- run inside a transaction. If it fails, drop the INVALID index it leaves and deploy again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OrderSubscription_verified_orderNumber_idx" ON "OrderSubscription"("orderNumber") WHERE "verified";
