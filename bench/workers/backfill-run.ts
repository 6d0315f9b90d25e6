// Runs the real backfill (BackfillService, as `npm run backfill` does) in its own process and prints
// one JSON line: total time, the longest batch, the batch count and the per-strategy summary. The
// runner preloads report-max-rss.js, so the process's peak RSS is reported too.
import { performance } from 'node:perf_hooks';
import { loadConfig, readEnvironment } from '../../src/config/app-config';
import { BackfillService, DEFAULT_BACKFILL_OPTIONS } from '../../src/legacy/backfill.service';
import { createLegacyContext } from '../../src/legacy/legacy.module';

async function main(): Promise<void> {
  const context = await createLegacyContext(loadConfig(readEnvironment()));
  let last = 0;
  let longestBatchMs = 0;
  let batches = 0;
  const started = performance.now();
  const summary = await context.get(BackfillService).run(DEFAULT_BACKFILL_OPTIONS, {
    onStrategyStart: () => (last = performance.now()),
    onBatch: () => {
      const now = performance.now();
      longestBatchMs = Math.max(longestBatchMs, now - last);
      last = now;
      batches++;
    },
  });
  const ms = performance.now() - started;
  await context.close();
  process.stdout.write(`${JSON.stringify({ ms, longestBatchMs, batches, summary })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
