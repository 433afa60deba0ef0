/**
 * A small TCP proxy on loopback between a till and the back office, for the sync's fault tests: it
 * forwards bytes both ways, and at a moment the test chooses it cuts the connection:
 *
 * - `request`: at the next bytes a till sends, before any of them reaches the server (the server never
 *   sees the request);
 * - `midRequest`: after forwarding the first chunk of the next request and no more (the server sees a
 *   request cut short, and must store nothing of it);
 * - `answer`: at the first bytes of the server's next answer, none of which reach the till — the server
 *   has committed the batch, the till never hears so.
 *
 * `offline(true)` refuses and cuts every connection until `offline(false)`: the network down.
 * Cuts act on bytes, not on connections, so a kept-alive connection is cut just the same.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type CutPoint = 'request' | 'midRequest' | 'answer';

export interface CutProxy {
  url: string;
  /** Arms one cut; resolves when it has happened. */
  cutNext(point: CutPoint): Promise<void>;
  offline(down: boolean): void;
  /** How many cuts happened so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  let armed: { point: CutPoint; done: () => void } | null = null;
  let down = false;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const cut = (a: Socket, b: Socket): void => {
    cuts += 1;
    a.destroy();
    b.destroy();
    const done = armed?.done;
    armed = null;
    done?.();
  };
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      if (armed?.point === 'request') return cut(client, upstream);
      if (armed?.point === 'midRequest') {
        upstream.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))), () => cut(client, upstream));
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (armed?.point === 'answer') return cut(client, upstream);
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cutNext(point) {
      return new Promise<void>((resolve) => (armed = { point, done: resolve }));
    },
    offline(value) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    get cuts() {
      return cuts;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
