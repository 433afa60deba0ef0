/**
 * Builds the screens (and the Electron bundles) with electron-vite when any source is newer than
 * the last build, so `npm run web` and `npm start` just work from a fresh clone and start fast after.
 * Build output goes to stderr: web mode's stdout is exactly its two URL lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = join(ROOT, 'out', '.build-stamp');
const INPUTS = ['src', 'electron', 'resources', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIfStale(): void {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const newest = Math.max(...INPUTS.map((input) => newestMtime(join(ROOT, input))));
  if (built > newest) return;
  console.error('pos: building the screens…');
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build', '--config', 'electron/vite.config.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    console.error('pos: the build failed (see above)');
    process.exit(1);
  }
  writeFileSync(STAMP, new Date().toISOString());
}
