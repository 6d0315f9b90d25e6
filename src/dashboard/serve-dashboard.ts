import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';
import { projectRoot } from '../database/migrate';

/** Plain HTML/CSS/JS modules: nothing to build, so the folder is served as it is in the repository. */
export const DASHBOARD_DIR = path.join(projectRoot(), 'public', 'dashboard');

/**
 * Only the page's own files run, and API strings can never become markup or script: no inline
 * code, no third-party origins, no framing, no forms posted elsewhere.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The reference dashboard at /dashboard/ (/dashboard redirects there, so relative URLs work).
 * Public like any web page: the page asks for the token and sends it to the private API itself.
 * Raw Fastify routes; common/auth/bearer-auth.ts lists /dashboard among the public paths.
 */
export async function serveDashboard(app: NestFastifyApplication): Promise<void> {
  // What the page shows as its headline: with widget tokens configured, the verified figures.
  // Public like the page itself; it says nothing about any shop's data.
  const settings = { verifiedHeadline: app.get(AppConfig).WIDGET_TOKEN_SECRETS.length > 0 };
  app.getHttpAdapter().getInstance().get('/dashboard/settings.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return settings;
  });
  await app.register(fastifyStatic, {
    root: DASHBOARD_DIR,
    prefix: '/dashboard',
    redirect: true,
    // Swagger's /docs registered @fastify/static first and decorated the reply already.
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply) =>
      reply.headers({
        'content-security-policy': DASHBOARD_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // Revalidate each load so a deployment's new page and scripts are picked up together.
        'cache-control': 'no-cache',
      }),
  });
}
