import { scoreLabel } from '../common/normalize';
import type { CapsuleHoldRow, ShortlistItem } from './capsule.repository';
import type { CsatRow } from './csat.repository';
import type { SubscriptionRow } from './subscription.repository';

/** Response bodies of the widget API, shaped field by field (contract §2): nothing else leaks. */

export interface CsatResponse {
  id: string;
  score: number;
  rating: string;
  orderNumber: string | null;
  linked: boolean;
  createdAt: string;
}

export type HoldStatus = 'active' | 'expired' | 'converted' | 'cancelled';

export interface CapsuleCreatedResponse {
  reservationId: string;
  status: HoldStatus;
  reservedAt: string;
  expiresAt: string;
  orderNumber: string | null;
  linked: boolean;
}

export interface CapsuleResponse {
  reservationId: string;
  status: HoldStatus;
  reservedAt: string;
  expiresAt: string;
  shortlist: ShortlistItem[];
}

export interface SubscriptionResponse {
  id: string;
  orderNumber: string | null;
  email: string | null;
  phone: string | null;
  channels: { email: boolean; sms: boolean };
  linked: boolean;
  subscribedAt: string;
  unsubscribedAt: string | null;
}

/** The creation answer: the management token is shown this once and stored only as a hash. */
export interface SubscriptionCreatedResponse extends SubscriptionResponse {
  manageToken: string;
}

/** "expired" is derived from expiresAt at read time: no job has to run for it to be right. */
export function holdStatus(stored: string, expiresAt: Date, now = new Date()): HoldStatus {
  return stored === 'active' && expiresAt.getTime() <= now.getTime() ? 'expired' : (stored as HoldStatus);
}

export function toCsatResponse(row: CsatRow): CsatResponse {
  return {
    id: row.id,
    score: row.score,
    rating: scoreLabel(row.score),
    orderNumber: row.claimedOrderNumber,
    linked: row.orderNumber !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toCapsuleCreatedResponse(row: CapsuleHoldRow): CapsuleCreatedResponse {
  return {
    reservationId: row.reservationId,
    status: holdStatus(row.status, row.expiresAt),
    reservedAt: row.reservedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    orderNumber: row.claimedOrderNumber,
    linked: row.orderNumber !== null,
  };
}

/** The public view of a hold: no customer email or name, since anyone with the id can read it. */
export function toCapsuleResponse(row: CapsuleHoldRow): CapsuleResponse {
  return {
    reservationId: row.reservationId,
    status: holdStatus(row.status, row.expiresAt),
    reservedAt: row.reservedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    shortlist: row.shortlist.map((i) => ({
      productId: i.productId,
      ...(i.variantId !== undefined && { variantId: i.variantId }),
      ...(i.title !== undefined && { title: i.title }),
      ...(i.size !== undefined && { size: i.size }),
      ...(i.price !== undefined && { price: i.price }),
    })),
  };
}

export function toSubscriptionResponse(row: SubscriptionRow): SubscriptionResponse {
  return {
    id: row.id,
    orderNumber: row.claimedOrderNumber ?? row.orderNumber,
    email: row.email,
    phone: row.phone,
    channels: { email: row.emailChannel, sms: row.smsChannel },
    linked: row.orderNumber !== null,
    subscribedAt: row.subscribedAt.toISOString(),
    unsubscribedAt: row.unsubscribedAt?.toISOString() ?? null,
  };
}
