import type { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem';

/**
 * While the server drains (SIGTERM → app.close()), a request that still arrives on a kept-alive
 * connection is refused as problem+json 503 with Retry-After and `Connection: close`, like every
 * other error (contract §1). Fastify's own return503OnClosing answers plain JSON, so it is off.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    return reply
      .code(503)
      .headers({ 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '5', connection: 'close' })
      .send(problem(503, 'The service is shutting down. Retry shortly.'));
  });
}
