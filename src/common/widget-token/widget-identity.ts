/**
 * What a verified X-Widget-Token says about the shopper (contract §7): the shop's own server vouches
 * for this widget session, optionally for an email address and for the orders the shopper may speak for.
 */
export interface WidgetIdentity {
  sessionId: string;
  /** Normalised like every email the service stores; null when the token names none. */
  email: string | null;
  /** Normalised order numbers; empty when the token names none. */
  orders: ReadonlySet<string>;
}

/** What a widget row claims: its session, the order it names (if any) and the email it carries (if any). */
export interface WidgetClaim {
  sessionId: string;
  orderNumber: string | null;
  email?: string | null;
}

/**
 * A row is verified when a valid token names its session, every order it claims, and, when the row
 * carries an email the token must vouch for (subscriptions), that email. Without a token, never.
 */
export function vouchesFor(identity: WidgetIdentity | null, claim: WidgetClaim): boolean {
  if (!identity || identity.sessionId !== claim.sessionId) return false;
  if (claim.orderNumber !== null && !identity.orders.has(claim.orderNumber)) return false;
  if (claim.email !== undefined && claim.email !== null && identity.email !== claim.email) return false;
  return true;
}

/**
 * Whether the token lets its holder manage the subscription of (order, email): the order is among
 * the token's orders and, when the subscription has an email, it is the token's email. The session
 * does not matter here: a shopper manages their subscription from any later visit.
 */
export function coversSubscription(identity: WidgetIdentity | null, subscription: { orderNumber: string | null; email: string | null }): boolean {
  if (!identity || subscription.orderNumber === null || !identity.orders.has(subscription.orderNumber)) return false;
  return subscription.email === null || identity.email === subscription.email;
}
