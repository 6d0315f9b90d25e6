import net from 'node:net';

/**
 * A loopback proxy in front of PostgreSQL that counts the SQL statements clients send, by reading
 * the wire protocol: one per simple Query ('Q') and one per extended-protocol Execute ('E'), so
 * BEGIN/COMMIT and every prepared or unnamed statement count alike, whatever the driver.
 */
export class StatementCountingProxy {
  statements = 0;
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly target: URL) {}

  async start(): Promise<string> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('data', this.counter());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const url = new URL(this.target);
    url.hostname = '127.0.0.1';
    url.port = String((this.server.address() as net.AddressInfo).port);
    return url.toString();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A parser for one client connection: a startup packet (no type byte), then typed messages. */
  private counter(): (chunk: Buffer) => void {
    let pending = Buffer.alloc(0);
    let started = false;
    return (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const header = started ? 5 : 4;
        if (pending.length < header) return;
        const length = pending.readInt32BE(started ? 1 : 0) + (started ? 1 : 0);
        if (pending.length < length) return;
        if (started && (pending[0] === 0x51 || pending[0] === 0x45)) this.statements++;
        // SSL/GSS requests and the startup message are untyped; after the startup, all are typed.
        if (!started && pending.readInt32BE(4) === 0x00030000) started = true;
        pending = pending.subarray(length);
      }
    };
  }
}
