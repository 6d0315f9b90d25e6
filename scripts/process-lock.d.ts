/** The process holding a lock file, as it wrote itself into it. */
export interface LockHolder {
  pid: number;
  /** Clock ticks since boot (Linux /proc), to tell a reused pid apart. */
  startTime?: string;
  command: string;
  since: string;
}

export type LockAttempt = { acquired: true; release(): void } | { acquired: false; holder: LockHolder };

export function tryLock(file: string): LockAttempt;
export function describeHolder(holder: LockHolder): string;
export function holderIsAlive(holder: LockHolder): boolean;
