import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { isUnder } from './route-config';

type Directives = Record<string, string[]>;

/** API answers are data, never a page: nothing may load from them and nobody may frame them. */
const API_DIRECTIVES: Directives = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** Swagger UI at /docs: its own scripts and styles (it sets inline styles), the OpenAPI JSON, no framing. */
export const DOCS_DIRECTIVES: Directives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Security headers on every answer with @fastify/helmet: nosniff, no framing, no referrer, and a
 * CSP per kind of route (the dashboard's files set their own, stricter one in serve-dashboard.ts).
 * Registered before the routes, so the onRoute hook sees the Swagger UI routes.
 */
export async function secureHeaders(app: NestFastifyApplication, fastify: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
  });
  fastify.addHook('onRoute', (route) => {
    if (!isUnder(route.url ?? '', '/docs')) return;
    route.config = { ...(route.config as object), helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_DIRECTIVES } } } as typeof route.config;
  });
}
