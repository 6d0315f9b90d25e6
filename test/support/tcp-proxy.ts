import net from 'node:net';

/**
 * A loopback TCP proxy in front of the test PostgreSQL:
 * - `cut()` drops every connection and refuses new ones (the database "goes away");
 * - `hang()` drops every connection and accepts new ones that never answer (the database stops
 *   responding to new connections);
 * - `freeze()` stops forwarding while connections stay open (a stalled database or network:
 *   statements sent, no answer), `thaw()` delivers what was held, in order;
 * - `restore()` brings it back on the same port.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly hungSockets = new Set<net.Socket>();
  private hanging = false;
  private frozen: (() => void)[] | undefined;
  port = 0;
  /** Connections accepted while hanging, and how many of those the client gave up on and closed. */
  readonly hung = { accepted: 0, closedByClient: 0 };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      if (this.hanging) return this.hold(client);
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.dropAll();
    this.hanging = false;
    await closed;
  }

  hang(): void {
    this.hanging = true;
    this.dropAll();
  }

  freeze(): void {
    this.frozen ??= [];
  }

  thaw(): void {
    const held = this.frozen ?? [];
    this.frozen = undefined;
    for (const deliver of held) deliver();
  }

  async restore(): Promise<this> {
    if (!this.hanging) return this.start();
    this.hanging = false;
    this.dropAll();
    return this;
  }

  private forward(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk) => {
      if (this.frozen) this.frozen.push(() => to.write(chunk));
      else to.write(chunk);
    });
  }

  private dropAll(): void {
    for (const s of [...this.sockets, ...this.hungSockets]) {
      this.hungSockets.delete(s);
      s.destroy();
    }
  }

  /** Reads and ignores what the client sends; counts the client closing the connection. */
  private hold(client: net.Socket): void {
    this.hung.accepted++;
    this.hungSockets.add(client);
    client.resume();
    client.on('error', () => client.destroy());
    client.on('close', () => {
      if (this.hungSockets.delete(client)) this.hung.closedByClient++;
    });
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}
