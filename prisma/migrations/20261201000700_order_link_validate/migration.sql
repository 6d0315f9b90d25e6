-- Validate the order-link constraints on existing rows. SHARE UPDATE EXCLUSIVE on the widget tables
-- (reads and writes go on) and ROW SHARE on "Order"; the scan is proportional to table size.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" VALIDATE CONSTRAINT "CsatFeedback_orderNumber_fkey";
ALTER TABLE "CapsuleHold" VALIDATE CONSTRAINT "CapsuleHold_orderNumber_fkey";
ALTER TABLE "OrderSubscription" VALIDATE CONSTRAINT "OrderSubscription_orderNumber_fkey";
ALTER TABLE "CsatFeedback" VALIDATE CONSTRAINT "CsatFeedback_link_check";
ALTER TABLE "CapsuleHold" VALIDATE CONSTRAINT "CapsuleHold_link_check";
ALTER TABLE "OrderSubscription" VALIDATE CONSTRAINT "OrderSubscription_link_check";
