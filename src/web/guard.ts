/**
 * Web mode answers only its own loopback origin. A page on the internet can make a browser send
 * requests to 127.0.0.1, and DNS rebinding can make such requests look same-origin, so every request
 * must name our exact host and port in Host, and any Origin it carries must be ours too.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Returns a reason to refuse the request, or null when it comes from our own origin. */
export function refuseForeign(req: IncomingMessage, port: number): string | null {
  const hosts = allowedHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) return `unexpected Host "${host}"`;
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, '')) ) return `cross-origin request from "${origin}"`;
  if (origin !== undefined && !origin.startsWith('http://')) return `cross-origin request from "${origin}"`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !isPageOpening(req)) return `cross-site request (${site})`;
  return null;
}

/** The screens' entry pages, which a person may open from elsewhere (a link, the shortcut file). */
const PAGES = new Set(['/', '/cashier', '/cashier/', '/customer', '/customer/']);

/**
 * A top-level navigation to one of the screens' pages, e.g. from the cashier shortcut file
 * (open-cashier.html, a file: page, so "cross-site") or a link. It gets only the static page, which
 * the other site cannot read (no frames: X-Frame-Options DENY); every request the page then makes
 * is same-origin and checked as usual, and commands still need the cashier key.
 */
function isPageOpening(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    req.headers['sec-fetch-mode'] === 'navigate' &&
    req.headers['sec-fetch-dest'] === 'document' &&
    PAGES.has(path)
  );
}

/** Constant-time comparison of the cashier key, so its bytes cannot be guessed by timing. */
export function keyMatches(given: string | undefined | null, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
