-- Validate the checks added NOT VALID by the previous migration. SHARE UPDATE EXCLUSIVE: reads and
-- writes go on during the scan.
SET lock_timeout = '5s';

ALTER TABLE "CapsuleHold" VALIDATE CONSTRAINT "CapsuleHold_status_check";
ALTER TABLE "OrderSubscription" VALIDATE CONSTRAINT "OrderSubscription_channel_check";
