import type { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem';

const draining = new WeakSet<FastifyInstance>();

/**
 * From now on every new request is refused. Called at SIGTERM, before the orderly close begins:
 * the listener closes only after Nest's shutdown hooks have run, and a request accepted meanwhile
 * must not start work the drain then waits for.
 */
export function startDraining(fastify: FastifyInstance): void {
  draining.add(fastify);
}

/**
 * While the server drains (SIGTERM → app.close()), a request that still arrives on a kept-alive
 * connection is refused as problem+json 503 with Retry-After and `Connection: close`, like every
 * other error (contract §1). Fastify's own return503OnClosing answers plain JSON, so it is off.
 */
export function refuseWhileClosing(fastify: FastifyInstance): void {
  fastify.addHook('preClose', async () => {
    draining.add(fastify);
  });
  fastify.addHook('onRequest', async (_request, reply) => {
    if (!draining.has(fastify)) return;
    return reply
      .code(503)
      .headers({ 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '5', connection: 'close' })
      .send(problem(503, 'The service is shutting down. Retry shortly.'));
  });
}
