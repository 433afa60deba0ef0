/**
 * The UI's static files: its style sheet and the bundled fonts (@fontsource Noto Sans and Noto Sans
 * Khmer, OFL, from the project's own dependencies — never a CDN), read once and served from this origin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface StaticFile {
  type: string;
  body: Buffer;
}

const font = (specifier: string): () => Buffer => () => readFileSync(fileURLToPath(import.meta.resolve(specifier)));

const SOURCES: Record<string, { type: string; read: () => Buffer }> = {
  '/static/app.css': { type: 'text/css; charset=utf-8', read: () => readFileSync(new URL('./static/app.css', import.meta.url)) },
  '/static/fonts/noto-sans-latin-400.woff2': { type: 'font/woff2', read: font('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2') },
  '/static/fonts/noto-sans-latin-700.woff2': { type: 'font/woff2', read: font('@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2') },
  '/static/fonts/noto-sans-khmer-400.woff2': { type: 'font/woff2', read: font('@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2') },
  '/static/fonts/noto-sans-khmer-700.woff2': { type: 'font/woff2', read: font('@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-700-normal.woff2') },
};

const loaded = new Map<string, StaticFile>();

/** The static file at `path`, or null. */
export function staticFile(path: string): StaticFile | null {
  const source = SOURCES[path];
  if (!source) return null;
  let file = loaded.get(path);
  if (!file) {
    file = { type: source.type, body: source.read() };
    loaded.set(path, file);
  }
  return file;
}
