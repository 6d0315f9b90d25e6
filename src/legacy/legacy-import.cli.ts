import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImportReport } from './import-report';
import { EXIT, formatTable, positiveInt, runCommand, UsageError } from './legacy-cli';
import { LegacyImportService } from './legacy-import.service';

const USAGE = `Usage: npm run legacy:import -- <dir> [--report <file.jsonl>] [--batch-size 1000]

Imports <dir>/orders.json, csatFeedback.json, capsuleHolds.json, widgetOrderSubscriptions.json and
analyticsEvents.json (mongoexport output). Widget rows whose order number names a known order are
linked to it as they are written (linkSource "claimed"). Documents that cannot be imported are
listed on the console and in the report file (default: legacy-import-report-<time>.jsonl).`;

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { report: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.ok);
  }
  if (positionals.length !== 1) throw new UsageError('Give exactly one directory.');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    dir: path.resolve(positionals[0]),
    reportPath: path.resolve(values.report ?? `legacy-import-report-${stamp}.jsonl`),
    batchSize: positiveInt('batch-size', values['batch-size'], 1000),
  };
}

void runCommand(USAGE, parse, async ({ dir, reportPath, batchSize }, context, _config, signal) => {
  const report = new ImportReport(reportPath, (line) => console.log(line));
  console.log(`Importing ${dir}; rejected documents go to ${reportPath}`);
  let lastLine = Date.now();
  try {
    const results = await context.get(LegacyImportService).importDirectory(dir, {
      report,
      batchSize,
      signal,
      onBatch: (c) => {
        if (Date.now() - lastLine < 5000) return;
        lastLine = Date.now();
        console.log(`${c.collection}: ${c.read} read, ${c.imported} imported, ${c.present} already present, ${c.rejected} rejected`);
      },
    });
    console.log(
      '\n' +
        formatTable(
          ['collection', 'read', 'imported', 'already present', 'rejected', 'linked'],
          results.map((r) =>
            r.found ? [r.collection, r.read, r.imported, r.present, r.rejected, r.linked] : [`${r.collection} (no file)`, '-', '-', '-', '-', '-'],
          ),
        ),
    );
    console.log('\nlinked: widget rows linked at once to the order they claim (linkSource "claimed"); `npm run backfill` links the rest.');
    console.log(`\nReport: ${reportPath}`);
  } finally {
    await report.close();
  }
  return EXIT.ok;
});
