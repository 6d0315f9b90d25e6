import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../problem';

/**
 * Per-client-IP rate limit (the IP Fastify derives, honouring TRUST_PROXY) answered as problem+json.
 * One budget per IP across every widget endpoint, as documented: the library's default key also
 * names the route, which gave an IP the limit once per endpoint.
 */
@Injectable()
export class WidgetThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = String(Math.max(1, detail.timeToBlockExpire));
    throw new ProblemException(429, `Too many requests: at most ${detail.limit} per minute. Retry after ${retryAfter} s.`, {
      headers: { 'retry-after': retryAfter },
    });
  }
}
