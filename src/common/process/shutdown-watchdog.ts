import { Worker } from 'node:worker_threads';

// Runs on its own thread with its own event loop, so it fires even while the main thread is stuck.
const WATCHDOG = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.once('message', (ms) => setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), ms));
`;

/**
 * The last resort of a shutdown: started idle with the process, armed when the shutdown begins,
 * it kills the process `ms` later whatever the main thread is doing (a blocked write, a busy loop).
 * The main thread's own timer exits first, and more politely, whenever it can still run.
 */
export class ShutdownWatchdog {
  private readonly worker = new Worker(WATCHDOG, { eval: true, workerData: { pid: process.pid } });

  constructor() {
    this.worker.unref(); // never what keeps the process alive
  }

  arm(ms: number): void {
    this.worker.postMessage(ms);
  }
}
