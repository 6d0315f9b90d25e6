import type { Prisma } from '../generated/prisma/client';
import type { PrismaService } from './prisma.service';
import type { Db } from './transaction';

/**
 * The process's Prisma clients themselves, as opposed to the transaction clients made from them.
 * Identity is the only safe test: a transaction client is a proxy that also answers `pool` (and
 * every other property of the client), and the client is not `instanceof PrismaService` either
 * (Prisma's constructor returns a proxy).
 */
const clients = new WeakSet<object>();

export function registerClient(client: PrismaService): void {
  clients.add(client);
}

/**
 * Runs one statement built with Prisma.sql and returns its rows. On the client itself (no
 * transaction) it goes straight to the pg pool the client runs on: for the single-statement widget
 * writes the ORM's query pipeline cost more CPU than the statement itself (the service's CPU per
 * CSAT insert fell from about 760 to 460 µs; `npm run bench -- --only csat-insert` reports it).
 * Inside a transaction it runs on that transaction.
 * Rows come back with pg's default parsing, which for the types the callers select (text, int,
 * boolean, uuid, timestamptz, jsonb) is what Prisma returns too.
 */
export async function queryRows<T>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  if (clients.has(db)) return (await (db as PrismaService).pool.query(sql.text, sql.values)).rows as T[];
  return db.$queryRaw<T[]>(sql);
}
