import type { Prisma } from '../generated/prisma/client';
import type { PrismaService } from './prisma.service';
import type { Db } from './transaction';

/**
 * Runs one statement built with Prisma.sql and returns its rows. Outside a transaction it goes
 * straight to the pg pool the Prisma client runs on: for the single-statement widget writes the
 * ORM's query pipeline cost more than the statement itself (`npm run bench -- --only csat-insert`:
 * about 1.5× the throughput). Inside a transaction it runs on that transaction's connection.
 * Rows come back with pg's default parsing, which for the types the callers select (text, int,
 * boolean, uuid, timestamptz, jsonb) is what Prisma returns too.
 */
export async function queryRows<T>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  if (isClient(db)) return (await db.pool.query(sql.text, sql.values)).rows as T[];
  return db.$queryRaw<T[]>(sql);
}

// Not `instanceof PrismaService`: the Prisma client's constructor returns a proxy whose prototype
// is not the subclass's. Only the client has the pool; a transaction client does not.
const isClient = (db: Db): db is PrismaService => 'pool' in db;
