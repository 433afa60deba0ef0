/**
 * The receipt's fonts, bundled in resources/fonts/ (OFL, copied from @fontsource). Registered under
 * our own family names so a system-installed "Noto Sans" of another version can never be picked
 * instead, and so the same receipt renders identically on every shop's computer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/** Family names the layout asks for; Latin first, Khmer picks up every Khmer character. */
export const LATIN_FAMILY = 'Receipt Noto Sans';
export const KHMER_FAMILY = 'Receipt Noto Sans Khmer';

/** Files in the font directory, by family. woff2 loads fine in @napi-rs/canvas and is the smallest. */
export const FONT_FILES: ReadonlyArray<{ file: string; family: string }> = [
  { file: 'noto-sans-latin-400-normal.woff2', family: LATIN_FAMILY },
  { file: 'noto-sans-latin-700-normal.woff2', family: LATIN_FAMILY },
  { file: 'noto-sans-khmer-khmer-400-normal.woff2', family: KHMER_FAMILY },
  { file: 'noto-sans-khmer-khmer-700-normal.woff2', family: KHMER_FAMILY },
];

/** Repo-root resources/fonts/ when running from source. The packaged app passes its own path. */
export function defaultFontDir(): string {
  return fileURLToPath(new URL('../../../../resources/fonts/', import.meta.url));
}

let registeredFrom: string | null = null;

/**
 * Registers the receipt fonts once per process; later calls are no-ops (the first directory wins,
 * so the Electron main process can call this with its resources path before anything renders).
 * Returns the directory the fonts were loaded from. Throws naming the file when one is missing.
 */
export function registerReceiptFonts(fontDir: string = defaultFontDir()): string {
  if (registeredFrom !== null) return registeredFrom;
  for (const { file } of FONT_FILES) {
    const path = join(fontDir, file);
    if (!existsSync(path)) throw new Error(`receipt font missing: ${path}`);
  }
  for (const { file, family } of FONT_FILES) {
    const path = join(fontDir, file);
    if (!GlobalFonts.registerFromPath(path, family)) throw new Error(`receipt font could not be loaded: ${path}`);
  }
  registeredFrom = fontDir;
  return fontDir;
}
