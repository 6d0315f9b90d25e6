import { setTimeout as sleep } from 'node:timers/promises';

/** Log text that may wait for a slow reader; past it new lines are dropped rather than waited for. */
export const LOG_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

export interface LogDestination {
  write(line: string): void;
}

// Kept on the stream itself: one per process, even where modules are loaded more than once (tests).
const DESTINATION = Symbol.for('widget-data-service.log-destination');
type Stdout = NodeJS.WriteStream & { [DESTINATION]?: LogDestination };

/**
 * Standard output for every log line of the process, never blocking it. pino's default
 * destination writes synchronously, and when a write fails (a full pipe: EAGAIN; a reader that
 * has gone: EPIPE) it retries in a loop that blocks the event loop, shutdown timer included, for
 * good. Node's own stdout stream writes to a pipe without blocking and queues what the reader has
 * not taken yet: that queue is bounded here (past LOG_BUFFER_LIMIT_BYTES lines are dropped), and
 * once the reader is gone nothing more is written. A queued write never delays process.exit.
 */
export function stdoutDestination(): LogDestination {
  const stream = process.stdout as Stdout;
  if (stream[DESTINATION]) return stream[DESTINATION];
  let broken = false;
  stream.on('error', () => {
    broken = true; // nowhere left to report it
  });
  stream[DESTINATION] = {
    write(line: string) {
      if (!broken && stream.writableLength < LOG_BUFFER_LIMIT_BYTES) stream.write(line);
    },
  };
  return stream[DESTINATION];
}

/** Waits at most `timeoutMs` for the queued log lines to reach a slow reader (before process.exit). */
export async function flushLogs(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (process.stdout.writableLength > 0 && !process.stdout.destroyed && Date.now() < deadline) await sleep(10);
}
