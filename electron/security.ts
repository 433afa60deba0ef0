/**
 * Electron's security checklist, applied once for the whole app: the screens are local pages with
 * nothing to ask the OS for, so every permission is refused; they never leave app://pos, never
 * open windows, never embed <webview>, never load remote content.
 * (https://www.electronjs.org/docs/latest/tutorial/security)
 */
import type { App, Session, WebContents } from 'electron';
import { isAllowedRequestUrl, isAppUrl } from './app-url.ts';
import { isReloadOrInspectKey } from './devtools.ts';

/** Before ready: every renderer sandboxed, whatever a window's options say. */
export function enforceSandbox(app: App): void {
  app.enableSandbox();
}

/** Locks down a session (the default one is the only one we use). */
export function lockDownSession(session: Session): void {
  // Camera, microphone, notifications, geolocation, HID, serial, USB, clipboard...: all refused.
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`[security] refused permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // No remote content, whatever a page (or an injected tag) asks for.
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isAllowedRequestUrl(details.url);
    if (cancel) console.warn(`[security] blocked request: ${details.url}`);
    callback({ cancel });
  });
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Every web contents the app ever creates (windows, DevTools) gets the same locks; without DevTools
 * (electron/devtools.ts) the keys that reload a page or open DevTools are dropped too.
 */
export function lockDownContents(app: App, { devTools }: { devTools: boolean }): void {
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents));
  if (!devTools) app.on('web-contents-created', (_event, contents) => lockDeveloperKeys(contents));
}

/** A reload or DevTools key never reaches the page or a menu (there is none; this holds if one comes back). */
function lockDeveloperKeys(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isReloadOrInspectKey(input)) event.preventDefault();
  });
}

function lockNavigation(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] refused to open a window for ${url}`);
    return { action: 'deny' };
  });
  // Main frame, sub-frames and server redirects: nothing may leave app://pos.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) refuse(event, url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) refuse(event, event.url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) refuse(event, url);
  });
  contents.on('will-attach-webview', (event) => {
    console.warn('[security] refused to attach a <webview>');
    event.preventDefault();
  });
}

function refuse(event: { preventDefault(): void }, url: string): void {
  console.warn(`[security] blocked navigation to ${url}`);
  event.preventDefault();
}
