-- The widget tables in the shape the old app wrote them: no link to an order, the CSAT rating as a
-- free-text label, subscriptions carrying the shop's order id. Legacy rows arrive in this shape.
CREATE TABLE "CsatFeedback" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "notes" TEXT,
    "intent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CsatFeedback_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CapsuleHold" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reservationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "customerEmail" TEXT NOT NULL,
    "customerName" TEXT,
    "shortlist" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "reservedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CapsuleHold_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OrderSubscription" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" TEXT NOT NULL,
    "orderId" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "emailChannel" BOOLEAN NOT NULL DEFAULT false,
    "smsChannel" BOOLEAN NOT NULL DEFAULT false,
    "originIntent" TEXT,
    "subscribedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unsubscribedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderSubscription_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AnalyticsEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "metadata" JSONB,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnalyticsEvent_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "CapsuleHold_reservationId_key" ON "CapsuleHold"("reservationId");
CREATE INDEX "CsatFeedback_sessionId_createdAt_idx" ON "CsatFeedback"("sessionId", "createdAt");
CREATE INDEX "CapsuleHold_sessionId_createdAt_idx" ON "CapsuleHold"("sessionId", "createdAt");
CREATE INDEX "OrderSubscription_sessionId_createdAt_idx" ON "OrderSubscription"("sessionId", "createdAt");
CREATE INDEX "AnalyticsEvent_sessionId_occurredAt_idx" ON "AnalyticsEvent"("sessionId", "occurredAt");
