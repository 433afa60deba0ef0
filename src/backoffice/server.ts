/**
 * The back office's HTTP(S) service (docs/backoffice.md): the UI's pages (src/backoffice/ui/routes.ts)
 * and the tills' endpoints,
 *
 *   POST /api/till/pair      { pairingCode, tillId, tillCode } → 201 { token, shop, till, head? }
 *   POST /api/till/journal   Authorization: Bearer <token>, { rows: [...], tillHead? } → 200 { head, stored, duplicates }
 *   GET  /api/till/journal?afterEpoch&afterSeq&afterHash[&limit]   Authorization: Bearer <token>
 *                            → 200 { rows, head, maxEpoch, more }: the till's own rows past a row (download.ts)
 *
 * and a refusal as { error, detail, head? } with a 4xx status. HTTPS when a certificate is configured
 * (src/backoffice/config.ts refuses plain HTTP off loopback).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { BackofficeConfig } from './config.ts';
import type { Pool } from './db.ts';
import { bearerToken, readJson, sendJson, sendRefusal } from './http-io.ts';
import { download, parseDownloadRequest } from './download.ts';
import { ingest, noteSeen, tillForToken, type PairedTill } from './ingest.ts';
import { parseBatch, parseTillHead } from './journal-rows.ts';
import { pair, parsePairRequest } from './pairing.ts';
import { Refusal } from './refusal.ts';
import { isLoopback } from './config.ts';
import { uiRoute } from './ui/routes.ts';

const PAIR_BODY_LIMIT = 4 * 1024;
/** 1,000 rows of a few hundred bytes each, with room for a migrated sale's long history. */
const JOURNAL_BODY_LIMIT = 8 * 1024 * 1024;

export interface ServiceOptions {
  pool: Pool;
  /** The back office's clock (pairing codes' expiry, cursor times); tests pass their own. */
  now?: () => Date;
}

/** The till of the request's bearer token, or a 401 (no token, an unknown or a revoked one). */
async function authorised(req: IncomingMessage, pool: Pool): Promise<PairedTill> {
  const token = bearerToken(req);
  const till = token ? await tillForToken(pool, token) : null;
  if (!till) throw new Refusal(401, 'unauthorized', 'a paired till\'s token is needed (Authorization: Bearer …)');
  return till;
}

interface Listening {
  tls: boolean;
  loopback: boolean;
}

async function route(req: IncomingMessage, res: ServerResponse, { pool, now = () => new Date() }: ServiceOptions, listening: Listening): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://backoffice').pathname;
  if (!path.startsWith('/api/') && await uiRoute(req, res, { pool, now, ...listening })) return;
  if (req.method === 'POST' && path === '/api/till/pair') {
    const request = parsePairRequest(await readJson(req, PAIR_BODY_LIMIT));
    sendJson(res, 201, await pair(pool, request, now()));
    return;
  }
  if (req.method === 'POST' && path === '/api/till/journal') {
    const till = await authorised(req, pool);
    const body = await readJson(req, JOURNAL_BODY_LIMIT);
    const rows = parseBatch(body);
    await noteSeen(pool, till, parseTillHead(body), now());
    sendJson(res, 200, await ingest(pool, till, rows, now()));
    return;
  }
  if (req.method === 'GET' && path === '/api/till/journal') {
    const till = await authorised(req, pool);
    sendJson(res, 200, await download(pool, till, parseDownloadRequest(new URL(req.url ?? '/', 'http://backoffice').searchParams)));
    return;
  }
  throw new Refusal(404, 'not_found', 'no such endpoint');
}

export interface RunningService {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startService(config: Pick<BackofficeConfig, 'host' | 'port' | 'tls'>, options: ServiceOptions): Promise<RunningService> {
  const listening = { tls: config.tls !== null, loopback: isLoopback(config.host) };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res, options, listening).catch((error: unknown) => {
      if (error instanceof Refusal) {
        sendRefusal(res, error);
        return;
      }
      if (req.destroyed && (error as { code?: string }).code === 'ECONNRESET') {
        // The till (or the network between) dropped the request half-sent: nothing was read whole,
        // so nothing was stored, and there is nobody left to answer. Not a fault of the back office.
        console.warn(`[backoffice] ${req.method} ${req.url}: the request was cut off before it arrived whole; nothing stored`);
        return;
      }
      console.error(`[backoffice] ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', detail: 'the back office could not do this; see its log' });
      else res.destroy();
    });
  };
  const server: Server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${config.tls ? 'https' : 'http'}://${host}:${port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
