/**
 * DevTools, and the keys that open them or reload a page, are a developer's tools. At the counter
 * they would be a way round everything the host checks: DevTools on the customer display can draw
 * any QR, or "Paid", without a sale in the ledger. `npm start` from a checkout is how README sets a
 * shop up, so "not packaged" does not mean "a developer": they are on only when asked for with
 * POS_DEVTOOLS=1, and never in the packaged app.
 *
 * When they are off, main.ts replaces the application menu (counterMenuTemplate) (Electron's default menu is what gives
 * Ctrl+Shift+I, Ctrl+R and F5 their meaning), every window is built with `devTools: false`, and
 * security.ts drops those keys before they reach a page or a menu, should a menu ever come back.
 *
 * No `electron` import (types only), so tests can check the decisions in plain Node.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The environment variable, and the one value that turns DevTools on. */
export const DEVTOOLS_ENV = 'POS_DEVTOOLS';

export function devToolsEnabled(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !isPackaged && env[DEVTOOLS_ENV] === '1';
}

/** The part of Electron's `Input` (before-input-event) this looks at. */
export interface KeyInput {
  type: string;
  key: string;
  /** The physical key ('KeyR'), the same whatever the keyboard layout (Khmer included). */
  code: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/**
 * Keys that reload a page or open DevTools in Chromium or Electron's default menu: F5, F12,
 * Ctrl/Cmd+R (with or without Shift), Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I/J/C. The till uses none of them.
 */
export function isReloadOrInspectKey(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (input.key === 'F5' || input.key === 'F12' || input.code === 'F5' || input.code === 'F12') return true;
  if (!input.control && !input.meta) return false;
  if (input.code === 'KeyR' || input.key.toLowerCase() === 'r') return true;
  const inspect = ['KeyI', 'KeyJ', 'KeyC'].includes(input.code) || ['i', 'j', 'c'].includes(input.key.toLowerCase());
  return inspect && (input.shift || (input.meta && input.alt));
}

/**
 * The menu at the counter: none on Windows and Linux (no menu bar at all). macOS always has a menu
 * bar, and without an Edit menu Cmd+C/V would not work in the Settings fields: there the app menu
 * (Quit) and the Edit menu only, nothing that reloads a page or opens DevTools.
 */
export function counterMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  return platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }] : null;
}
