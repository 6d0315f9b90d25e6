import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { Db } from '../../database/transaction';
import { PrismaService } from '../../database/prisma.service';

export interface StoredKey {
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims (scope, key) in the caller's transaction, taking over a row whose 24 h have passed.
   * While another transaction holds an uncommitted claim of the same key, PostgreSQL makes this
   * INSERT wait for it: concurrent duplicates queue here and then see the committed answer.
   */
  async claim(tx: Prisma.TransactionClient, scope: string, key: string, requestHash: string, ttlMs: number): Promise<boolean> {
    const rows = await tx.$queryRaw<unknown[]>`
      INSERT INTO "IdempotencyKey" ("scope", "key", "requestHash", "expiresAt")
      VALUES (${scope}, ${key}, ${requestHash}, now() + ${ttlMs}::double precision * interval '1 millisecond')
      ON CONFLICT ("scope", "key") DO UPDATE
        SET "requestHash" = EXCLUDED."requestHash", "responseStatus" = NULL, "responseBody" = NULL,
            "createdAt" = now(), "completedAt" = NULL, "expiresAt" = EXCLUDED."expiresAt"
        WHERE "IdempotencyKey"."expiresAt" <= now()
      RETURNING 1`;
    return rows.length === 1;
  }

  async find(db: Db, scope: string, key: string): Promise<StoredKey | null> {
    const rows = await db.$queryRaw<StoredKey[]>`
      SELECT "requestHash", "responseStatus", "responseBody" FROM "IdempotencyKey"
      WHERE "scope" = ${scope} AND "key" = ${key}`;
    return rows[0] ?? null;
  }

  async complete(tx: Prisma.TransactionClient, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await tx.$executeRaw`
      UPDATE "IdempotencyKey" SET "responseStatus" = ${status}, "responseBody" = ${JSON.stringify(body)}::jsonb, "completedAt" = now()
      WHERE "scope" = ${scope} AND "key" = ${key}`;
  }

  /** Deletes up to `limit` expired keys; returns how many. */
  async purgeExpired(limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "IdempotencyKey" WHERE ctid IN (
        SELECT ctid FROM "IdempotencyKey" WHERE "expiresAt" <= now() LIMIT ${limit})`;
  }
}
