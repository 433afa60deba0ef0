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
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `cross-site request (${site})`;
  return null;
}

/** Constant-time comparison of the cashier key, so its bytes cannot be guessed by timing. */
export function keyMatches(given: string | undefined | null, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
