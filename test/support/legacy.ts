import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/database/prisma.service';
import { BackfillService } from '../../src/legacy/backfill.service';
import { ImportReport, RejectedDocument } from '../../src/legacy/import-report';
import { createLegacyContext } from '../../src/legacy/legacy.module';
import { ImportOptions, LegacyImportService } from '../../src/legacy/legacy-import.service';
import { createTestDatabase } from './test-database';

/** A realistic mongoexport of the old app: every strategy, ambiguity and kind of bad document. */
export const LEGACY_FIXTURE = path.join(__dirname, '..', 'fixtures', 'legacy');

export interface LegacyTest {
  context: INestApplicationContext;
  prisma: PrismaService;
  importer: LegacyImportService;
  backfill: BackfillService;
  close(): Promise<void>;
}

/**
 * The legacy commands' context, with creator ALEX10 present, on a fresh migrated database or on
 * `databaseUrl` (e.g. a test app's, which then owns the database).
 */
export async function startLegacyTest(databaseUrl?: string): Promise<LegacyTest> {
  const db = databaseUrl ? { url: databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const context = await createLegacyContext(loadConfig({ DATABASE_URL: db.url }));
  const prisma = context.get(PrismaService);
  await prisma.creator.create({ data: { code: 'ALEX10', name: 'Alex', commissionRate: '0.10' } });
  return {
    context,
    prisma,
    importer: context.get(LegacyImportService),
    backfill: context.get(BackfillService),
    async close() {
      await context.close();
      await db.drop();
    },
  };
}

/** Runs the import like the command does; returns the counts, the report file's entries and the console lines. */
export async function runImport(t: LegacyTest, dir = LEGACY_FIXTURE, options: Partial<ImportOptions> = {}) {
  const reportPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-report-')), 'report.jsonl');
  const printed: string[] = [];
  const report = new ImportReport(reportPath, (line) => printed.push(line));
  try {
    const counts = await t.importer.importDirectory(dir, { report, ...options });
    return { counts, rejected: readReport(reportPath), printed };
  } finally {
    await report.close();
  }
}

function readReport(file: string): RejectedDocument[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RejectedDocument);
}

/** legacyId → "ORDER-NUMBER by strategy" (or null) for every widget row: the link state to compare. */
export async function linkState(prisma: PrismaService): Promise<Record<string, string | null>> {
  const rows = await prisma.$queryRaw<{ legacyId: string; orderNumber: string | null; linkSource: string | null }[]>`
    SELECT "legacyId", "orderNumber", "linkSource" FROM "CsatFeedback"
    UNION ALL SELECT "legacyId", "orderNumber", "linkSource" FROM "CapsuleHold"
    UNION ALL SELECT "legacyId", "orderNumber", "linkSource" FROM "OrderSubscription"`;
  return Object.fromEntries(rows.map((r) => [r.legacyId, r.orderNumber && `${r.orderNumber} by ${r.linkSource}`]));
}

/** Every row of every table the legacy commands write, to show that something changed nothing. */
export async function databaseSnapshot(prisma: PrismaService): Promise<unknown> {
  return {
    orders: await prisma.order.findMany({ orderBy: { id: 'asc' } }),
    csat: await prisma.csatFeedback.findMany({ orderBy: { id: 'asc' } }),
    holds: await prisma.capsuleHold.findMany({ orderBy: { id: 'asc' } }),
    subscriptions: await prisma.orderSubscription.findMany({ orderBy: { id: 'asc' } }),
    events: await prisma.analyticsEvent.findMany({ orderBy: { id: 'asc' } }),
    progress: await prisma.backfillProgress.findMany(),
  };
}
