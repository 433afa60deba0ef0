/**
 * Where the built pieces are, relative to the bundled main process (out/main/index.js):
 * the sandboxed preloads in out/preload and the renderer the app:// protocol serves.
 *
 * No `electron` import, so tests can check the paths in plain Node.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageName } from './app-url.ts';

/** out/main (this file is bundled into out/main/index.js). */
const MAIN_DIR = dirname(fileURLToPath(import.meta.url));

/** out/preload/<page>.cjs: one self-contained CommonJS file per page (see electron/vite.config.ts). */
export function preloadPath(page: PageName, mainDir = MAIN_DIR): string {
  return join(mainDir, '..', 'preload', `${page}.cjs`);
}

/** out/renderer. */
export function rendererDir(mainDir = MAIN_DIR): string {
  return join(mainDir, '..', 'renderer');
}
