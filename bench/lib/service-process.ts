import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../src/database/migrate';

/** A port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface NodeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  /** The last 64 KiB the process wrote to stdout and stderr. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

const OUTPUT_KEEP = 64 * 1024;

/**
 * Starts a compiled entry point of this repository (the service by default) with `node` on a free
 * port and resolves once that port accepts connections. PORT is set; everything else comes from `env`.
 */
export async function startNodeProcess(
  env: Record<string, string>,
  { entry = 'dist/src/main.js', nodeArgs = [] as string[], startTimeoutMs = 60_000 } = {},
): Promise<NodeProcess> {
  const port = await freePort();
  const root = projectRoot();
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEEP));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const proc: NodeProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };

  const deadline = Date.now() + startTimeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!(await accepts(port))) {
    if (gone) throw new Error(`${entry} exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`${entry} did not listen on ${port} within ${startTimeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
  return proc;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
