import fs from 'node:fs';
import { formatTable } from '../../../src/legacy/legacy-cli';

/** One line of the suite's closing table: what was tried, what was observed, whether it held. */
export interface LedgerEntry {
  area: string;
  tried: string;
  observed: string;
  held: boolean;
}

const ledgerFile = () => {
  const file = process.env.RELIABILITY_LEDGER;
  if (!file) throw new Error('RELIABILITY_LEDGER is unset: run the suite with npm run test:reliability');
  return file;
};

/**
 * Records a check in the ledger (test files run in separate module registries, so entries go to a
 * file the global teardown prints) and fails the test when it did not hold.
 */
export function check(area: string, tried: string, observed: string, held: boolean): void {
  fs.appendFileSync(ledgerFile(), `${JSON.stringify({ area, tried, observed, held } satisfies LedgerEntry)}\n`);
  if (!held) throw new Error(`${area}: ${tried} — did not hold: ${observed}`);
}

export function renderLedger(file: string): string {
  const entries = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LedgerEntry)
    : [];
  return formatTable(
    ['area', 'what was tried', 'what was observed', 'held'],
    entries.map((e) => [e.area, e.tried, e.observed, e.held ? 'yes' : 'NO']),
  );
}
