import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IdempotentRequest } from './idempotency.service';

/** The request as IdempotencyService needs it: the endpoint's scope, its Idempotency-Key and raw body. */
export const Idempotent = createParamDecorator((scope: string, context: ExecutionContext): IdempotentRequest => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const key = request.headers['idempotency-key'];
  return { scope, key: Array.isArray(key) ? key[0] : key, body: request.body };
});
