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
    // A connection killed by the server (crash, restart, failover) must never crash the process,
    // whoever holds it: pg-pool listens to a connection only while it is idle in the pool, and
    // anything holding one between statements (an interactive transaction, a lock holder) would
    // leave its error unheard. So every connection gets a listener for its whole life and logs its
    // first error; the pool's and the adapter's own listeners stay silent to log it once. The
    // statement that next uses the connection fails and the global filter answers 503.
    pool.on('connect', (client) => {
      let logged = false;
      client.on('error', (err: Error) => {
        if (!logged) logger.warn(`database connection error: ${err.message}`);
        logged = true;
      });
    });
    pool.on('error', () => undefined);
    super({
      adapter: new PrismaPg(pool),
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
