import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { mapException, sendProblem } from '../problem-details.filter';
import { isUnder } from '../http/route-config';
import { ProblemException } from '../problem';
import { FixedWindowThrottlerStorage } from '../rate-limit/fixed-window.storage';
import { PUBLIC_ROUTE } from './public.decorator';

const digest = (token: string) => createHash('sha256').update(token).digest();
const FAILURE_WINDOW_MS = 60_000;
const THROTTLER = 'auth-failures';

/**
 * The dashboard's bearer tokens. Compared as SHA-256 digests with timingSafeEqual against every
 * configured token, so neither the length nor the position of a match leaks through timing.
 */
class DashboardTokens {
  private readonly tokens: Buffer[];

  constructor(tokens: string[]) {
    this.tokens = tokens.map(digest);
  }

  /** The token of an `Authorization: Bearer <token>` header, or undefined. */
  static fromHeader(header: unknown): string | undefined {
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    return match?.[1];
  }

  accepts(token: string): boolean {
    const candidate = digest(token);
    let ok = false;
    for (const known of this.tokens) ok = timingSafeEqual(candidate, known) || ok;
    return ok;
  }
}

/** Routes anyone may call: @Public() handlers, CORS preflights, the dashboard page and (by default) the API docs. */
function isPublicRoute(route: RouteOptions, config: AppConfig): boolean {
  const path = route.url ?? '';
  return (
    (route.config as Record<string, unknown> | undefined)?.[PUBLIC_ROUTE] === true ||
    route.method === 'OPTIONS' ||
    isUnder(path, '/dashboard') ||
    (config.DOCS_PUBLIC && isUnder(path, '/docs'))
  );
}

/**
 * Every route is private unless it is public by isPublicRoute: a forgotten decorator fails closed.
 * The token is checked in the route's onRequest hook, before Fastify reads or parses the body, so
 * an anonymous caller costs no body parsing (and never gets a route's raised body limit). Each
 * failure counts against the client IP; past AUTH_FAILURES_PER_MINUTE every private request from
 * it is 429 with Retry-After for a minute, so tokens cannot be guessed at speed. Private answers
 * carry `Cache-Control: no-store`: they hold customer data. Must be added before the routes are.
 */
export function requireBearerTokens(fastify: FastifyInstance, config: AppConfig): void {
  const tokens = new DashboardTokens(config.DASHBOARD_API_TOKENS);
  const failures = new FixedWindowThrottlerStorage();

  // Answered here rather than thrown: routes of plugins (the API docs) have Fastify's own error handler.
  const refuse = (request: FastifyRequest, reply: FastifyReply, problem: ProblemException) => sendProblem(request, reply, mapException(problem));
  const authenticate: onRequestAsyncHookHandler = async (request, reply) => {
    const blocked = failures.blockedFor(request.ip, THROTTLER);
    if (blocked > 0) return refuse(request, reply, tooManyFailures(blocked));
    const token = DashboardTokens.fromHeader(request.headers.authorization);
    if (token !== undefined && tokens.accepts(token)) return;
    const record = await failures.increment(request.ip, FAILURE_WINDOW_MS, config.AUTH_FAILURES_PER_MINUTE, FAILURE_WINDOW_MS, THROTTLER);
    if (record.isBlocked) return refuse(request, reply, tooManyFailures(record.timeToBlockExpire));
    return refuse(
      request,
      reply,
      new ProblemException(401, 'A valid dashboard token is required: send Authorization: Bearer <token>.', {
        headers: { 'www-authenticate': token === undefined ? 'Bearer' : 'Bearer error="invalid_token"' },
      }),
    );
  };
  const noStore = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header('cache-control', 'no-store');
    return payload;
  };

  fastify.addHook('onRoute', (route) => {
    if (isPublicRoute(route, config)) return;
    route.onRequest = [...toArray(route.onRequest), authenticate];
    route.onSend = [...toArray(route.onSend), noStore];
  });
  fastify.addHook('onClose', async () => failures.stop());
}

function tooManyFailures(retryAfter: number): ProblemException {
  const seconds = String(Math.max(1, retryAfter));
  return new ProblemException(429, `Too many requests with a missing or wrong dashboard token from this address. Retry after ${seconds} s.`, {
    headers: { 'retry-after': seconds },
  });
}

const toArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
