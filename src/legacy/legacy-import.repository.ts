import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Collection, Row } from './legacy-documents';

/** A row to write with its position in the file: `seq` orders the documents, `line` is reported. */
export type NumberedRow = Row & { seq: number; line: number };

export type Outcome = 'imported' | 'present' | 'duplicate' | 'conflict';

export interface RowOutcome {
  seq: number;
  outcome: Outcome;
  /** Why a duplicate or conflicting document was not imported. */
  reason: string | null;
}

interface Target {
  table: string;
  /** Column → SQL type, as the batch's JSON is read with json_to_recordset. */
  columns: Record<string, string>;
  /** Extra condition a row needs to be inserted (alias `i`). */
  insertable?: string;
  /** Why a row with a new _id was still not inserted: a unique key taken (alias `i`; CTE `inserted`). */
  conflictReason: string;
}

const TARGETS: Record<Collection, Target> = {
  orders: {
    table: 'Order',
    columns: {
      legacyId: 'text', orderNumber: 'text', externalId: 'text', customerEmail: 'text', total: 'numeric',
      currency: 'text', status: 'text', placedAt: 'timestamptz', creatorCode: 'text',
    },
    insertable: `(i."creatorCode" IS NULL OR EXISTS (SELECT 1 FROM "Creator" c WHERE c."code" = i."creatorCode"))`,
    conflictReason: `CASE WHEN i."creatorCode" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Creator" c WHERE c."code" = i."creatorCode")
      THEN format('unknown creator code %s (create the creator, then import again)', i."creatorCode")
      WHEN EXISTS (SELECT 1 FROM "Order" o WHERE o."orderNumber" = i."orderNumber")
        OR EXISTS (SELECT 1 FROM inserted x WHERE x."orderNumber" = i."orderNumber")
      THEN format('duplicate order number %s: another order already has it', i."orderNumber")
      ELSE format('duplicate external id %s: another order already has it', i."externalId") END`,
  },
  csatFeedback: {
    table: 'CsatFeedback',
    columns: {
      legacyId: 'text', sessionId: 'text', rating: 'text', score: 'int', notes: 'text', intent: 'text',
      claimedOrderNumber: 'text', createdAt: 'timestamptz',
    },
    conflictReason: `'conflicts with an existing row'`,
  },
  capsuleHolds: {
    table: 'CapsuleHold',
    columns: {
      legacyId: 'text', reservationId: 'text', sessionId: 'text', customerEmail: 'text', customerName: 'text',
      shortlist: 'jsonb', status: 'text', claimedOrderNumber: 'text', reservedAt: 'timestamptz', expiresAt: 'timestamptz',
      cancelledAt: 'timestamptz', createdAt: 'timestamptz',
    },
    conflictReason: `format('duplicate reservationId %s: another capsule hold already has it', i."reservationId")`,
  },
  widgetOrderSubscriptions: {
    table: 'OrderSubscription',
    columns: {
      legacyId: 'text', sessionId: 'text', orderId: 'text', claimedOrderNumber: 'text', contactKey: 'text', email: 'text',
      phone: 'text', emailChannel: 'boolean', smsChannel: 'boolean', originIntent: 'text', subscribedAt: 'timestamptz',
      unsubscribedAt: 'timestamptz', createdAt: 'timestamptz',
    },
    conflictReason: `format('duplicate subscription: another one already has order number %s and contact %s', i."claimedOrderNumber", i."contactKey")`,
  },
  analyticsEvents: {
    table: 'AnalyticsEvent',
    columns: { legacyId: 'text', sessionId: 'text', name: 'text', occurredAt: 'timestamptz', metadata: 'jsonb' },
    conflictReason: `'conflicts with an existing row'`,
  },
};

/**
 * The import's writes. It keeps the `_id`s seen in this run in a session temp table, so a document
 * repeated in the file (a duplicate) is told apart from one a previous run imported (present):
 * the context that runs it must therefore use a single connection (createLegacyContext).
 */
@Injectable()
export class LegacyImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Forgets the _ids seen so far: each collection is checked for repeats on its own. */
  async startCollection(): Promise<void> {
    await this.prisma.$executeRaw`
      CREATE TEMP TABLE IF NOT EXISTS legacy_import_seen ("legacyId" text PRIMARY KEY, "seq" int NOT NULL, "line" int NOT NULL)`;
    await this.prisma.$executeRaw`TRUNCATE pg_temp.legacy_import_seen`;
  }

  /** Fresh planner statistics after a bulk load: the backfill's batch queries depend on them. */
  async analyze(collection: Collection): Promise<void> {
    await this.prisma.$executeRaw`ANALYZE ${Prisma.raw(`"${TARGETS[collection].table}"`)}`;
  }

  /**
   * Writes one batch in one statement: rows whose `_id` is new in this run and in the table are
   * inserted; every other row comes back with why not. Nothing existing is ever updated.
   */
  async insertBatch(collection: Collection, rows: NumberedRow[]): Promise<RowOutcome[]> {
    const { table, columns, insertable, conflictReason } = TARGETS[collection];
    const names = Object.keys(columns).map((c) => `"${c}"`).join(', ');
    const definitions = Object.entries(columns).map(([c, type]) => `"${c}" ${type}`).join(', ');
    return this.prisma.$queryRaw<RowOutcome[]>`
      WITH input AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS i("seq" int, "line" int, ${Prisma.raw(definitions)})
      ),
      first_seen AS (
        INSERT INTO pg_temp.legacy_import_seen ("legacyId", "seq", "line")
        SELECT "legacyId", "seq", "line" FROM input ORDER BY "seq"
        ON CONFLICT ("legacyId") DO NOTHING
        RETURNING "legacyId", "seq", "line"
      ),
      inserted AS (
        INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(names)})
        SELECT ${Prisma.raw(names)} FROM input i
        WHERE i."seq" IN (SELECT "seq" FROM first_seen) AND ${Prisma.raw(insertable ?? 'true')}
        ORDER BY i."seq"
        ON CONFLICT DO NOTHING
        RETURNING *
      ),
      outcomes AS (
        SELECT i.*, CASE
          WHEN i."seq" NOT IN (SELECT "seq" FROM first_seen) THEN 'duplicate'
          WHEN i."legacyId" IN (SELECT "legacyId" FROM inserted) THEN 'imported'
          WHEN EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}"`)} t WHERE t."legacyId" = i."legacyId") THEN 'present'
          ELSE 'conflict' END AS "outcome"
        FROM input i
      )
      SELECT i."seq", i."outcome", CASE i."outcome"
        WHEN 'duplicate' THEN 'duplicate: the same _id as line ' || (
          SELECT "line" FROM (SELECT "legacyId", "line" FROM first_seen UNION ALL SELECT "legacyId", "line" FROM pg_temp.legacy_import_seen) AS s
          WHERE s."legacyId" = i."legacyId" LIMIT 1)
        WHEN 'conflict' THEN ${Prisma.raw(conflictReason)}
        END AS "reason"
      FROM outcomes i ORDER BY i."seq"`;
  }
}
