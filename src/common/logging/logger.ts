import pino, { DestinationStream, Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { stdoutDestination } from './log-destination';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

interface LogSettings {
  LOG_LEVEL: string;
  LOG_FORMAT: LogFormat;
}

/**
 * Where every logger of the process writes, in the one format chosen for the run: JSON lines, or
 * with LOG_FORMAT=pretty one readable line per entry (coloured on a terminal). Both end in the
 * same non-blocking stdout destination.
 */
export function logStream(settings: Pick<LogSettings, 'LOG_FORMAT'>): DestinationStream {
  const destination = stdoutDestination();
  if (settings.LOG_FORMAT === 'json') return destination;
  const prettify = prettyFactory({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
  return { write: (line: string) => destination.write(prettify(line)) };
}

/** A logger for code that runs outside Nest (start-up, shutdown), writing like the app's own. */
export function createLogger(settings: LogSettings, context: string): Logger {
  return pino({ level: settings.LOG_LEVEL }, logStream(settings)).child({ context });
}
