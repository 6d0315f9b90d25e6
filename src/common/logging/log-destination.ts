import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import SonicBoom from 'sonic-boom';

/** Log text that may wait for a slow reader; past it new lines are dropped rather than waited for. */
export const LOG_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

let stdout: SonicBoom | undefined;

/**
 * Standard output for every log line of the process, written asynchronously. pino's default
 * destination writes synchronously, and on a full pipe (a reader that stopped reading) it retries
 * in a loop that blocks the whole event loop, shutdown timer included, for good. Here a slow, full
 * or vanished reader costs log lines (buffered up to LOG_BUFFER_LIMIT_BYTES, then dropped), never
 * the process: EAGAIN is retried from a timer, and EPIPE (the reader is gone) stops the writing.
 */
export function stdoutDestination(): SonicBoom {
  if (stdout) return stdout;
  const destination = new SonicBoom({ fd: 1, sync: false, maxLength: LOG_BUFFER_LIMIT_BYTES });
  destination.on('error', () => {
    // Nowhere left to report a failing log stream: stop writing to it.
    destination.write = () => true;
  });
  stdout = destination;
  return destination;
}

/** Writes what is buffered, waiting at most `timeoutMs` for a slow reader (before process.exit). */
export async function flushLogs(timeoutMs: number): Promise<void> {
  const destination = stdout;
  if (!destination) return;
  stdout = undefined;
  const closed = once(destination, 'close').catch(() => undefined);
  destination.end();
  await Promise.race([closed, sleep(timeoutMs, undefined, { ref: false })]);
}
