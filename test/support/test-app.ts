import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase } from './test-database';

export const TEST_TOKEN = 'test-dashboard-token';
export const WIDGET_ORIGIN = 'https://shop.example';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  prisma: PrismaService;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The real application on its own freshly migrated database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DASHBOARD_API_TOKENS: TEST_TOKEN,
    WIDGET_ALLOWED_ORIGINS: WIDGET_ORIGIN,
    WIDGET_RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_FAILURES_PER_MINUTE: '100000',
    ...env,
  });
  const app = await createApp(config);
  return {
    app,
    http: app.getHttpServer(),
    prisma: app.get(PrismaService),
    config,
    databaseUrl: db.url,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
