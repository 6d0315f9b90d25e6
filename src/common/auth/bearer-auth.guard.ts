import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { ProblemException } from '../problem';
import { IS_PUBLIC } from './public.decorator';

const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * Every route is private unless marked @Public(): a forgotten decorator fails closed.
 * Tokens are compared as SHA-256 digests with timingSafeEqual against every configured token,
 * so neither the length nor the position of a match leaks through timing.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly tokens: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.tokens = config.DASHBOARD_API_TOKENS.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    if (match && this.accepts(match[1])) return true;
    throw new ProblemException(401, 'A valid dashboard token is required: send Authorization: Bearer <token>.', {
      headers: { 'www-authenticate': match ? 'Bearer error="invalid_token"' : 'Bearer' },
    });
  }

  private accepts(token: string): boolean {
    const candidate = digest(token);
    let ok = false;
    for (const known of this.tokens) ok = timingSafeEqual(candidate, known) || ok;
    return ok;
  }
}
