/**
 * Rules for the Bakong API base URL. Payments must not travel in clear text over a shop's internet
 * line, so https is required; plain http is allowed only to this machine (the sandbox, a local relay).
 */
import { isIP } from 'node:net';
import { hostMessage } from '../../shared/messages/index.ts';
import { ConfigError } from './config-error.ts';

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
    throw new ConfigError(hostMessage('settings.apiUrlNotUrl'));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(hostMessage('settings.apiUrlNotHttps'));
  }
  if (url.username || url.password) throw new ConfigError(hostMessage('settings.apiUrlCredentials'));
  if (url.search || url.hash) throw new ConfigError(hostMessage('settings.apiUrlQuery'));
  return url.toString().replace(/\/+$/, '');
}
