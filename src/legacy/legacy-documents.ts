import { normaliseCurrency, normalisePhone, ratingToScore, scoreLabel } from '../common/normalize';
import { unstorableField } from '../common/validation/storable';
import { ORDER_STATUSES } from '../orders/dto/order-fields';
import type { ShortlistItem } from '../widget/capsule.repository';
import { parseExtendedJson } from './extended-json';
import {
  LegacyDocument,
  legacyIdOf,
  oneOf,
  optionalBoolean,
  optionalDate,
  optionalEmail,
  optionalOrderNumber,
  optionalText,
  Rejection,
  requiredDate,
  requiredMoney,
  requiredText,
} from './legacy-fields';

/** The exported MongoDB collections, in import order: orders first, so later rows can find them. */
export const COLLECTIONS = ['orders', 'csatFeedback', 'capsuleHolds', 'widgetOrderSubscriptions', 'analyticsEvents'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** A row as the import writes it: keys are the table's column names. */
export type Row = Record<string, unknown>;

export interface MappingContext {
  /** Region for phone numbers written without +country (DEFAULT_PHONE_REGION). */
  phoneRegion: string;
}

/**
 * Legacy document → the row it becomes, or a Rejection naming the reason. Nothing is guessed:
 * a value that cannot be read as what its column means refuses the whole document.
 * Widget rows keep a stated order number as the *claim*: the backfill links them, not the import.
 */
const MAPPERS: Record<Collection, (doc: LegacyDocument, legacyId: string, ctx: MappingContext) => Row> = {
  orders: (doc, legacyId) => ({
    legacyId,
    orderNumber: requiredOrderNumber(doc),
    // The Mongo _id doubles as the external id unless the shop's own id was recorded.
    externalId: optionalText(doc, 'externalId')?.trim() || legacyId,
    customerEmail: optionalEmail(doc, 'customerEmail'),
    total: requiredMoney(doc, 'total'),
    currency: currencyOf(doc),
    status: oneOf(doc, 'status', ORDER_STATUSES),
    placedAt: requiredDate(doc, 'createdAt', 'placedAt'),
    creatorCode: optionalText(doc, 'creatorCode')?.trim().toUpperCase() || null,
  }),

  csatFeedback: (doc, legacyId) => {
    const score = csatScore(doc);
    const rating = optionalText(doc, 'rating');
    return {
      legacyId,
      sessionId: requiredText(doc, 'sessionId'),
      rating: rating ?? scoreLabel(score),
      score,
      notes: optionalText(doc, 'notes'),
      intent: optionalText(doc, 'intent'),
      claimedOrderNumber: optionalOrderNumber(doc),
      createdAt: requiredDate(doc, 'createdAt', 'timestamp'),
    };
  },

  capsuleHolds: (doc, legacyId) => {
    const status = doc.status === undefined || doc.status === null ? 'active' : oneOf(doc, 'status', HOLD_STATUSES);
    const customerEmail = optionalEmail(doc, 'customerEmail');
    if (!customerEmail) throw new Rejection('missing required field customerEmail');
    return {
      legacyId,
      reservationId: requiredText(doc, 'reservationId').trim(),
      sessionId: requiredText(doc, 'sessionId'),
      customerEmail,
      customerName: optionalText(doc, 'customerName'),
      shortlist: shortlistOf(doc),
      // "expired" is derived from expiresAt when read, never stored.
      status: status === 'expired' ? 'active' : status,
      claimedOrderNumber: optionalOrderNumber(doc),
      reservedAt: requiredDate(doc, 'reservedAt', 'createdAt'),
      expiresAt: requiredDate(doc, 'expiresAt'),
      cancelledAt: status === 'cancelled' ? optionalDate(doc, 'cancelledAt') : null,
      createdAt: requiredDate(doc, 'createdAt', 'reservedAt'),
    };
  },

  widgetOrderSubscriptions: (doc, legacyId, ctx) => {
    // Old documents say only `email: true`: the email channel, address unknown.
    const email = typeof doc.email === 'boolean' ? null : optionalEmail(doc, 'email');
    const emailChannel = doc.email === true || email !== null;
    const rawPhone = optionalText(doc, 'phone');
    const phone = rawPhone?.trim() ? normalisePhone(rawPhone, ctx.phoneRegion) : null;
    if (rawPhone?.trim() && !phone) throw new Rejection(`bad phone ${JSON.stringify(rawPhone)}`);
    const sms = optionalBoolean(doc, 'sms');
    if (sms && !phone) throw new Rejection('sms is true but there is no phone');
    if (!emailChannel && !phone) throw new Rejection('no contact: neither email nor phone');
    return {
      legacyId,
      sessionId: requiredText(doc, 'sessionId'),
      orderId: optionalText(doc, 'orderId')?.trim() || null,
      claimedOrderNumber: optionalOrderNumber(doc),
      // The same key the API uses, so a later subscription to the same order updates this one.
      contactKey: email ?? phone,
      email,
      phone,
      emailChannel,
      smsChannel: sms,
      originIntent: optionalText(doc, 'originIntent'),
      subscribedAt: requiredDate(doc, 'subscribedAt', 'createdAt'),
      unsubscribedAt: optionalDate(doc, 'unsubscribedAt'),
      createdAt: requiredDate(doc, 'createdAt', 'subscribedAt'),
    };
  },

  analyticsEvents: (doc, legacyId) => {
    const metadata = doc.metadata ?? null;
    if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata) || metadata instanceof Date)) {
      throw new Rejection(`metadata must be an object, not ${JSON.stringify(metadata)}`);
    }
    return {
      legacyId,
      sessionId: requiredText(doc, 'sessionId'),
      name: requiredText(doc, 'type'),
      occurredAt: requiredDate(doc, 'timestamp', 'createdAt'),
      metadata,
    };
  },
};

