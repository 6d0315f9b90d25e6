import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../problem';

/** Per-client-IP rate limit (the IP Fastify derives, honouring TRUST_PROXY) answered as problem+json. */
@Injectable()
export class WidgetThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = String(Math.max(1, detail.timeToBlockExpire));
    throw new ProblemException(429, `Too many requests: at most ${detail.limit} per minute. Retry after ${retryAfter} s.`, {
      headers: { 'retry-after': retryAfter },
    });
  }
}
