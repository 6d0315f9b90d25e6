import { scoreLabel, sentiment, Sentiment } from '../common/normalize';
import { CapsuleResponse, holdStatus, HoldStatus, toCapsuleResponse } from '../widget/widget.mappers';
import type { CapsuleInteractionRow, CsatInteractionRow, OrderViewRow, SubscriptionInteractionRow } from './order-views.repository';

/** Response bodies of the orders API (contract §3), shaped field by field: nothing else leaks. */

export interface OrderResponse {
  orderNumber: string;
  customerEmail: string | null;
  total: string;
  currency: string;
  status: string;
  placedAt: string;
  creator: { code: string; name: string } | null;
  widgetData: {
    hasWidgetInteraction: boolean;
    csatRating: number | null;
    csatLabel: string | null;
    csatSentiment: Sentiment | null;
    csatNotes: string | null;
    csatTimestamp: string | null;
    capsule: { reservationId: string; status: HoldStatus; expiresAt: string } | null;
    subscription: { email: boolean; sms: boolean; subscribedAt: string } | null;
  };
}

/**
 * How a widget row came to be linked to the order (backfill strategy, order sync, widget), and
 * whether a shop-signed widget token vouched for its session and order (README, "Widget tokens").
 */
interface LinkProvenance {
  claimedOrderNumber: string | null;
  linkSource: string;
  linkedAt: string;
  verified: boolean;
}

export interface CsatInteraction extends LinkProvenance {
  id: string;
  sessionId: string;
  score: number;
  rating: string;
  notes: string | null;
  intent: string | null;
  createdAt: string;
}

export interface CapsuleInteraction extends CapsuleResponse, LinkProvenance {
  sessionId: string;
  customerEmail: string;
  customerName: string | null;
}

export interface SubscriptionInteraction extends LinkProvenance {
  id: string;
  sessionId: string;
  email: string | null;
  phone: string | null;
  channels: { email: boolean; sms: boolean };
  originIntent: string | null;
  subscribedAt: string;
  unsubscribedAt: string | null;
  /** Sent without proof while another subscription had this order and contact: kept, never delivered to. */
  unconfirmed: boolean;
}

export interface OrderDetailResponse extends OrderResponse {
  interactions: { csat: CsatInteraction[]; capsuleHolds: CapsuleInteraction[]; subscriptions: SubscriptionInteraction[] };
}

export function toOrderResponse(row: OrderViewRow): OrderResponse {
  return {
    orderNumber: row.orderNumber,
    customerEmail: row.customerEmail,
    total: row.total,
    currency: row.currency,
    status: row.status,
    placedAt: row.placedAt.toISOString(),
    creator: row.creatorCode !== null ? { code: row.creatorCode, name: row.creatorName! } : null,
    widgetData: {
      hasWidgetInteraction: row.hasWidgetInteraction,
      csatRating: row.csatScore,
      csatLabel: row.csatScore !== null ? scoreLabel(row.csatScore) : null,
      csatSentiment: row.csatScore !== null ? sentiment(row.csatScore) : null,
      csatNotes: row.csatNotes,
      csatTimestamp: row.csatAt?.toISOString() ?? null,
      capsule:
        row.holdReservationId !== null
          ? { reservationId: row.holdReservationId, status: holdStatus(row.holdStatus!, row.holdExpiresAt!), expiresAt: row.holdExpiresAt!.toISOString() }
          : null,
      subscription:
        row.subscribedAt !== null
          ? { email: row.subscriptionEmail!, sms: row.subscriptionSms!, subscribedAt: row.subscribedAt.toISOString() }
          : null,
    },
  };
}

export function toOrderDetailResponse(
  row: OrderViewRow,
  csat: CsatInteractionRow[],
  holds: CapsuleInteractionRow[],
  subscriptions: SubscriptionInteractionRow[],
): OrderDetailResponse {
  return {
    ...toOrderResponse(row),
    interactions: {
      csat: csat.map((c) => ({
        id: c.id,
        sessionId: c.sessionId,
        score: c.score,
        rating: scoreLabel(c.score),
        notes: c.notes,
        intent: c.intent,
        createdAt: c.createdAt.toISOString(),
        ...provenance(c),
      })),
      capsuleHolds: holds.map((h) => ({
        ...toCapsuleResponse(h),
        sessionId: h.sessionId,
        customerEmail: h.customerEmail,
        customerName: h.customerName,
        ...provenance(h),
      })),
      subscriptions: subscriptions.map((s) => ({
        id: s.id,
        sessionId: s.sessionId,
        email: s.email,
        phone: s.phone,
        channels: { email: s.emailChannel, sms: s.smsChannel },
        originIntent: s.originIntent,
        subscribedAt: s.subscribedAt.toISOString(),
        unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
        unconfirmed: s.unconfirmed,
        ...provenance(s),
      })),
    },
  };
}

function provenance(row: CsatInteractionRow | CapsuleInteractionRow | SubscriptionInteractionRow): LinkProvenance {
  return { claimedOrderNumber: row.claimedOrderNumber, linkSource: row.linkSource, linkedAt: row.linkedAt.toISOString(), verified: row.verified };
}
