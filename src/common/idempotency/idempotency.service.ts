import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PrismaService } from '../../database/prisma.service';
import { Db } from '../../database/transaction';
import { ProblemException } from '../problem';
import { IdempotencyRepository } from './idempotency.repository';

/** What a write answers: replayed verbatim for a repeated Idempotency-Key. */
export interface WriteResponse<T = unknown> {
  status: number;
  body: T;
}

export interface IdempotentRequest {
  /** The endpoint, so one key used on two endpoints means two requests. */
  scope: string;
  /** The Idempotency-Key header, when the client sent one. */
  key?: string;
  /** The request body as received (unknown fields included). */
  body: unknown;
}

const KEY_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;
const PURGE_BATCH = 5000;

/** Canonical JSON (sorted keys) so the same body hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a write with its Idempotency-Key in one transaction, stored in PostgreSQL (a write without
 * a key runs as it is):
 * the key is claimed, the write made and its response stored, all committed at once. A crash
 * leaves neither; a repeat replays the stored response; concurrent repeats wait on the claim.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyService.name);
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaService,
    private readonly keys: IdempotencyRepository,
  ) {}

  async execute<T>(
    request: IdempotentRequest,
    write: (db: Db) => Promise<WriteResponse<T>>,
  ): Promise<WriteResponse<T> & { replayed: boolean }> {
    const { scope, key } = request;
    // Without a key, each widget write is a single statement: no transaction to pay for.
    if (key === undefined) return { ...(await write(this.prisma)), replayed: false };
    if (key.length < 1 || key.length > 255) {
      throw new ProblemException(400, 'The Idempotency-Key header must be 1 to 255 characters.', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }],
      });
    }
    const hash = createHash('sha256').update(canonical(request.body)).digest('hex');

    const outcome = await this.prisma.$transaction(async (tx) => {
      if (!(await this.keys.claim(tx, scope, key, hash, KEY_TTL_MS))) {
        return { response: null, stored: await this.keys.find(tx, scope, key) };
      }
      const response = await write(tx);
      await this.keys.complete(tx, scope, key, response.status, response.body);
      return { response, stored: null };
    });
    if (outcome.response) return { ...outcome.response, replayed: false };

    const stored = outcome.stored;
    if (stored && stored.requestHash !== hash) {
      throw new ProblemException(422, 'This Idempotency-Key was already used with a different request body.');
    }
    if (!stored || stored.responseStatus === null) {
      // Only possible if the key expired and was purged between the two statements: ask for a retry.
      throw new ProblemException(409, 'A request with this Idempotency-Key is being processed. Retry shortly.', {
        headers: { 'retry-after': '1' },
      });
    }
    return { status: stored.responseStatus, body: stored.responseBody as T, replayed: true };
  }

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  /** Removes expired keys in batches so one purge never holds locks for long. */
  async purge(): Promise<number> {
    let total = 0;
    try {
      for (let n = PURGE_BATCH; n === PURGE_BATCH; total += n) n = await this.keys.purgeExpired(PURGE_BATCH);
      if (total > 0) this.logger.log(`purged ${total} expired idempotency keys`);
    } catch (err) {
      this.logger.warn(`idempotency key purge failed: ${(err as Error).message}`);
    }
    return total;
  }
}
