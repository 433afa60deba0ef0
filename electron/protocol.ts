/**
 * The app:// protocol: serves the built renderer (out/renderer) with the same security headers as
 * web mode. A custom standard scheme instead of file:// gives the pages a real origin (so CSP
 * 'self' and same-origin module scripts work) and keeps file:// privileges out of reach.
 */
import { readFile, stat } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, SECURITY_HEADERS, contentTypeOf, resolveAppPath } from './app-url.ts';

/** Must run before `app` is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // No corsEnabled/bypassCSP: only same-origin requests from our own pages may read app:// responses.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After ready: answer app:// requests from files under `rendererDir`, nothing else. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(405, 'method not allowed', { allow: 'GET, HEAD' });
    }
    const file = resolveAppPath(rendererDir, request.url);
    if (!file) return reply(404, 'not found');
    try {
      if (!(await stat(file)).isFile()) return reply(404, 'not found');
      const body = await readFile(file);
      const type = contentTypeOf(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          ...SECURITY_HEADERS,
          'content-type': type,
          'cache-control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable',
        },
      });
    } catch {
      return reply(404, 'not found');
    }
  });
}

function reply(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
