-- The order link on the three widget tables: the linked order (foreign key), the order number the
-- shopper claimed (kept even when no such order exists yet, so nothing is lost), and provenance.
-- Constraints are added NOT VALID (catalog-only, milliseconds of ACCESS EXCLUSIVE) and validated by
-- the next migration without blocking writes.
SET lock_timeout = '5s';

ALTER TABLE "CsatFeedback" ADD COLUMN "orderNumber" TEXT, ADD COLUMN "claimedOrderNumber" TEXT,
    ADD COLUMN "linkSource" TEXT, ADD COLUMN "linkedAt" TIMESTAMPTZ(3);
ALTER TABLE "CapsuleHold" ADD COLUMN "orderNumber" TEXT, ADD COLUMN "claimedOrderNumber" TEXT,
    ADD COLUMN "linkSource" TEXT, ADD COLUMN "linkedAt" TIMESTAMPTZ(3);
ALTER TABLE "OrderSubscription" ADD COLUMN "orderNumber" TEXT, ADD COLUMN "claimedOrderNumber" TEXT,
    ADD COLUMN "linkSource" TEXT, ADD COLUMN "linkedAt" TIMESTAMPTZ(3);

ALTER TABLE "CsatFeedback" ADD CONSTRAINT "CsatFeedback_orderNumber_fkey" FOREIGN KEY ("orderNumber") REFERENCES "Order"("orderNumber") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
ALTER TABLE "CapsuleHold" ADD CONSTRAINT "CapsuleHold_orderNumber_fkey" FOREIGN KEY ("orderNumber") REFERENCES "Order"("orderNumber") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
ALTER TABLE "OrderSubscription" ADD CONSTRAINT "OrderSubscription_orderNumber_fkey" FOREIGN KEY ("orderNumber") REFERENCES "Order"("orderNumber") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;

-- A link always says how and when it was made.
ALTER TABLE "CsatFeedback" ADD CONSTRAINT "CsatFeedback_link_check" CHECK (("orderNumber" IS NULL) = ("linkSource" IS NULL) AND ("orderNumber" IS NULL) = ("linkedAt" IS NULL)) NOT VALID;
ALTER TABLE "CapsuleHold" ADD CONSTRAINT "CapsuleHold_link_check" CHECK (("orderNumber" IS NULL) = ("linkSource" IS NULL) AND ("orderNumber" IS NULL) = ("linkedAt" IS NULL)) NOT VALID;
ALTER TABLE "OrderSubscription" ADD CONSTRAINT "OrderSubscription_link_check" CHECK (("orderNumber" IS NULL) = ("linkSource" IS NULL) AND ("orderNumber" IS NULL) = ("linkedAt" IS NULL)) NOT VALID;
