import { Injectable } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { readExport } from './export-reader';
import { ImportReport } from './import-report';
import { Collection, COLLECTIONS, mapDocument } from './legacy-documents';
import { LegacyImportRepository, NumberedRow } from './legacy-import.repository';

export interface CollectionCounts {
  collection: Collection;
  /** False when the directory has no `<collection>.json`. */
  found: boolean;
  read: number;
  imported: number;
  present: number;
  rejected: number;
  /**
   * Widget rows linked by the linking rule as this collection was written: claims naming a known
   * order (widget collections), or claims that were waiting for an imported order (orders).
   */
  linked: number;
}

export interface ImportOptions {
  report: ImportReport;
  batchSize?: number;
  /** Called after every batch (progress); the import stops at the next batch once `signal` aborts. */
  onBatch?: (counts: CollectionCounts) => void;
  signal?: AbortSignal;
}

/**
 * Imports a directory of `mongoexport` files, orders first. Streams each file and writes it in
 * batches, one statement per batch; reading waits while a batch is being written, so memory stays
 * flat however large the file. A document that cannot be imported is reported
 * and the run goes on; only a fatal error (database down, unreadable file) stops it.
 */
@Injectable()
export class LegacyImportService {
  constructor(
    private readonly repository: LegacyImportRepository,
    private readonly config: AppConfig,
  ) {}

  async importDirectory(dir: string, options: ImportOptions): Promise<CollectionCounts[]> {
    const results: CollectionCounts[] = [];
    for (const collection of COLLECTIONS) results.push(await this.importCollection(dir, collection, options));
    return results;
  }

  private async importCollection(dir: string, collection: Collection, options: ImportOptions): Promise<CollectionCounts> {
    const { report, batchSize = 1000, onBatch, signal } = options;
    const counts: CollectionCounts = { collection, found: false, read: 0, imported: 0, present: 0, rejected: 0, linked: 0 };
    const file = path.join(dir, `${collection}.json`);
    if (!fs.existsSync(file)) return counts;
    counts.found = true;
    await this.repository.startCollection();

    const context = { phoneRegion: this.config.DEFAULT_PHONE_REGION };
    const write = async (rows: NumberedRow[]) => {
      const bySeq = new Map(rows.map((row) => [row.seq, row]));
      for (const { seq, outcome, reason, linked } of await this.repository.insertBatch(collection, rows)) {
        counts.linked += linked;
        if (outcome === 'imported') counts.imported++;
        else if (outcome === 'present') counts.present++;
        else {
          const row = bySeq.get(seq)!;
          await this.reject(report, counts, row.line, row.legacyId as string, reason ?? outcome);
        }
      }
      onBatch?.({ ...counts });
    };
    // One batch is written while the next is read and mapped: the two cores both work, and no
    // more than two batches are ever held.
    let writing: Promise<void> = Promise.resolve();
    let batch: NumberedRow[] = [];
    const flush = async () => {
      await writing;
      signal?.throwIfAborted();
      writing = write(batch);
      writing.catch(() => undefined); // its error surfaces at the next await, not as an unhandled rejection
      batch = [];
    };

    for await (const { line, text } of readExport(file)) {
      counts.read++;
      const mapped = mapDocument(collection, text, context);
      if (mapped.row) batch.push({ ...mapped.row, seq: counts.read, line });
      else await this.reject(report, counts, line, mapped.legacyId, mapped.reason);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    await writing;
    if (counts.imported > 0) await this.repository.analyze(collection);
    return counts;
  }

  private async reject(report: ImportReport, counts: CollectionCounts, line: number, id: string | null, reason: string) {
    counts.rejected++;
    await report.reject({ collection: counts.collection, line, _id: id, reason });
  }
}
