import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { errors, jwtVerify, JWTPayload } from 'jose';
import { AppConfig } from '../../config/app-config';
import { normaliseEmail, parseOrderNumber } from '../normalize';
import { ProblemException } from '../problem';
import type { WidgetIdentity } from './widget-identity';

/** A shop's clock and ours may disagree a little; a token is accepted this long around exp/nbf. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 4096;
const MAX_ORDERS = 100;

export const invalidWidgetToken = (detail: string) =>
  new ProblemException(401, detail, { headers: { 'www-authenticate': 'X-Widget-Token' } });

/**
 * Verifies X-Widget-Token (contract §7): a JWT signed HS256 by the shop's server with any secret in
 * WIDGET_TOKEN_SECRETS (several, so a secret can be rotated without downtime), `exp` required.
 */
@Injectable()
export class WidgetTokenVerifier implements OnModuleInit {
  private readonly logger = new Logger('WidgetTokens');
  private readonly keys: Uint8Array[];

  constructor(private readonly config: AppConfig) {
    this.keys = config.WIDGET_TOKEN_SECRETS.map((s) => new TextEncoder().encode(s));
  }

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  get required(): boolean {
    return this.config.WIDGET_REQUIRE_TOKEN;
  }

  onModuleInit(): void {
    if (!this.enabled) {
      this.logger.warn('WIDGET_TOKEN_SECRETS is not set: widget claims are unverified (every widget row is stored with verified=false)');
    }
  }

  /** The identity the token vouches for; a ProblemException (401) for any token that does not verify. */
  async verify(token: string): Promise<WidgetIdentity> {
    if (!this.enabled) throw invalidWidgetToken('X-Widget-Token was sent, but this service has no WIDGET_TOKEN_SECRETS to verify it with.');
    if (token.length > MAX_TOKEN_LENGTH) throw invalidWidgetToken('X-Widget-Token is not a valid token.');
    const payload = await this.verifySignature(token);
    return toIdentity(payload);
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    for (const key of this.keys) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'sub'],
        });
        return payload;
      } catch (err) {
        // Another secret may have signed it; anything else (expired, malformed) is final.
        if (err instanceof errors.JWSSignatureVerificationFailed) continue;
        if (err instanceof errors.JWTExpired) throw invalidWidgetToken('X-Widget-Token has expired.');
        throw invalidWidgetToken('X-Widget-Token is not a valid token.');
      }
    }
    throw invalidWidgetToken('X-Widget-Token is not signed with a known secret.');
  }
}

function toIdentity(payload: JWTPayload): WidgetIdentity {
  const { sub, email, orders } = payload as JWTPayload & { email?: unknown; orders?: unknown };
  if (typeof sub !== 'string' || sub.length < 1 || sub.length > 128) throw invalidWidgetToken('X-Widget-Token: sub must be the widget session id.');
  if (email !== undefined && typeof email !== 'string') throw invalidWidgetToken('X-Widget-Token: email must be a string.');
  if (orders !== undefined && !(Array.isArray(orders) && orders.length <= MAX_ORDERS && orders.every((o) => typeof o === 'string'))) {
    throw invalidWidgetToken(`X-Widget-Token: orders must be an array of at most ${MAX_ORDERS} order numbers.`);
  }
  return {
    sessionId: sub,
    email: typeof email === 'string' ? normaliseEmail(email) : null,
    // Normalised like every order number the service stores; one that can never be valid names nothing.
    orders: new Set(((orders as string[] | undefined) ?? []).map(parseOrderNumber).filter((o): o is string => o !== null)),
  };
}
