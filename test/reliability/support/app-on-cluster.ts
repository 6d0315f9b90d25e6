import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { NodeProcess, startNodeProcess } from '../../../bench/lib/service-process';
import { createApp } from '../../../src/app.factory';
import { loadConfig } from '../../../src/config/app-config';
import { DisposableCluster } from './disposable-cluster';

export const TOKEN = 'reliability-dashboard-token';
export const ALLOWED_ORIGIN = 'https://shop.example';

export interface AppOnCluster {
  cluster: DisposableCluster;
  app: NestFastifyApplication;
  fastify: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real application in this process (so the suite can also inspect the process itself, e.g.
 * for prototype pollution) on a freshly migrated database of its own disposable cluster.
 */
export async function appOnCluster(): Promise<AppOnCluster> {
  const cluster = await DisposableCluster.create();
  const databaseUrl = await cluster.createDatabase('wds');
  const app = await createApp(
    loadConfig({
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      DASHBOARD_API_TOKENS: TOKEN,
      WIDGET_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      WIDGET_RATE_LIMIT_PER_MINUTE: '100000',
      // The suite tries many wrong tokens on purpose; the failure limit has its own e2e test.
      AUTH_FAILURES_PER_MINUTE: '100000',
    }),
  );
  return {
    cluster,
    app,
    fastify: app.getHttpAdapter().getInstance() as unknown as FastifyInstance,
    async close() {
      await app.close();
      await cluster.destroy();
    },
  };
}

export interface ServiceOnCluster {
  cluster: DisposableCluster;
  service: NodeProcess;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The compiled service as its own process (`node dist/src/main.js`) on its own cluster. */
export async function serviceOnCluster(env: Record<string, string> = {}): Promise<ServiceOnCluster> {
  const cluster = await DisposableCluster.create();
  const databaseUrl = await cluster.createDatabase('wds');
  const service = await startNodeProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', WIDGET_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  return {
    cluster,
    service,
    databaseUrl,
    async close() {
      await service.stop('SIGKILL');
      await cluster.destroy();
    },
  };
}

/** Rows per widget table (and stored Idempotency-Keys), to prove what a run did and did not write. */
export async function widgetRowCounts(cluster: DisposableCluster): Promise<Record<string, number>> {
  const tables = ['CsatFeedback', 'CapsuleHold', 'OrderSubscription', 'AnalyticsEvent', 'IdempotencyKey'];
  const [counts] = await cluster.query<Record<string, number>>(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(', ')}`, [], 'wds');
  return counts;
}
