import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../database/sql';
import { Db } from '../database/transaction';
import { linkTarget, LINK_COLUMNS } from './widget-link.sql';

export interface ShortlistItem {
  productId: string;
  variantId?: string;
  title?: string;
  size?: string;
  price?: string;
}

export interface NewCapsuleHold {
  reservationId: string;
  sessionId: string;
  customerEmail: string;
  customerName: string | null;
  shortlist: ShortlistItem[];
  holdHours: number;
  claimedOrderNumber: string | null;
  verified: boolean;
}

export interface CapsuleHoldRow {
  reservationId: string;
  status: string;
  reservedAt: Date;
  expiresAt: Date;
  shortlist: ShortlistItem[];
  claimedOrderNumber: string | null;
  orderNumber: string | null;
}

const COLUMNS = Prisma.raw(`"reservationId", "status", "reservedAt", "expiresAt", "shortlist", "claimedOrderNumber", "orderNumber"`);

@Injectable()
export class CapsuleRepository {
  async insert(db: Db, h: NewCapsuleHold): Promise<CapsuleHoldRow> {
    const [row] = await queryRows<CapsuleHoldRow>(db, Prisma.sql`
      INSERT INTO "CapsuleHold" ("reservationId", "sessionId", "customerEmail", "customerName", "shortlist", "expiresAt",
                                 "claimedOrderNumber", "verified", "orderNumber", "linkSource", "linkedAt")
      SELECT ${h.reservationId}, ${h.sessionId}, ${h.customerEmail}, ${h.customerName}, ${JSON.stringify(h.shortlist)}::jsonb,
             now() + ${h.holdHours}::int * interval '1 hour', ${h.claimedOrderNumber}, ${h.verified}::boolean, ${LINK_COLUMNS}
      ${linkTarget(h.claimedOrderNumber)}
      RETURNING ${COLUMNS}`);
    return row;
  }

  async findByReservationId(db: Db, reservationId: string): Promise<CapsuleHoldRow | null> {
    const rows = await queryRows<CapsuleHoldRow>(db, Prisma.sql`
      SELECT ${COLUMNS} FROM "CapsuleHold" WHERE "reservationId" = ${reservationId}`);
    return rows[0] ?? null;
  }

  /** Cancels the hold only while it is active and unexpired; null when it was not. */
  async cancelIfActive(db: Db, reservationId: string): Promise<CapsuleHoldRow | null> {
    const rows = await queryRows<CapsuleHoldRow>(db, Prisma.sql`
      UPDATE "CapsuleHold" SET "status" = 'cancelled', "cancelledAt" = now()
      WHERE "reservationId" = ${reservationId} AND "status" = 'active' AND "expiresAt" > now()
      RETURNING ${COLUMNS}`);
    return rows[0] ?? null;
  }
}
