import { Injectable } from '@nestjs/common';
import { Db } from '../database/transaction';

export interface CreatorRow {
  code: string;
  name: string;
  /** numeric(6,5) as text: exact. */
  commissionRate: string;
}

@Injectable()
export class CreatorsRepository {
  /** Creates or updates the creator; `inserted` tells which (xmax is 0 only for a fresh row). */
  async upsert(db: Db, c: CreatorRow): Promise<CreatorRow & { inserted: boolean }> {
    const [row] = await db.$queryRaw<(CreatorRow & { inserted: boolean })[]>`
      INSERT INTO "Creator" ("code", "name", "commissionRate")
      VALUES (${c.code}, ${c.name}, ${c.commissionRate}::numeric)
      ON CONFLICT ("code") DO UPDATE SET "name" = EXCLUDED."name", "commissionRate" = EXCLUDED."commissionRate", "updatedAt" = now()
      RETURNING "code", "name", "commissionRate"::text AS "commissionRate", (xmax = 0) AS "inserted"`;
    return row;
  }

  async list(db: Db): Promise<CreatorRow[]> {
    return db.$queryRaw<CreatorRow[]>`
      SELECT "code", "name", "commissionRate"::text AS "commissionRate" FROM "Creator" ORDER BY "code"`;
  }

  /** Which of `codes` name an existing creator. */
  async existingCodes(db: Db, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db.$queryRaw<{ code: string }[]>`
      SELECT "code" FROM "Creator" WHERE "code" = ANY(${codes}::text[])`;
    return new Set(rows.map((r) => r.code));
  }
}
