/**
 * The browser-facing rules of the back office UI (docs/backoffice.md, "Sessions and security"):
 *
 * - every page is sent with a Content-Security-Policy that allows nothing but this origin's own
 *   style sheet and fonts — no script at all (the pages need none), no inline style, no frames —
 *   so even a string that escaped escaping could not run;
 * - the session cookie is `__Host-` prefixed, HttpOnly, Secure, SameSite=Strict, Path=/: the browser
 *   never sends it from another site, and scripts never see it. Chromium keeps Secure cookies on
 *   http://127.0.0.1 and http://localhost (loopback is a secure context), so the same flags work on
 *   the loopback HTTP the back office allows without TLS (tests/e2e/backoffice.spec.ts checks it);
 * - every state-changing request (POST) must carry an Origin header equal to this service's own
 *   origin (the Host it was asked for, on the scheme it serves), or it is refused before anything is
 *   read — a second line behind SameSite=Strict.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback } from '../config.ts';

export const SESSION_COOKIE = '__Host-backoffice-session';
export const LANGUAGE_COOKIE = '__Host-backoffice-language';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "style-src 'self'", "font-src 'self'", "img-src 'self'",
  "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/** Headers on every UI answer (pages, static files, redirects). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Not no-referrer: under it Chromium sends `Origin: null` with a form's POST, which the Origin check refuses.
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function setCookie(res: ServerResponse, name: string, value: string, maxAgeSeconds: number): void {
  const cookie = `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;
  const before = res.getHeader('Set-Cookie');
  res.setHeader('Set-Cookie', [...(Array.isArray(before) ? before : []), cookie]);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * This service's own origin as the browser names it: the scheme it serves and the Host header, which
 * on a loopback service must itself be a loopback name (so a site whose DNS name was pointed at
 * 127.0.0.1 cannot become "same origin" with it).
 */
export function ownOrigin(req: IncomingMessage, tls: boolean, listeningOnLoopback: boolean): string | null {
  const host = req.headers.host;
  if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return null;
  if (listeningOnLoopback) {
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    if (!isLoopback(name)) return null;
  }
  return `${tls ? 'https' : 'http'}://${host}`;
}

/** Whether a state-changing request comes from a page of this service. */
export function sameOrigin(req: IncomingMessage, tls: boolean, listeningOnLoopback: boolean): boolean {
  const own = ownOrigin(req, tls, listeningOnLoopback);
  const origin = req.headers.origin;
  if (!own || typeof origin !== 'string' || origin !== own) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}
