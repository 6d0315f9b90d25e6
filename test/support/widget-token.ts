import { SignJWT } from 'jose';
import { mintWidgetToken, WidgetTokenClaims } from '../../src/common/widget-token/mint-widget-token';

/** Two shop secrets, as during a rotation (WIDGET_TOKEN_SECRETS accepts a comma list). */
export const SHOP_SECRET = 'shop-secret-0123456789-abcdefghijklmnop';
export const NEXT_SHOP_SECRET = 'next-shop-secret-0123456789-abcdefghij';
export const TOKEN_ENV = { WIDGET_TOKEN_SECRETS: `${SHOP_SECRET},${NEXT_SHOP_SECRET}` };

/** A token as the shop's server mints it (valid for an hour unless told otherwise). */
export const widgetToken = (claims: WidgetTokenClaims, { secret = SHOP_SECRET, ttlSeconds = 3600 } = {}) =>
  mintWidgetToken(secret, claims, ttlSeconds);

/** A token with arbitrary claims and header, for the ways a token can be wrong. */
export const rawToken = (payload: Record<string, unknown>, { secret = SHOP_SECRET, alg = 'HS256' } = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

export const nowSeconds = () => Math.floor(Date.now() / 1000);
