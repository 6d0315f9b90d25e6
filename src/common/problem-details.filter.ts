import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseError } from 'pg';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { Prisma } from '../generated/prisma/client';
import { FieldError, problem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ProblemDetails, ProblemException } from './problem';

interface Mapped {
  body: ProblemDetails;
  headers?: Record<string, string>;
}

// Prisma's known request errors that are the client's fault, and what they mean to an API user.
const PRISMA_CODES: Record<string, [number, string]> = {
  P2000: [400, 'A value is too long for its field.'],
  P2002: [409, 'A record with the same unique value already exists.'],
  P2003: [422, 'The request refers to a record that does not exist.'],
  P2025: [404, 'The record does not exist.'],
};

// PostgreSQL errors that are the client's fault, by SQLSTATE: from raw queries through Prisma
// (P2010) or straight from the pg pool (src/database/sql.ts).
const SQLSTATE_CODES: Record<string, [number, string]> = {
  '23505': [409, 'A record with the same unique value already exists.'],
  '23503': [422, 'The request refers to a record that does not exist.'],
  '23514': [422, 'The request breaks a rule of the stored data.'],
  '22001': [400, 'A value is too long for its field.'],
};

/** How a database failure shows: error codes (Prisma's, SQLSTATE), driver adapter error kinds, messages. */
interface Signs {
  codes: string[];
  kinds: string[];
  messages: string[];
}

// The database failures raised before any statement of the request reached the database (no
// connection, none free in time, no transaction begun, or one rolled back): nothing was written.
const NOTHING_SENT: Signs = {
  codes: ['P1001', 'P1002', 'P1017', 'P2024', 'P2028', '57P03', '08001', '08004', '53300'],
  kinds: ['DatabaseNotReachable', 'TooManyConnections', 'TransactionAlreadyClosed'],
  messages: [
    'ECONNREFUSED',
    'timeout exceeded when trying to connect',
    'the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)',
    "Can't reach database",
    'DatabaseNotReachable',
    'Too many database connections',
    'Unable to start a transaction',
    'Transaction already closed',
  ],
};

// The other failures of an unreachable, overloaded or stalled database: a write may have been
// sent, so its outcome is unknown. The adapter's kinds matter because Prisma sometimes rethrows
// the adapter's error as it is (e.g. a connection reset during COMMIT), its message only the kind.
const MAYBE_SENT: Signs = {
  codes: ['P1\\d{3}', 'P2037', '57P0[1-3]', '57014', '08\\d{3}'],
  kinds: ['ConnectionClosed', 'SocketTimeout'],
  messages: [
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'Connection terminated',
    'server closed the connection',
    'terminating connection',
    'Client (has encountered a connection error|was closed) and is not queryable',
    'Query read timeout',
    'statement timeout',
  ],
};

interface Matcher {
  codes: RegExp;
  kinds: RegExp;
  messages: RegExp;
}

const matcher = (...sets: Signs[]): Matcher => ({
  codes: new RegExp(`^(${sets.flatMap((s) => s.codes).join('|')})$`),
  kinds: new RegExp(`^(${sets.flatMap((s) => s.kinds).join('|')})$`),
  messages: new RegExp(sets.flatMap((s) => s.messages).join('|'), 'i'),
});

// Unavailable: answer 503 so clients retry. Nothing written: the 503 says a retry is always safe.
const UNAVAILABLE = matcher(NOTHING_SENT, MAYBE_SENT);
const NOTHING_WRITTEN = matcher(NOTHING_SENT);

/** What the filter knows of the request beside the error. */
export interface RequestContext {
  /** A method that writes (not GET, HEAD or OPTIONS). */
  write: boolean;
  /** The request carried an Idempotency-Key. */
  keyed: boolean;
}

// Fastify's own request errors (body parsing, content type), by code.
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Send the body as application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is larger than the limit of this endpoint.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty but the content type says JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The Content-Length header does not match the body.'],
};

