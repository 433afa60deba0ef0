/**
 * The sandbox over real HTTP, bound to loopback only. Tests and `npm run sandbox` use this so the
 * POS talks to it exactly as it would to the hosted API.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from './simulator.ts';

export interface RunningSandbox {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startSandboxServer(sandbox: Sandbox, port = 0, host = '127.0.0.1'): Promise<RunningSandbox> {
  let origin = '';
  const server = createServer((req, res) => {
    // Requests carry no body the sandbox needs; drain it so the connection can be reused.
    req.resume();
    req.on('end', () => {
      sandbox.handle({ method: req.method ?? 'GET', url: req.url ?? '/', origin }).then((result) => {
        if (result.drop) {
          res.socket?.destroy();
          return;
        }
        res.writeHead(result.status, result.headers);
        res.end(result.body);
      }).catch(() => {
        // A request the simulator cannot even read must not take the server down.
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: false, error: 'bad request' }));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${host}:${address.port}`;
  return {
    url: origin,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
