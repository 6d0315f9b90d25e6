import { SignJWT } from 'jose';

export interface WidgetTokenClaims {
  sessionId: string;
  email?: string;
  orders?: string[];
}

/** Signs a widget token the way a shop's server does (README, "Widget tokens"); the dev command and tests use it. */
export function mintWidgetToken(secret: string, claims: WidgetTokenClaims, ttlSeconds = 3600): Promise<string> {
  const extra = { ...(claims.email !== undefined && { email: claims.email }), ...(claims.orders !== undefined && { orders: claims.orders }) };
  return new SignJWT(extra)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sessionId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