/**
 * The one place where errors become HTTP answers: RFC 9457 problem+json for everything, with
 * field errors for validation, Prisma and Fastify errors mapped to 4xx, database outages to 503,
 * and nothing internal (stack, SQL, connection strings) in a 5xx body.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger('HttpError') private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, headers } = mapException(exception, {
      write: !['GET', 'HEAD', 'OPTIONS'].includes(request.method),
      keyed: request.headers['idempotency-key'] !== undefined,
    });
    if (body.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id, url: request.url }, `${body.status} ${describe(exception)}`);
    }
    if (reply.sent) return;
    void sendProblem(request, reply, { body, headers });
  }
}

/**
 * Sends a mapped problem with the request's path and id. Also used by hooks that answer before
 * a route runs (bearer auth), so their answers look like every other error.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, { body, headers }: Mapped): FastifyReply {
  body.instance = request.url?.split('?')[0];
  body.requestId = request.id;
  return reply.status(body.status).headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE }).send(body);
}

export function mapException(exception: unknown, request: RequestContext = { write: false, keyed: false }): Mapped {
  if (exception instanceof ProblemException) {
    return {
      body: problem(exception.status, exception.message, {
        ...exception.extensions,
        ...(exception.errors ? { errors: exception.errors } : {}),
      }),
      headers: exception.headers,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  const prismaCode = exception instanceof Prisma.PrismaClientKnownRequestError ? exception.code : '';
  const known = PRISMA_CODES[prismaCode] ?? SQLSTATE_CODES[sqlState(exception) ?? ''];
  if (known) return { body: problem(known[0], known[1]) };
  if (isUnavailable(exception)) return { body: unavailable(exception, request), headers: { 'retry-after': '5' } };
  const fastify = fastifyError(exception);
  if (fastify) return { body: fastify };
  return { body: problem(500, 'An unexpected error occurred. It has been logged with this requestId.') };
}

function fromHttpException(exception: HttpException): Mapped {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail = exception.message;
  let errors: FieldError[] | undefined;
  if (typeof response === 'object' && response !== null) {
    const r = response as { message?: unknown; errors?: FieldError[] };
    if (Array.isArray(r.message)) errors = r.message.map((m) => ({ field: '', message: String(m) }));
    else if (typeof r.message === 'string') detail = r.message;
    if (Array.isArray(r.errors)) errors = r.errors;
  }
  if (status === 404 && /^Cannot \w+ /.test(detail)) detail = 'No such route.';
  // Fastify's content-type errors reach here re-wrapped by Nest (code lost): say what is accepted.
  if (status === 415) detail = FASTIFY_CODES.FST_ERR_CTP_INVALID_MEDIA_TYPE[1];
  return { body: problem(status, status >= 500 ? 'An unexpected error occurred.' : detail, errors ? { errors } : {}) };
}

/** The SQLSTATE behind a database error: as the pg driver adapter reports it under Prisma, or pg's own. */
function sqlState(e: unknown): string | undefined {
  if (e instanceof DatabaseError) return e.code;
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const cause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause;
  return typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
}

function fastifyError(exception: unknown): ProblemDetails | undefined {
  const e = exception as { code?: unknown; statusCode?: unknown };
  if (typeof e?.code === 'string' && FASTIFY_CODES[e.code]) {
    const [status, detail] = FASTIFY_CODES[e.code];
    return problem(status, detail);
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return problem(e.statusCode, 'The request could not be processed.');
  }
  return undefined;
}

export function isUnavailable(exception: unknown): boolean {
  return someCause(exception, UNAVAILABLE);
}

/** Whether the error (or one of its causes) matches by code, by driver adapter error kind, by message, or is Prisma's failure to connect. */
function someCause(exception: unknown, { codes, kinds, messages }: Matcher): boolean {
  for (let e: unknown = exception, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const err = e as { code?: unknown; message?: unknown; name?: unknown; kind?: unknown };
    if (typeof err.code === 'string' && codes.test(err.code)) return true;
    // A DriverAdapterError's cause is the adapter's description of the failure, e.g. { kind: 'ConnectionClosed' }.
    if (typeof err.kind === 'string' && kinds.test(err.kind)) return true;
    // Prisma reports some server refusals under its own code (P2039) with the SQLSTATE in meta.
    if (codes.test(sqlState(e) ?? '')) return true;
    if (err.name === 'PrismaClientInitializationError') return true;
    if (typeof err.message === 'string' && messages.test(err.message)) return true;
  }
  return false;
}

/**
 * A 503 that tells the truth about a write: nothing written (retry freely), or sent with no answer
 * (stored or not: only a retry with the same Idempotency-Key is safe).
 */
function unavailable(exception: unknown, request: RequestContext): ProblemDetails {
  if (!request.write || someCause(exception, NOTHING_WRITTEN)) {
    return problem(503, `The database is unavailable${request.write ? '; nothing was written' : ''}. Retry shortly.`);
  }
  return problem(
    503,
    request.keyed
      ? 'The database stopped answering after this write was sent: it may or may not have been stored. Retrying with the same Idempotency-Key and body is safe: a stored write is answered as it was, a lost one is made once.'
      : 'The database stopped answering after this write was sent: it may or may not have been stored, and retrying it may store it twice. Send an Idempotency-Key with every write so that a retry is always safe.',
    { type: PROBLEM_TYPES.writeOutcomeUnknown, title: 'Write outcome unknown' },
  );
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
