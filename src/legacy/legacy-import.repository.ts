import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { Db, lockOrderNumbers, orderLinkBucket } from '../database/transaction';
import type { Collection, Row } from './legacy-documents';

/** A row to write with its position in the file: `seq` orders the documents, `line` is reported. */
export type NumberedRow = Row & { seq: number; line: number };

export type Outcome = 'imported' | 'present' | 'duplicate' | 'conflict';

export interface RowOutcome {
  seq: number;
  outcome: Outcome;
  /** Why a duplicate or conflicting document was not imported. */
  reason: string | null;
  /** Widget rows this document linked: itself (a claim naming a known order), or, for an order, the claims waiting for it. */
  linked: number;
}

/**
 * What the import records in `linkSource` for the links it makes: the same evidence, a claimed
 * order number that names an existing order, as the backfill's `claimed` strategy.
 */
export const IMPORT_LINK_SOURCE = 'claimed';

interface Target {
  table: string;
  /** Column → SQL type, as the batch's JSON is read with json_to_recordset. */
  columns: Record<string, string>;
  /** Extra condition a row needs to be inserted (alias `i`). */
  insertable?: string;
  /** Why a row with a new _id was still not inserted: a unique key taken (alias `i`; CTE `inserted`). */
  conflictReason: string;
  /** How the batch links: a widget row by its claimed order number, an order by the claims waiting for it. */
  links?: 'claim' | 'order';
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
    links: 'order',
  },
  csatFeedback: {
    table: 'CsatFeedback',
    columns: {
      legacyId: 'text', sessionId: 'text', rating: 'text', score: 'int', notes: 'text', intent: 'text',
      claimedOrderNumber: 'text', createdAt: 'timestamptz',
    },
    conflictReason: `'conflicts with an existing row'`,
    links: 'claim',
  },
  capsuleHolds: {
    table: 'CapsuleHold',
    columns: {
      legacyId: 'text', reservationId: 'text', sessionId: 'text', customerEmail: 'text', customerName: 'text',
      shortlist: 'jsonb', status: 'text', claimedOrderNumber: 'text', reservedAt: 'timestamptz', expiresAt: 'timestamptz',
      cancelledAt: 'timestamptz', createdAt: 'timestamptz',
    },
    conflictReason: `format('duplicate reservationId %s: another capsule hold already has it', i."reservationId")`,
    links: 'claim',
  },
  widgetOrderSubscriptions: {
    table: 'OrderSubscription',
    columns: {
      legacyId: 'text', sessionId: 'text', orderId: 'text', claimedOrderNumber: 'text', contactKey: 'text', email: 'text',
      phone: 'text', emailChannel: 'boolean', smsChannel: 'boolean', originIntent: 'text', subscribedAt: 'timestamptz',
      unsubscribedAt: 'timestamptz', createdAt: 'timestamptz',
    },
    conflictReason: `format('duplicate subscription: another one already has order number %s and contact %s', i."claimedOrderNumber", i."contactKey")`,
    links: 'claim',
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
   * inserted; every other row comes back with why not. Nothing existing is ever updated, except
   * that the linking rule applies as rows are written: a widget row whose claimed order number
   * names a known order is linked to it, and an imported order links the widget rows that claimed
   * it. Both take the order numbers' advisory locks that the orders API and the widget take, so a
   * link is never missed when the API writes the order or the claim at the same moment:
   * - widget rows look their orders up with order_link_target, the widget's own function (lock,
   *   then a fresh look), called in ascending lock order so that it cannot deadlock with the
   *   orders API, which takes its locks in that order too; all in the one statement;
   * - orders take their locks first (lockOrderNumbers), then insert and link in a second
   *   statement of the same transaction, whose snapshot sees every claim committed before.
   */
  async insertBatch(collection: Collection, rows: NumberedRow[]): Promise<RowOutcome[]> {
    const target = TARGETS[collection];
    if (target.links !== 'order') return this.insertStatement(this.prisma, target, rows);
    const orderNumbers = [...new Set(rows.map((r) => r.orderNumber).filter((n): n is string => typeof n === 'string'))];
    return this.prisma.$transaction(async (tx) => {
      await lockOrderNumbers(tx, orderNumbers);
      return this.insertStatement(tx, target, rows);
    });
  }

  private insertStatement(db: Db, { table, columns, insertable, conflictReason, links }: Target, rows: NumberedRow[]): Promise<RowOutcome[]> {
    const names = Object.keys(columns).map((c) => `"${c}"`);
    const definitions = Object.entries(columns).map(([c, type]) => `"${c}" ${type}`).join(', ');
    const insertColumns = links === 'claim' ? [...names, '"orderNumber"', '"linkSource"', '"linkedAt"'] : names;
    const selected = Prisma.raw(names.map((c) => `i.${c}`).join(', '));
    const select =
      links === 'claim'
        ? Prisma.sql`SELECT ${selected}, k."orderNumber",
            CASE WHEN k."orderNumber" IS NOT NULL THEN ${IMPORT_LINK_SOURCE} END, CASE WHEN k."orderNumber" IS NOT NULL THEN now() END
          FROM input i LEFT JOIN known k ON k."claimed" = i."claimedOrderNumber"`
        : Prisma.sql`SELECT ${selected} FROM input i`;
    // The claims' orders, looked up once per number (MATERIALIZED) in ascending lock order: the
    // OFFSET 0 subquery keeps its sort below the calls. A claim is inserted only after its lookup,
    // so under its lock, which the statement holds until it commits.
    const known =
      links === 'claim'
        ? Prisma.sql`known AS MATERIALIZED (
            SELECT c."claimed", order_link_target(c."claimed") AS "orderNumber"
            FROM (SELECT DISTINCT "claimedOrderNumber" AS "claimed", ${orderLinkBucket('"claimedOrderNumber"')} AS "bucket"
                  FROM input WHERE "claimedOrderNumber" IS NOT NULL ORDER BY "bucket", "claimed" OFFSET 0) AS c
          ),`
        : Prisma.empty;
    return db.$queryRaw<RowOutcome[]>`
      WITH input AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS i("seq" int, "line" int, ${Prisma.raw(definitions)})
      ),
      ${known}
      first_seen AS (
        INSERT INTO pg_temp.legacy_import_seen ("legacyId", "seq", "line")
        SELECT "legacyId", "seq", "line" FROM input ORDER BY "seq"
        ON CONFLICT ("legacyId") DO NOTHING
        RETURNING "legacyId", "seq", "line"
      ),
      inserted AS (
        INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(insertColumns.join(', '))})
        ${select}
        WHERE i."seq" IN (SELECT "seq" FROM first_seen) AND ${Prisma.raw(insertable ?? 'true')}
        ORDER BY i."seq"
        ON CONFLICT DO NOTHING
        RETURNING *
      ),
      ${linkedCte(links)},
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
        END AS "reason",
        CASE WHEN i."outcome" = 'imported' THEN COALESCE(l."links", 0) ELSE 0 END::int AS "linked"
      FROM outcomes i LEFT JOIN (SELECT "legacyId", count(*) AS "links" FROM linked GROUP BY "legacyId") AS l ON l."legacyId" = i."legacyId"
      ORDER BY i."seq"`;
  }
}

