import { Prisma } from '../generated/prisma/client';

/** The linking strategies, strongest evidence first; each is also the `linkSource` it records. */
export const STRATEGIES = ['claimed', 'order_id', 'analytics', 'email', 'session'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface WidgetTable {
  name: 'CsatFeedback' | 'CapsuleHold' | 'OrderSubscription';
  /** The shopper's email column, for the email strategy. */
  email: string | null;
  /** Whether rows carry the legacy shop `orderId`. */
  orderId: boolean;
}

export const WIDGET_TABLES: WidgetTable[] = [
  { name: 'CsatFeedback', email: null, orderId: false },
  { name: 'CapsuleHold', email: 'customerEmail', orderId: false },
  { name: 'OrderSubscription', email: 'email', orderId: true },
];

export interface Windows {
  /** email: the order was placed within this many days of the row. */
  windowDays: number;
  /** session: the linked sibling row was written within this many hours of the row. */
  sessionWindowHours: number;
}

/**
 * Which unlinked rows a strategy examines (alias `t`), or null when it does not apply to the table.
 * A row that claims an order number is left to the claim alone: it names its order, and no weaker
 * evidence may link it elsewhere (the orders API links it when that order arrives).
 */
export function scope(strategy: Strategy, table: WidgetTable): string | null {
  const unclaimed = `t."claimedOrderNumber" IS NULL`;
  switch (strategy) {
    case 'claimed':
      return `t."claimedOrderNumber" IS NOT NULL`;
    case 'order_id':
      return table.orderId ? `${unclaimed} AND t."orderId" IS NOT NULL` : null;
    case 'email':
      return table.email ? `${unclaimed} AND t."${table.email}" IS NOT NULL` : null;
    case 'analytics':
    case 'session':
      return unclaimed;
  }
}

/** The columns every strategy reads, the same for each table: id, sessionId, claim, time, email, orderId. */
export function batchColumns(table: WidgetTable): Prisma.Sql {
  return Prisma.raw(
    `t."id", t."sessionId", t."claimedOrderNumber", t."createdAt" AS "at", ` +
      `${table.email ? `t."${table.email}"` : 'NULL::text'} AS "email", ${table.orderId ? 't."orderId"' : 'NULL::text'} AS "orderId"`,
  );
}

// The order number an analytics event names, normalised like normaliseOrderNumber.
const EVENT_ORDER_NUMBER = `btrim(regexp_replace(upper(btrim(e."metadata"->>'orderNumber', E' \\t\\r\\n')), '^#', ''), E' \\t\\r\\n')`;

const SIBLING_TABLES = WIDGET_TABLES.map((t) => t.name);

/** Candidate orders `("id", "orderNumber")` for the rows of the CTE `source` (same columns as batchColumns). */
export function candidates(strategy: Strategy, source: string, windows: Windows): Prisma.Sql {
  const s = Prisma.raw(source);
  switch (strategy) {
    case 'claimed':
      return Prisma.sql`SELECT s."id", o."orderNumber" FROM ${s} s JOIN "Order" o ON o."orderNumber" = s."claimedOrderNumber"`;
    case 'order_id':
      // The shop's id, or the Mongo _id of an imported legacy order.
      return Prisma.sql`SELECT s."id", o."orderNumber" FROM ${s} s JOIN "Order" o ON o."externalId" = s."orderId"
        UNION SELECT s."id", o."orderNumber" FROM ${s} s JOIN "Order" o ON o."legacyId" = s."orderId"`;
    case 'analytics':
      return Prisma.sql`SELECT s."id", o."orderNumber" FROM ${s} s
        JOIN "AnalyticsEvent" e ON e."sessionId" = s."sessionId"
        JOIN "Order" o ON o."orderNumber" = ${Prisma.raw(EVENT_ORDER_NUMBER)}`;
    case 'email':
      return Prisma.sql`SELECT s."id", o."orderNumber" FROM ${s} s JOIN "Order" o ON o."customerEmail" = s."email"
        AND o."placedAt" BETWEEN s."at" - make_interval(days => ${windows.windowDays}::int)
                             AND s."at" + make_interval(days => ${windows.windowDays}::int)`;
    case 'session': {
      // Only siblings linked by stronger evidence: links never chain from one session link to the next.
      const within = Prisma.sql`BETWEEN s."at" - make_interval(hours => ${windows.sessionWindowHours}::int)
                                    AND s."at" + make_interval(hours => ${windows.sessionWindowHours}::int)`;
      const siblings = SIBLING_TABLES.map(
        (name) => Prisma.sql`SELECT x."orderNumber" FROM ${Prisma.raw(`"${name}"`)} x
          WHERE x."sessionId" = s."sessionId" AND x."createdAt" ${within}
            AND x."orderNumber" IS NOT NULL AND x."linkSource" <> 'session'`,
      );
      return Prisma.sql`SELECT s."id", sibling."orderNumber" FROM ${s} s
        CROSS JOIN LATERAL (${Prisma.join(siblings, ' UNION ALL ')}) AS sibling`;
    }
  }
}