const HOLD_STATUSES = ['active', 'expired', 'converted', 'cancelled'] as const;

function requiredOrderNumber(doc: LegacyDocument): string {
  const orderNumber = optionalOrderNumber(doc);
  if (!orderNumber) throw new Rejection('missing required field orderNumber');
  return orderNumber;
}

function currencyOf(doc: LegacyDocument): string {
  const currency = normaliseCurrency(requiredText(doc, 'currency'));
  if (!/^[A-Z]{3}$/.test(currency)) throw new Rejection(`bad currency ${JSON.stringify(doc.currency)}`);
  return currency;
}

/** `score` when the document has a valid one (newer documents), else the label with the API's rules. */
function csatScore(doc: LegacyDocument): number {
  const score = ratingToScore(doc.score) ?? ratingToScore(doc.rating);
  if (score !== null) return score;
  if (doc.rating !== undefined && doc.rating !== null) {
    throw new Rejection(`rating ${JSON.stringify(doc.rating)} cannot be converted to a 1-5 score`);
  }
  throw new Rejection(doc.score === undefined ? 'missing required field rating' : `score ${JSON.stringify(doc.score)} is not 1-5 and there is no rating`);
}

function shortlistOf(doc: LegacyDocument): ShortlistItem[] {
  if (!Array.isArray(doc.shortlist)) throw new Rejection('missing required field shortlist (a list of products)');
  return doc.shortlist.map((item: unknown, index) => {
    try {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Rejection('not an object');
      const fields = item as LegacyDocument;
      const shortlistItem: ShortlistItem = { productId: requiredText(fields, 'productId') };
      for (const key of ['variantId', 'title', 'size'] as const) {
        const value = optionalText(fields, key);
        if (value !== null) shortlistItem[key] = value;
      }
      if (fields.price !== undefined && fields.price !== null) shortlistItem.price = requiredMoney(fields, 'price');
      return shortlistItem;
    } catch (err) {
      throw err instanceof Rejection ? new Rejection(`shortlist item ${index + 1}: ${err.message}`) : err;
    }
  });
}

/** A document's row, or why it cannot be imported (with its `_id` when one can be read). */
export type Mapped = { row: Row; legacyId: string; reason?: undefined } | { row?: undefined; legacyId: string | null; reason: string };

/** Parses and maps one exported document; never throws for a bad document. */
export function mapDocument(collection: Collection, text: string, ctx: MappingContext): Mapped {
  let doc: unknown;
  try {
    doc = parseExtendedJson(text);
  } catch (err) {
    const id = /"_id"\s*:\s*(?:\{\s*"\$oid"\s*:\s*)?"([^"\\]{1,200})"/.exec(text)?.[1] ?? null;
    return { legacyId: id, reason: `invalid JSON: ${(err as Error).message}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { legacyId: null, reason: 'not a document (a JSON object)' };
  const legacyId = legacyIdOf(doc);
  if (!legacyId) return { legacyId: null, reason: 'missing required field _id' };
  try {
    const row = MAPPERS[collection](doc as LegacyDocument, legacyId, ctx);
    if (unstorableField(row)) return { legacyId, reason: 'contains text PostgreSQL cannot store (a NUL character or a lone surrogate)' };
    return { row, legacyId };
  } catch (err) {
    if (err instanceof Rejection) return { legacyId, reason: err.message };
    throw err;
  }
}

