import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves when the server closed the connection (or rejects after `withinMs`). */
  closed(withinMs: number): Promise<void>;
  /** Resolves with what the server sent once `pattern` appears (or rejects after `withinMs`). */
  answer(pattern: RegExp, withinMs: number): Promise<string>;
}

/**
 * A plain TCP connection to a listening server, for what supertest cannot do: send half a request,
 * trickle bytes, or stay silent. The deadlines only end a test that would otherwise hang; they
 * assert no duration.
 */
export async function rawConnection(port: number): Promise<RawConnection> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  let isClosed = false;
  socket.on('data', (chunk) => (data += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (isClosed = true));
  const waitFor = <T>(done: () => T | undefined, withinMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = done();
        if (value === undefined) return false;
        clearTimeout(timer);
        socket.off('data', check).off('close', check);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        socket.off('data', check).off('close', check);
        reject(new Error(`${what} within ${withinMs} ms; received so far: ${JSON.stringify(data.slice(0, 300))}`));
      }, withinMs);
      if (!check()) socket.on('data', check).on('close', check);
    });
  return {
    socket,
    received: () => data,
    closed: (withinMs) => waitFor(() => (isClosed ? true : undefined), withinMs, 'the server did not close the connection').then(() => undefined),
    answer: (pattern, withinMs) => waitFor(() => (pattern.test(data) ? data : undefined), withinMs, `no answer matching ${pattern}`),
  };
}
