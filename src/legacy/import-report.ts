import { once } from 'node:events';
import fs from 'node:fs';
import type { Collection } from './legacy-documents';

export interface RejectedDocument {
  collection: Collection;
  line: number;
  _id: string | null;
  reason: string;
}

/**
 * Every document the import could not bring in: one JSON object per line in the report file
 * (machine-readable) and one readable line on the console. Waits for the file to drain, so a
 * run with millions of rejections still holds only a bounded buffer.
 */
export class ImportReport {
  private readonly file: fs.WriteStream;

  constructor(
    readonly path: string,
    private readonly log: (line: string) => void,
  ) {
    this.file = fs.createWriteStream(path, { flags: 'w' });
  }

  async reject(entry: RejectedDocument): Promise<void> {
    this.log(`rejected ${entry.collection} line ${entry.line} _id ${entry._id ?? '(none)'}: ${entry.reason}`);
    if (!this.file.write(`${JSON.stringify(entry)}\n`)) await once(this.file, 'drain');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.file.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
