import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig, trustProxySetting } from './config/app-config';
import { requireBearerTokens } from './common/auth/bearer-auth';
import { refuseWhileClosing } from './common/http/refuse-while-closing';
import { honourRouteBodyLimits } from './common/http/route-body-limit';
import { secureHeaders } from './common/http/security-headers';
import { capConnections, serverLimitOptions } from './common/http/server-limits';
import { requestId } from './common/request-id';
import { RequestValidationPipe } from './common/validation/validation-pipe';
import { serveDashboard } from './dashboard/serve-dashboard';

/** Contract §1: bodies over 16 KiB are refused with 413. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** Builds the fully configured application (used by main.ts and by the e2e tests alike). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxySetting(config),
    genReqId: requestId,
    // Refused as problem+json instead (refuseWhileClosing): Fastify's own 503 is plain JSON.
    return503OnClosing: false,
    ...serverLimitOptions(config),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // JSON only (contract §7): Nest would add a form-urlencoded parser, which browsers can send
    // cross-site without a CORS preflight. Fastify's own JSON parser is the only one left.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableCors({
    origin: config.WIDGET_ALLOWED_ORIGINS.includes('*') ? '*' : config.WIDGET_ALLOWED_ORIGINS,
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key', 'X-Request-Id', 'X-Widget-Token', 'X-Subscription-Token'],
    exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
    maxAge: 600,
  });

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: any other body type is answered 415 instead of reaching a handler as a string.
  fastify.removeContentTypeParser(['text/plain']);
  capConnections(fastify, config);
  await secureHeaders(app, fastify);
  requireBearerTokens(fastify, config);
  honourRouteBodyLimits(fastify);
  refuseWhileClosing(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Widget data service')
      .setDescription('Support widget (public) and merchant dashboard (private, bearer token) API. Errors are RFC 9457 problem+json.')
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json', raw: ['json'] });
  await serveDashboard(app);

  await app.init();
  await fastify.ready();
  return app;
}
