import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { WidgetIdentity } from './widget-identity';
import { invalidWidgetToken, WidgetTokenVerifier } from './widget-token.verifier';

export const WIDGET_TOKEN_HEADER = 'x-widget-token';
const IS_WIDGET_WRITE = 'isWidgetWrite';
const IDENTITY = Symbol('widgetIdentity');

type WithIdentity = FastifyRequest & { [IDENTITY]?: WidgetIdentity | null };

/** Marks a widget route that writes shopper data: the token is mandatory there when WIDGET_REQUIRE_TOKEN=true. */
export const WidgetWrite = () => SetMetadata(IS_WIDGET_WRITE, true);

/** The identity a verified X-Widget-Token vouched for, or null when the request carried none. */
export const VerifiedWidget = createParamDecorator(
  (_: unknown, context: ExecutionContext): WidgetIdentity | null => context.switchToHttp().getRequest<WithIdentity>()[IDENTITY] ?? null,
);

/** Every string sessionId in a widget body: the body's own, or each analytics event's. */
function sessionIds(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { sessionId, events } = body as { sessionId?: unknown; events?: unknown };
  const nested = Array.isArray(events) ? events.map((e) => (e && typeof e === 'object' ? (e as { sessionId?: unknown }).sessionId : undefined)) : [];
  return [sessionId, ...nested].filter((s): s is string => typeof s === 'string');
}

/**
 * Verifies X-Widget-Token before anything is written (contract §7): a token that is present but
 * invalid, expired or issued for another session than the body's → 401. Without a token the
 * request goes on unverified, unless WIDGET_REQUIRE_TOKEN=true and the route writes.
 * A body that is not shaped right yet is left to validation (400): nothing is written either way.
 */
@Injectable()
export class WidgetTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: WidgetTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithIdentity>();
    const isWrite = this.reflector.get<boolean>(IS_WIDGET_WRITE, context.getHandler()) === true;
    // Node joins a repeated header with ", ", which no token verifies: only a string is looked at.
    const header = request.headers[WIDGET_TOKEN_HEADER];
    if (typeof header !== 'string' || header === '') {
      if (isWrite && this.verifier.required) throw invalidWidgetToken('This service requires an X-Widget-Token on widget writes.');
      request[IDENTITY] = null;
      return true;
    }
    const identity = await this.verifier.verify(header);
    if (isWrite && sessionIds(request.body).some((s) => s !== identity.sessionId)) {
      throw invalidWidgetToken('X-Widget-Token was issued for another widget session.');
    }
    request[IDENTITY] = identity;
    return true;
  }
}
