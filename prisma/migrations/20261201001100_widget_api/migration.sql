-- What the rebuilt widget API and the legacy import need: the Mongo _id of imported rows (so a
-- second import adds nothing), cancellation of holds, one subscription per order and contact,
-- lookups by claimed order number, and stored Idempotency-Keys.
-- Locks: ACCESS EXCLUSIVE for milliseconds for the column additions; the plain CREATE INDEX
-- statements block writes to their table while they build (seconds per million rows). On a large
-- live table, build them beforehand with CREATE INDEX CONCURRENTLY under the same names.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" ADD COLUMN "legacyId" TEXT;
ALTER TABLE "CapsuleHold" ADD COLUMN "legacyId" TEXT, ADD COLUMN "cancelledAt" TIMESTAMPTZ(3);
ALTER TABLE "OrderSubscription" ADD COLUMN "legacyId" TEXT, ADD COLUMN "contactKey" TEXT;
ALTER TABLE "AnalyticsEvent" ADD COLUMN "legacyId" TEXT;

-- "expired" is derived from expiresAt when read, never stored.
ALTER TABLE "CapsuleHold" ADD CONSTRAINT "CapsuleHold_status_check" CHECK ("status" IN ('active', 'converted', 'cancelled')) NOT VALID;
ALTER TABLE "OrderSubscription" ADD CONSTRAINT "OrderSubscription_channel_check" CHECK (NOT "smsChannel" OR "phone" IS NOT NULL) NOT VALID;

CREATE UNIQUE INDEX IF NOT EXISTS "CsatFeedback_legacyId_key" ON "CsatFeedback"("legacyId");
CREATE UNIQUE INDEX IF NOT EXISTS "CapsuleHold_legacyId_key" ON "CapsuleHold"("legacyId");
CREATE UNIQUE INDEX IF NOT EXISTS "OrderSubscription_legacyId_key" ON "OrderSubscription"("legacyId");
CREATE UNIQUE INDEX IF NOT EXISTS "AnalyticsEvent_legacyId_key" ON "AnalyticsEvent"("legacyId");
CREATE UNIQUE INDEX IF NOT EXISTS "OrderSubscription_claimedOrderNumber_contactKey_key" ON "OrderSubscription"("claimedOrderNumber", "contactKey");
CREATE INDEX IF NOT EXISTS "CsatFeedback_claimedOrderNumber_idx" ON "CsatFeedback"("claimedOrderNumber");
CREATE INDEX IF NOT EXISTS "CapsuleHold_claimedOrderNumber_idx" ON "CapsuleHold"("claimedOrderNumber");
CREATE INDEX IF NOT EXISTS "CsatFeedback_createdAt_idx" ON "CsatFeedback"("createdAt");
CREATE INDEX IF NOT EXISTS "CapsuleHold_customerEmail_idx" ON "CapsuleHold"("customerEmail");
CREATE INDEX IF NOT EXISTS "OrderSubscription_orderId_idx" ON "OrderSubscription"("orderId");
CREATE INDEX IF NOT EXISTS "OrderSubscription_email_idx" ON "OrderSubscription"("email");

CREATE TABLE "IdempotencyKey" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("scope", "key")
);
CREATE INDEX "IdempotencyKey_expiresAt_idx" ON "IdempotencyKey"("expiresAt");
