import fs from 'node:fs';
import path from 'node:path';
import { renderLedger } from './ledger';

/** Prints what the suite tried and what held, then removes the ledger. */
export default function globalTeardown(): void {
  const file = process.env.RELIABILITY_LEDGER;
  if (!file) return;
  console.log(`\nReliability suite: what was tried and what held\n\n${renderLedger(file)}\n`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
