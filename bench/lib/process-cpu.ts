import fs from 'node:fs';

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined where
 * there is no /proc. Less noisy than throughput on a shared machine: it is what one request costs.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
