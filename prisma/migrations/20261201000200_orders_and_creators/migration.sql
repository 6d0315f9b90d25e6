-- Orders (from the shop's sync) and creators (affiliates). New, empty tables: no lock concerns.
CREATE TABLE "Creator" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "commissionRate" DECIMAL(6,5) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Creator_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Creator_commissionRate_check" CHECK ("commissionRate" >= 0 AND "commissionRate" <= 1)
);

CREATE TABLE "Order" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orderNumber" TEXT NOT NULL,
    "externalId" TEXT,
    "customerEmail" TEXT,
    "total" DECIMAL(12,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" TEXT NOT NULL,
    "placedAt" TIMESTAMPTZ(3) NOT NULL,
    "creatorCode" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Order_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Order_orderNumber_check" CHECK ("orderNumber" ~ '^[A-Z0-9][A-Z0-9_-]{0,63}$'),
    CONSTRAINT "Order_status_check" CHECK ("status" IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')),
    CONSTRAINT "Order_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "Order_total_check" CHECK ("total" >= 0)
);

CREATE UNIQUE INDEX "Creator_code_key" ON "Creator"("code");
CREATE UNIQUE INDEX "Order_orderNumber_key" ON "Order"("orderNumber");
CREATE UNIQUE INDEX "Order_externalId_key" ON "Order"("externalId");
CREATE INDEX "Order_placedAt_orderNumber_idx" ON "Order"("placedAt" DESC, "orderNumber" DESC);
CREATE INDEX "Order_creatorCode_placedAt_idx" ON "Order"("creatorCode", "placedAt");
CREATE INDEX "Order_customerEmail_placedAt_idx" ON "Order"("customerEmail", "placedAt");

ALTER TABLE "Order" ADD CONSTRAINT "Order_creatorCode_fkey" FOREIGN KEY ("creatorCode") REFERENCES "Creator"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
