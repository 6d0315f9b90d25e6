import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../database/sql';
import { Db } from '../database/transaction';
import { linkTarget, LINK_COLUMNS } from './widget-link.sql';

export interface NewCsat {
  sessionId: string;
  rating: string;
  score: number;
  notes: string | null;
  intent: string | null;
  claimedOrderNumber: string | null;
  verified: boolean;
}

export interface CsatRow {
  id: string;
  score: number;
  claimedOrderNumber: string | null;
  orderNumber: string | null;
  createdAt: Date;
}

@Injectable()
export class CsatRepository {
  /** Inserts one response, linked to its order when that order exists (one statement). */
  async insert(db: Db, c: NewCsat): Promise<CsatRow> {
    const [row] = await queryRows<CsatRow>(db, Prisma.sql`
      INSERT INTO "CsatFeedback" ("sessionId", "rating", "score", "notes", "intent", "claimedOrderNumber",
                                  "verified", "orderNumber", "linkSource", "linkedAt")
      SELECT ${c.sessionId}, ${c.rating}, ${c.score}::int, ${c.notes}, ${c.intent}, ${c.claimedOrderNumber}, ${c.verified}::boolean,
             ${LINK_COLUMNS}
      ${linkTarget(c.claimedOrderNumber)}
      RETURNING "id", "score", "claimedOrderNumber", "orderNumber", "createdAt"`);
    return row;
  }
}
