import type { FastifyReply } from 'fastify';
import type { WriteResponse } from '../idempotency/idempotency.service';

/** Sends a write's status, marking a replayed Idempotency-Key answer as such. */
export function respond<T>(reply: FastifyReply, result: WriteResponse<T> & { replayed: boolean }): T {
  reply.status(result.status);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return result.body;
}
