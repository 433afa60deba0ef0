/**
 * The back office's settings, from the environment (docs/backoffice.md, "Set-up"):
 *
 *   BACKOFFICE_DATABASE_URL   postgresql://user:password@host:port/database (required)
 *   BACKOFFICE_HOST           the address to listen on (default 127.0.0.1)
 *   BACKOFFICE_PORT           the port (default 8790; 0 = any free port)
 *   BACKOFFICE_TLS_CERT, BACKOFFICE_TLS_KEY   PEM files: serve HTTPS
 *
 * Plain HTTP only on loopback: till tokens and (later) passwords cross this connection, so listening
 * on any other address without a certificate is refused rather than warned about.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

export const DEFAULT_BACKOFFICE_PORT = 8790;

export interface BackofficeConfig {
  databaseUrl: string;
  host: string;
  port: number;
  tls: { cert: Buffer; key: Buffer } | null;
}

export class ConfigProblem extends Error {
  override name = 'ConfigProblem';
}

/** 127.0.0.0/8, ::1 and `localhost`: addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export function databaseUrl(env: NodeJS.ProcessEnv): string {
  const url = env.BACKOFFICE_DATABASE_URL;
  if (!url) throw new ConfigProblem('BACKOFFICE_DATABASE_URL is not set (e.g. postgresql://backoffice:PASSWORD@127.0.0.1:5432/backoffice)');
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ConfigProblem('BACKOFFICE_DATABASE_URL is not a URL');
  }
  if (protocol !== 'postgresql:' && protocol !== 'postgres:') throw new ConfigProblem('BACKOFFICE_DATABASE_URL must start with postgresql://');
  return url;
}

export function readConfig(env: NodeJS.ProcessEnv): BackofficeConfig {
  const host = env.BACKOFFICE_HOST || '127.0.0.1';
  const portText = env.BACKOFFICE_PORT ?? String(DEFAULT_BACKOFFICE_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new ConfigProblem(`BACKOFFICE_PORT must be a port number (0 = any free port), got "${portText}"`);
  const certFile = env.BACKOFFICE_TLS_CERT;
  const keyFile = env.BACKOFFICE_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new ConfigProblem('set both BACKOFFICE_TLS_CERT and BACKOFFICE_TLS_KEY, or neither');
  if (!certFile && !isLoopback(host)) {
    throw new ConfigProblem(`BACKOFFICE_HOST is ${host}: plain HTTP is allowed on loopback only; set BACKOFFICE_TLS_CERT and BACKOFFICE_TLS_KEY to serve HTTPS`);
  }
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigProblem(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  const tls = certFile && keyFile ? { cert: read(certFile, 'BACKOFFICE_TLS_CERT'), key: read(keyFile, 'BACKOFFICE_TLS_KEY') } : null;
  return { databaseUrl: databaseUrl(env), host, port, tls };
}
