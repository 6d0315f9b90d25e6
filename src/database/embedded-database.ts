import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback port through the Postgres wire
 * protocol so Prisma, pg and the schema engine use it exactly as they use a real server.
 * It accepts one connection at a time: callers must use a pool of one.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly url: string,
    readonly dataDir: string,
    private readonly db: { close(): Promise<void> },
    private readonly server: { stop(): Promise<void> },
  ) {}

  static async start(dataDir: string): Promise<EmbeddedDatabase> {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    // ESM packages, loaded only when the embedded database is used.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(dir);
    const port = await freePort();
    const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
    await server.start();
    return new EmbeddedDatabase(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`, dir, db, server);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
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
