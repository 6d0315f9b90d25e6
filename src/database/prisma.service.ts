import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { PrismaClient } from '../generated/prisma/client';
import { registerClient } from './sql';

/**
 * The one Prisma client of the process, over a bounded pg pool: a dead database fails a request
 * after DB_CONNECTION_TIMEOUT_MS instead of queueing it forever (pg's default has no timeout).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  readonly pool: Pool;

  constructor(config: AppConfig) {
    const logger = new Logger(PrismaService.name);
    const pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: config.DB_POOL_MAX,
      connectionTimeoutMillis: config.DB_CONNECTION_TIMEOUT_MS,
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      // Client-side guard for a server that vanished without closing the socket.
      query_timeout: config.DB_STATEMENT_TIMEOUT_MS + 2000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'widget-data-service',
    });
    const warn = (err: Error) => logger.warn(`database connection error: ${err.message}`);
    // An idle connection killed by the server (restart, failover) must not crash the process.
    pool.on('error', warn);
    super({
      adapter: new PrismaPg(pool, { onConnectionError: warn }),
      transactionOptions: { maxWait: config.DB_CONNECTION_TIMEOUT_MS, timeout: config.DB_STATEMENT_TIMEOUT_MS },
    });
    this.pool = pool;
    registerClient(this);
  }

  // After the HTTP server has drained (Nest closes it before shutdown hooks), not before.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
