import type { ScratchDatabases } from './scratch-databases';
import type { NodeProcess } from './service-process';

export const BENCH_TOKEN = 'bench-dashboard-token';

/** What every scenario gets from the runner. */
export interface BenchContext {
  /** N: orders, interactions, legacy rows and export lines. */
  scale: number;
  /** Length of each measured load run, in seconds (each follows a short warm-up). */
  loadSeconds: number;
  databases: ScratchDatabases;
  /** The shop database (N orders with N linked widget interactions), seeded on first use. */
  shop(): Promise<string>;
  /** The service (dist/src/main.js) as a child process on `databaseUrl`. */
  startService(databaseUrl: string): Promise<NodeProcess>;
  log(message: string): void;
}
