/**
 * The back office's address as the owner types it: https, or plain http only to this machine
 * (loopback), because the till's token crosses this connection on every push. No credentials, query
 * or fragment; the path is kept (a back office behind a reverse proxy under /pos/).
 */
import { isIP } from 'node:net';

export function loopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The normalised base URL (no trailing slash), or null when it may not be used. */
export function parseBackofficeUrl(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHost(url.hostname))) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
