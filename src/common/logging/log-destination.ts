import { setTimeout as sleep } from 'node:timers/promises';

/** Log text that may wait for a slow reader; past it new lines are dropped rather than waited for. */
export const LOG_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

export interface LogDestination {
  write(line: string): void;
}

let stdout: LogDestination | undefined;

/**
 * Standard output for every log line of the process, never blocking it. pino's default
 * destination writes synchronously, and when a write fails (a full pipe: EAGAIN; a reader that
 * has gone: EPIPE) it retries in a loop that blocks the event loop, shutdown timer included, for
 * good. Node's own stdout stream writes to a pipe without blocking and queues what the reader has
 * not taken yet: that queue is bounded here (past LOG_BUFFER_LIMIT_BYTES lines are dropped), and
 * once the reader is gone nothing more is written. A queued write never delays process.exit.
 */
export function stdoutDestination(): LogDestination {
  if (stdout) return stdout;
  const stream = process.stdout;
  let broken = false;
  stream.on('error', () => {
    broken = true; // nowhere left to report it
  });
  stdout = {
    write(line: string) {
      if (!broken && stream.writableLength < LOG_BUFFER_LIMIT_BYTES) stream.write(line);
    },
  };
  return stdout;
}

/** Waits at most `timeoutMs` for the queued log lines to reach a slow reader (before process.exit). */
export async function flushLogs(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (process.stdout.writableLength > 0 && !process.stdout.destroyed && Date.now() < deadline) await sleep(10);
}
