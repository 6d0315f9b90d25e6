import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig, readEnvironment } from '../config/app-config';
import { DatabaseInUseError, EmbeddedDatabase } from '../database/embedded-database';
import { openDatabase } from '../database/open-database';
import { createLegacyContext } from './legacy.module';

/** A wrong command line: printed with the usage, exit 64 (EX_USAGE). */
export class UsageError extends Error {}

export const EXIT = { ok: 0, fatal: 1, usage: 64, databaseInUse: 75, config: 78, interrupted: 130 } as const;

/**
 * Runs a legacy command the way the server runs: configuration from the environment and .env,
 * the embedded database (migrated) when DATABASE_URL is unset, otherwise the given server.
 * The command line is parsed first, so a usage error never starts a database.
 * Ctrl-C aborts `signal`: the command stops after its current batch and can be run again.
 */
export async function runCommand<Args>(
  usage: string,
  parse: () => Args,
  command: (args: Args, context: INestApplicationContext, config: AppConfig, signal: AbortSignal) => Promise<number>,
): Promise<never> {
  let embedded: EmbeddedDatabase | undefined;
  let context: INestApplicationContext | undefined;
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  let code: number;
  try {
    const args = parse();
    const database = await openDatabase(loadConfig(readEnvironment()), (message) => console.log(message));
    const { config } = database;
    embedded = database.embedded;
    context = await createLegacyContext(config);
    code = await command(args, context, config, controller.signal);
  } catch (err) {
    code = exitCodeFor(err, usage);
  } finally {
    await context?.close();
    await embedded?.stop();
  }
  process.exit(code);
}

function exitCodeFor(err: unknown, usage: string): number {
  if (err instanceof UsageError || String((err as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return EXIT.usage;
  }
  if (err instanceof ConfigError) {
    console.error(err.message);
    return EXIT.config;
  }
  if (err instanceof DatabaseInUseError) {
    console.error(err.message);
    return EXIT.databaseInUse; // EX_TEMPFAIL: run it again once the other process has stopped
  }
  if (err instanceof Error && err.name === 'AbortError') {
    console.error('Interrupted. Progress so far is kept: run the same command again to carry on.');
    return EXIT.interrupted;
  }
  console.error(`Failed: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT.fatal;
}

/** A positive integer option, or a UsageError naming it. */
export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a positive integer, not "${raw}"`);
  return Number(raw);
}

/** A plain text table: the first column left-aligned, numbers right-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
