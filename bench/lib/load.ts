import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body per request (so rows, sessions and order numbers vary). */
  body?: () => string;
  connections: number;
  durationS: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadFigures {
  requests: number;
  /** 2xx responses: the only ones counted as throughput. */
  ok: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  durationS: number;
  /** Successful requests per second. */
  reqPerSec: number;
  latencyMs: Latency;
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencyOf(samplesMs: number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/**
 * Loads `url` with autocannon (closed loop, `connections` keep-alive connections) and keeps every
 * response time, so percentiles are exact (autocannon itself reports no p95).
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { url, method = 'GET', headers = {}, body, connections, durationS } = options;
  const samples: number[] = [];
  const instance = autocannon({
    url,
    connections,
    duration: durationS,
    timeout: 30,
    method,
    headers,
    requests: [{ method, setupRequest: (request) => (body ? { ...request, body: body() } : request) }],
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => samples.push(responseTimeMs));
  const result = await instance;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok = Object.entries(statusCodes).reduce((n, [code, count]) => (code.startsWith('2') ? n + count : n), 0);
  return {
    requests: samples.length,
    ok,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    reqPerSec: Math.round(ok / result.duration),
    latencyMs: latencyOf(samples),
  };
}
