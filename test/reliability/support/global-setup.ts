import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../src/database/migrate';

/** The suite runs the compiled service (`npm run test:reliability` builds first) and keeps a ledger. */
export default function globalSetup(): void {
  if (!fs.existsSync(path.join(projectRoot(), 'dist', 'src', 'main.js'))) {
    throw new Error('dist/src/main.js is missing: run the suite with npm run test:reliability (it builds first)');
  }
  process.env.RELIABILITY_LEDGER = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wds-reliability-')), 'ledger.jsonl');
}
