import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** What one request came to: a response, or the network error that ended it. Never throws. */
export interface Outcome {
  startedAt: number;
  ms: number;
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** ECONNREFUSED, ECONNRESET, … or TIMEOUT, when no complete response arrived. */
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | object;
  /** A keep-alive agent, or none: a fresh connection for this request only. */
  agent?: http.Agent;
  timeoutMs?: number;
}

export function send(url: string, options: RequestOptions = {}): Promise<Outcome> {
  const { method = 'GET', agent, timeoutMs = 30_000 } = options;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers = { ...(body !== undefined && { 'content-type': 'application/json' }), ...options.headers };
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const done = (outcome: Omit<Outcome, 'startedAt' | 'ms'>) => resolve({ startedAt, ms: performance.now() - startedAt, ...outcome });
    const req = http.request(url, { method, headers, agent: agent ?? false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: text }));
      res.on('error', (err: NodeJS.ErrnoException) => done({ headers: res.headers, body: text, error: err.code ?? err.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => done({ headers: {}, body: '', error: err.code ?? err.message }));
    req.end(body);
  });
}

/**
 * A keep-alive agent that lets go of an idle connection before the server does. Node's agent
 * applies the server's `Keep-Alive: timeout=N` hint only when it has a timeout of its own; without
 * one it may reuse a connection at the moment the server closes it, and the request fails with
 * ECONNRESET although the service did nothing wrong.
 */
export const keepAliveAgent = () => new http.Agent({ keepAlive: true, timeout: 60_000 });

export const isProblemJson = (o: Outcome) => /^application\/problem\+json/.test(String(o.headers['content-type'] ?? ''));

/** What a response body must never show: stack frames, SQL, connection strings, driver internals. */
export const LEAK = /\bat [\w.<>$]+ \(|\.[jt]s:\d+:\d+|postgres(ql)?:\/\/|cluster-secret-pw|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|VALUES|SET|WHERE)\b|ECONNREFUSED|PrismaClient|\bP\d{4}\b|duplicate key|violates|relation "/i;
