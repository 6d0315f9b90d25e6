import type { FastifyInstance } from 'fastify';
import { MergeRouteConfig } from './route-config';

/**
 * Raises the request body limit of one route above the server-wide 16 KiB. On a private route the
 * body is read only after the bearer token was accepted (see bearer-auth.ts), so anonymous callers
 * never get the larger limit.
 */
export const BodyLimit = (bytes: number) => MergeRouteConfig({ bodyLimit: bytes });

/**
 * Nest hands a route's @RouteConfig to Fastify only as `config`; this onRoute hook copies
 * `config.bodyLimit` into the route's own `bodyLimit`, which Fastify's body parser honours over the
 * server's. It must be added before app.init() registers the routes.
 */
export function honourRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
