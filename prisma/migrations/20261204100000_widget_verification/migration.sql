-- Proof before trust (see README, "Widget tokens"): every widget row records whether a shop-signed
-- widget token vouched for it; a subscription keeps the SHA-256 of its management token, and a
-- request that named an existing subscription's order and contact without proof is kept as an
-- unconfirmed duplicate: never delivered to, without the contact key, so the owner keeps the
-- (claimedOrderNumber, contactKey) unique key.
-- Locks: ACCESS EXCLUSIVE for milliseconds. ADD COLUMN with a constant default is catalog-only on
-- PostgreSQL 11 and later (no table rewrite); the check is added NOT VALID and validated next.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" ADD COLUMN "verified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "CapsuleHold" ADD COLUMN "verified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "AnalyticsEvent" ADD COLUMN "verified" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "OrderSubscription" ADD COLUMN "verified" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "manageTokenHash" TEXT,
    ADD COLUMN "unconfirmed" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "OrderSubscription" ADD CONSTRAINT "OrderSubscription_duplicate_check"
    CHECK (NOT "unconfirmed" OR "contactKey" IS NULL) NOT VALID;
