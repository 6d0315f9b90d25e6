-- Validates the check added NOT VALID by the previous migration.
-- Locks: SHARE UPDATE EXCLUSIVE on "OrderSubscription" during the scan (reads and writes go on).
SET lock_timeout = '5s';

ALTER TABLE "OrderSubscription" VALIDATE CONSTRAINT "OrderSubscription_duplicate_check";
