import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../problem';
import type { IdempotentRequest } from './idempotency.service';

/** The request as IdempotencyService needs it: the endpoint's scope, its Idempotency-Key and raw body. */
export const Idempotent = createParamDecorator((scope: string, context: ExecutionContext): IdempotentRequest => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  // Node joins repeated headers with ", ", which would make two keys one new key: refuse instead.
  const sent = request.raw.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'idempotency-key').length;
  if (sent > 1) {
    throw new ProblemException(400, 'Send the Idempotency-Key header once.', {
      errors: [{ field: 'Idempotency-Key', message: 'must be sent once' }],
    });
  }
  const key = request.headers['idempotency-key'];
  return { scope, key: Array.isArray(key) ? key[0] : key, body: request.body };
});
