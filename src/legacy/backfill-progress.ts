import { Presets, SingleBar } from 'cli-progress';
import type { BackfillHooks } from './backfill.service';
import type { LinkCounts } from './backfill.repository';

const counts = (c: LinkCounts) => `linked ${c.linked}, ambiguous ${c.ambiguous}, unmatched ${c.unmatched}`;

/**
 * Shows the backfill's progress: a bar per strategy on a terminal, plain lines (at most one every
 * few seconds per strategy) when the output is a file or a pipe.
 */
export function progressHooks(stream: NodeJS.WriteStream, signal: AbortSignal): BackfillHooks {
  let done = 0;
  let total = 0;
  let running: LinkCounts = { linked: 0, ambiguous: 0, unmatched: 0 };
  let bar: SingleBar | undefined;
  let lastLine = 0;
  const add = (c: LinkCounts) => {
    running = { linked: running.linked + c.linked, ambiguous: running.ambiguous + c.ambiguous, unmatched: running.unmatched + c.unmatched };
  };
  const write = (line: string) => stream.write(`${line}\n`);

  return {
    signal,
    onStrategyStart(strategy, rows, resumed) {
      done = 0;
      total = rows;
      running = { ...resumed };
      if (stream.isTTY) {
        bar = new SingleBar(
          { format: `${strategy.padEnd(9)} [{bar}] {value}/{total} rows | {counts}`, stream, hideCursor: true },
          Presets.shades_classic,
        );
        bar.start(rows, 0, { counts: counts(running) });
      } else {
        write(`${strategy}: ${rows} rows to examine`);
        lastLine = Date.now();
      }
    },
    onBatch(strategy, batch) {
      done += batch.scanned;
      add(batch);
      if (bar) bar.update(Math.min(done, total), { counts: counts(running) });
      else if (Date.now() - lastLine >= 5000) {
        write(`${strategy}: ${done}/${total} rows, ${counts(running)}`);
        lastLine = Date.now();
      }
    },
    onStrategyEnd(summary) {
      if (bar) {
        bar.update(total, { counts: counts(summary) });
        bar.stop();
      } else write(`${summary.strategy}: done, ${counts(summary)}`);
    },
  };
}