/** Links an unlinked widget table's claims on the orders just inserted (CTE `inserted`). */
const linkClaimsIn = (table: string, touch = '') => Prisma.raw(`
  UPDATE "${table}" t SET "orderNumber" = t."claimedOrderNumber", "linkSource" = '${IMPORT_LINK_SOURCE}', "linkedAt" = now()${touch}
  FROM inserted x WHERE t."claimedOrderNumber" = x."orderNumber" AND t."orderNumber" IS NULL
  RETURNING x."legacyId"`);

/**
 * The CTE `linked`: one row per link the batch made, with the `legacyId` of the document that made
 * it. A widget row links itself when its claim names a known order; an order links the widget
 * rows (all three tables) that claimed it and were waiting for it.
 */
function linkedCte(links: Target['links']): Prisma.Sql {
  if (links === 'claim') return Prisma.sql`linked AS (SELECT "legacyId" FROM inserted WHERE "orderNumber" IS NOT NULL)`;
  if (links !== 'order') return Prisma.sql`linked AS (SELECT NULL::text AS "legacyId" WHERE false)`;
  return Prisma.sql`
    csat_linked AS (${linkClaimsIn('CsatFeedback')}),
    holds_linked AS (${linkClaimsIn('CapsuleHold')}),
    subscriptions_linked AS (${linkClaimsIn('OrderSubscription', ', "updatedAt" = now()')}),
    linked AS (SELECT "legacyId" FROM csat_linked UNION ALL SELECT "legacyId" FROM holds_linked UNION ALL SELECT "legacyId" FROM subscriptions_linked)`;
}
