-- The legacy import and the backfill (npm run legacy:import, npm run backfill).
-- "Order"."legacyId": the Mongo _id of an imported legacy order, so a second import adds nothing and
-- a legacy subscription's orderId finds its order even when the order carried the shop's own id.
-- "BackfillProgress": where an interrupted backfill resumes, one row per strategy and table;
-- a completed run removes its rows.
-- Locks: ACCESS EXCLUSIVE on "Order" for milliseconds (the column addition); the unique index on
-- the new, all-NULL column blocks writes to "Order" while it builds (seconds per million rows). On a
-- large live table, build it beforehand with CREATE UNIQUE INDEX CONCURRENTLY under the same name.
SET lock_timeout = '5s';

ALTER TABLE "Order" ADD COLUMN "legacyId" TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS "Order_legacyId_key" ON "Order"("legacyId");

CREATE TABLE "BackfillProgress" (
    "strategy" TEXT NOT NULL,
    "tableName" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "lastId" UUID NOT NULL,
    "linked" INTEGER NOT NULL DEFAULT 0,
    "ambiguous" INTEGER NOT NULL DEFAULT 0,
    "unmatched" INTEGER NOT NULL DEFAULT 0,
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BackfillProgress_pkey" PRIMARY KEY ("strategy", "tableName")
);
