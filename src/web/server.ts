/**
 * Web mode: the host in plain Node, serving the built renderer and carrying the contract over HTTP
 * (commands) and Server-Sent Events (state) on 127.0.0.1 only. The screens get exactly what the
 * Electron preloads give them; the customer display's stream is read-only and needs no key.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { runCommand } from '../host/commands.ts';
import type { Host } from '../host/host.ts';
import { clip } from '../host/log-text.ts';
import type { CommandReply } from '../shared/contract.ts';
import { englishText, hostMessage, type HostMessageCode } from '../shared/messages/index.ts';
import type { MessageParams } from '../shared/messages/types.ts';
import { SECURITY_HEADERS, contentTypeOf } from '../shared/http-headers.ts';
import { DownloadTokens, TOKEN_TTL_MS } from './download-tokens.ts';
import { keyMatches, refuseForeign } from './guard.ts';

export interface WebServerOptions {
  host: Host;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port: number;
  /** Per-run secret the cashier page must send with commands; random when not given. */
  key?: string;
  /** The clock of the download tokens (tests). */
  now?: () => number;
}

export interface RunningWebServer {
  port: number;
  cashierUrl: string;
  customerUrl: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_COMMAND_BYTES = 64 * 1024;
/** After a 413, how much more of the refused body is read and thrown away before the connection is cut. */
const MAX_DISCARD_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** /api/exports/<export id>/token|download; the id's shape as export-files.ts makes them. */
const EXPORT_ROUTE = /^\/api\/exports\/([A-Za-z0-9_-]{22})\/(token|download)$/;

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const key = options.key ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  const downloads = new DownloadTokens(options.now);
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[web] request failed:', error);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refuseForeign(req, port);
    if (refusal) return send(res, 403, { error: `refused: ${refusal}` });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;
    if (path === '/api/command') return command(req, res);
    const exportRoute = EXPORT_ROUTE.exec(path);
    if (exportRoute) return exportFile(req, res, exportRoute[1]!, exportRoute[2] as 'token' | 'download', url);
    if (path === '/api/events/cashier') {
      if (!keyMatches(url.searchParams.get('key'), key)) return send(res, 401, { error: 'the cashier key is missing or wrong' });
      return stream(req, res, () => options.host.cashierState());
    }
    if (path === '/api/events/display') return stream(req, res, () => options.host.displayState());
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    if (path === '/' || path === '/cashier') return redirect(res, '/cashier/');
    if (path === '/customer') return redirect(res, '/customer/');
    return serveStatic(res, path);
  }

  async function command(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { allow: 'POST' });
    // A JSON content type cannot be sent cross-site without a preflight, which we never grant.
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: 'send JSON' });
    const given = req.headers['x-pos-key'];
    if (!keyMatches(Array.isArray(given) ? given[0] : given, key)) {
      return send(res, 401, { error: 'the cashier key is missing or wrong' });
    }
    if (Number(req.headers['content-length']) > MAX_COMMAND_BYTES) return tooLarge(req, res);
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge(req, res);
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      // The parser's words quote the body: for the log (clipped), never for the screen.
      console.warn(`[web] refused a command that is not JSON: ${clip((error as Error).message, 120)}`);
      return send(res, 400, refusal('request.notJson'));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(res, 400, refusal('request.badEnvelope'));
    const envelope = body as { name?: unknown; args?: unknown };
    send(res, 200, await runCommand(options.host, envelope.name, envelope.args));
  }

  /**
   * POST /api/exports/<id>/token (cashier key header): a single-use token for the download.
   * GET /api/exports/<id>/download?token=T (or the key header): the file, as an attachment, no caching.
   */
  async function exportFile(req: IncomingMessage, res: ServerResponse, exportId: string, action: 'token' | 'download', url: URL): Promise<void> {
    const given = req.headers['x-pos-key'];
    const withKey = keyMatches(Array.isArray(given) ? given[0] : given, key);
    const file = options.host.exports.file(exportId);
    if (action === 'token') {
      if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { allow: 'POST' });
      if (!withKey) return send(res, 401, { error: 'the cashier key is missing or wrong' });
      if (!file) return send(res, 404, { error: 'no such export' });
      const token = downloads.issue(exportId);
      return send(res, 200, { url: `/api/exports/${exportId}/download?token=${token}`, expiresInMs: TOKEN_TTL_MS });
    }
    if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { allow: 'GET' });
    // The token is spent even when the export is unknown: a token is good for one try.
    const allowed = downloads.redeem(url.searchParams.get('token'), exportId) || withKey;
    if (!allowed) return send(res, 401, { error: 'the download token is missing, used or expired' });
    if (!file) return send(res, 404, { error: 'no such export' });
    let size: number;
    try {
      size = (await stat(file.path)).size;
    } catch {
      return send(res, 404, { error: 'no such export' });
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-length': String(size),
      // The name is the POS's own ([A-Za-z0-9._-] only), so it needs no escaping.
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
      pragma: 'no-cache',
    });
    await pipeline(createReadStream(file.path), res);
    // Handed over in full: the file leaves POS_DATA_DIR/exports (a broken download keeps it, for a day).
    options.host.exports.delivered(exportId);
  }

  function stream(req: IncomingMessage, res: ServerResponse, state: () => unknown): void {
    if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { allow: 'GET' });
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const push = (): void => {
      res.write(`event: state\ndata: ${JSON.stringify(state())}\n\n`);
    };
    push();
    const unsubscribe = options.host.subscribe(push);
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    streams.add(res);
    res.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  async function serveStatic(res: ServerResponse, path: string): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path);
    } catch {
      return send(res, 400, { error: 'bad path' });
    }
    const root = resolve(options.staticDir); // no trailing separator, whatever the caller passed
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep) || relative.includes('\0')) {
      return send(res, 404, { error: 'not found' });
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, { error: 'not found' });
      const content = await readFile(file);
      const type = contentTypeOf(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'cache-control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      res.end(content);
    } catch {
      send(res, 404, { error: 'not found' });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    cashierUrl: `${origin}/cashier/#key=${key}`,
    customerUrl: `${origin}/customer/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...SECURITY_HEADERS, location });
  res.end();
}

class BodyTooLarge extends Error {}

/** A command refused before it was read, as the same CommandError every other refusal is (catalog text, both languages). */
function refusal(code: HostMessageCode, params?: MessageParams): CommandReply<never> {
  const text = hostMessage(code, params);
  return { ok: false, error: { code: 'invalid_request', text, message: englishText(text) } };
}

/**
 * 413 with a JSON error the cashier page can show. The rest of the body is read and dropped (up to
 * MAX_DISCARD_BYTES) before the connection closes: closing a socket with unread data makes the system
 * send a reset, and the client would see "connection reset" instead of this answer.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  send(res, 413, refusal('request.tooLarge', { kb: MAX_COMMAND_BYTES / 1024 }), { connection: 'close' });
  let discarded = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/** The body as text; rejects with BodyTooLarge (without reading further) past MAX_COMMAND_BYTES. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_COMMAND_BYTES) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
