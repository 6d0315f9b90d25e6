import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config';

/**
 * Fastify's defaults never drop a slow or silent client (requestTimeout and connectionTimeout are
 * 0), so a few hundred sockets that trickle bytes hold the server's memory and file descriptors.
 * These options bound how long a request may take to arrive and how long a connection may idle.
 */
export function serverLimitOptions(config: AppConfig): FastifyHttpOptions<Server> {
  return {
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
      // Node checks the request and headers timeouts only this often (default 30 s): a tenth of the
      // shorter one keeps a late drop within 10 % of the configured time.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.HTTP_HEADERS_TIMEOUT_MS / 10))),
    },
  };
}

/** Connections beyond the cap are closed by Node as soon as they are accepted. */
export function capConnections(fastify: FastifyInstance, config: AppConfig): void {
  fastify.server.maxConnections = config.HTTP_MAX_CONNECTIONS;
}
