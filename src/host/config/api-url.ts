/**
 * Rules for the Bakong API base URL. Payments must not travel in clear text over a shop's internet
 * line, so https is required; plain http is allowed only to this machine (the sandbox, a local relay).
 */
import { isIP } from 'node:net';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Returns the normalised base URL (no trailing slash), or throws ConfigError saying what is wrong. */
export function parseApiBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(`"${text}" is not a URL (expected e.g. https://api.example.com)`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(`The API URL must use https (plain http only to this machine): ${text}`);
  }
  if (url.username || url.password) throw new ConfigError('The API URL must not contain a user name or password');
  if (url.search || url.hash) throw new ConfigError('The API URL must not contain ? or #');
  return url.toString().replace(/\/+$/, '');
}
