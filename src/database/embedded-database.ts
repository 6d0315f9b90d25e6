import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { LockHolder, tryLock as TryLock } from '../../scripts/process-lock';
import { projectRoot } from './migrate';

/** Inside the data directory: who has the embedded database open (see scripts/process-lock.js). */
export const EMBEDDED_LOCK_FILE = 'embedded-database.lock';

/** Another live process has the embedded database open; opening it too would corrupt it. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by pid ${holder.pid} (${holder.command || 'unknown command'}), ` +
        `open since ${holder.since}. Only one process may open it at a time: stop that process first, ` +
        `or run both against a PostgreSQL server by setting DATABASE_URL.`,
    );
  }
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port through the Postgres wire
 * protocol so Prisma, pg and the schema engine use it exactly as they use a real server.
 * It accepts one connection at a time: callers must use a pool of one. PGlite has no guard of its
 * own against a second process opening the same files, so a lock file in the data directory does
 * that; it names its holder and is stale once that process is gone, so a crash never leaves it stuck.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly url: string,
    readonly dataDir: string,
    private readonly db: { close(): Promise<void> },
    private readonly server: { stop(): Promise<void> },
    private readonly unlock: () => void,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedDatabase> {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    const lock = loadProcessLock()(path.join(dir, EMBEDDED_LOCK_FILE));
    if (!lock.acquired) throw new DatabaseInUseError(dir, lock.holder);
    try {
      // ESM packages, loaded only when the embedded database is used.
      const { PGlite } = await import('@electric-sql/pglite');
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
      const db = await PGlite.create(dir);
      const port = await freePort();
      const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
      await server.start();
      const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
      return new EmbeddedDatabase(url, dir, db, server, lock.release);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.unlock();
    }
  }
}

/** The lock is plain JavaScript in scripts/ because the build takes it before anything is compiled. */
function loadProcessLock(): typeof TryLock {
  return (require(path.join(projectRoot(), 'scripts', 'process-lock.js')) as { tryLock: typeof TryLock }).tryLock;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
