/**
 * The app:// origin the two screens are served from, and the pure rules about it: which URLs are
 * ours, which page a URL is, and which file under out/renderer a request may read.
 *
 * Runs in the Electron main process but imports nothing from `electron`, so the rules can be
 * tested in plain Node (tests/electron/*.test.ts).
 */
import { join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
/** A fixed host gives the pages a real, stable origin (app://pos) for CSP 'self' and same-origin checks. */
export const APP_HOST = 'pos';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type PageName = 'cashier' | 'customer';

export const PAGE_URLS: Readonly<Record<PageName, string>> = {
  cashier: `${APP_ORIGIN}/cashier/index.html`,
  customer: `${APP_ORIGIN}/customer/index.html`,
};

export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, contentTypeOf } from '../src/shared/http-headers.ts';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for URLs on our own origin (app://pos/...); everything else is foreign. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** True when `url` is the given page (query and hash ignored), e.g. app://pos/cashier/index.html. */
export function isPageUrl(url: string, page: PageName): boolean {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return false;
  return parsed.pathname === `/${page}/index.html` || parsed.pathname === `/${page}/`;
}

/**
 * The file under `rootDir` an app:// request may read, or null when it is not ours or would leave
 * `rootDir` (`..`, encoded separators, NUL bytes). Directories map to their index.html.
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative.endsWith('/')) relative += 'index.html';
  const root = normalize(rootDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * What a renderer may request at all: our own origin, inline data: images (the QR codes) and
 * blob:; plus devtools: so DevTools still opens while debugging. Everything else (http, https,
 * file, ws, other schemes) is cancelled: the screens never load remote content. The host's own
 * API calls run in Node in the main process and are not affected.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = parse(url)?.protocol;
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}
