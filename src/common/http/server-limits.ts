import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem';

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
    clientErrorHandler: answerClientError,
  };
}

// Node's codes for a request that did not arrive in time, and for headers over its size limit.
const CLIENT_ERRORS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request did not arrive in full in time.'],
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large.'],
};

/**
 * A request Node itself refuses before Fastify sees it (timed out, unparsable, headers too large)
 * is answered as problem+json like every other error, then its connection is closed. Fastify's
 * default does the same with a plain JSON body.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Connections beyond the cap are closed by Node as soon as they are accepted. */
export function capConnections(fastify: FastifyInstance, config: AppConfig): void {
  fastify.server.maxConnections = config.HTTP_MAX_CONNECTIONS;
}
