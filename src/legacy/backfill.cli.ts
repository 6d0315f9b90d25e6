import { parseArgs } from 'node:util';
import { STRATEGIES, Strategy } from './backfill-strategies';
import { progressHooks } from './backfill-progress';
import { BackfillService, DEFAULT_BACKFILL_OPTIONS } from './backfill.service';
import { EXIT, formatTable, positiveInt, runCommand, UsageError } from './legacy-cli';

const D = DEFAULT_BACKFILL_OPTIONS;
const USAGE = `Usage: npm run backfill -- [--dry-run] [--window-days ${D.windowDays}] [--session-window-hours ${D.sessionWindowHours}]
                        [--batch-size ${D.batchSize}] [--strategy ${STRATEGIES.join(',')}]

Links widget rows without an order to orders, strongest evidence first: ${STRATEGIES.join(', ')}.
A row with two or more candidate orders is never linked (counted as ambiguous). Interrupted runs
resume where they stopped; --dry-run prints what a run would do and writes nothing.`;

function parse() {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean' },
      'window-days': { type: 'string' },
      'session-window-hours': { type: 'string' },
      'batch-size': { type: 'string' },
      strategy: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.ok);
  }
  const strategies = (values.strategy ?? STRATEGIES).flatMap((s) => s.split(',')).map((s) => s.trim());
  const unknown = strategies.filter((s) => !(STRATEGIES as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown strategy ${unknown.join(', ')}: choose from ${STRATEGIES.join(', ')}.`);
  return {
    dryRun: values['dry-run'] === true,
    windowDays: positiveInt('window-days', values['window-days'], D.windowDays),
    sessionWindowHours: positiveInt('session-window-hours', values['session-window-hours'], D.sessionWindowHours),
    batchSize: positiveInt('batch-size', values['batch-size'], D.batchSize),
    strategies: strategies as Strategy[],
  };
}

void runCommand(USAGE, parse, async (options, context, _config, signal) => {
  if (options.dryRun) console.log('Dry run: the same work in one transaction, rolled back at the end. Nothing is written.');
  const summary = await context.get(BackfillService).run(options, progressHooks(process.stdout, signal));
  if (summary.restarted) console.log('An interrupted run used other windows: its progress was discarded and this run started over.');
  else if (summary.resumed) console.log('Resumed an interrupted run (its counts are included).');
  const rows = summary.strategies.map((s) => [s.strategy, s.linked, s.ambiguous, s.unmatched]);
  const { total, alreadyLinked, linked, unlinked } = summary.rows;
  console.log(`\n${options.dryRun ? 'A real run would do this:\n' : ''}${formatTable(['strategy', 'linked', 'ambiguous', 'unmatched'], rows)}`);
  console.log(
    `\n${linked} rows ${options.dryRun ? 'would be' : 'were'} linked. Of all ${total} widget rows, ${alreadyLinked} were linked before ` +
      `(by the widget, the orders API, the legacy import or an earlier run) and ${unlinked} ${options.dryRun ? 'would stay' : 'stay'} unlinked.`,
  );
  return EXIT.ok;
});
