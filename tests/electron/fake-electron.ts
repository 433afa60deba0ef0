// A stand-in for the `electron` module, just wide enough to load the built main process
// (out/main/index.js) in plain Node and watch what it does: which windows it opens with which
// options, which IPC handlers and protocol it registers, what it pushes to which window.
// It cannot say anything about Chromium itself (CSP enforcement, the sandbox, contextBridge):
// that is tests/electron/app.spec.ts's job, with a real Electron binary.

import { fileURLToPath } from 'node:url';
import { EventEmitter } from 'node:events';

export interface Rect { x: number; y: number; width: number; height: number }
export interface FakeDisplay { id: number; bounds: Rect; workArea: Rect }

let nextId = 1;
let readyResolve: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => { readyResolve = resolve; });

/** Everything the main process did, in order, for the tests to read. */
export const record = {
  isReady: false,
  sandboxEnabled: false,
  schemes: [] as Array<{ scheme: string; privileges: Record<string, boolean>; beforeReady: boolean }>,
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as FakeWindow[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  exitCodes: [] as number[],
  quits: 0,
  /** Every Menu.setApplicationMenu call (null = no menu, so none of the default menu's keys). */
  applicationMenus: [] as Array<{ menu: unknown; beforeReady: boolean; windowsBefore: number }>,
  session: {
    permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
    devicePermission: null as null | ((...args: unknown[]) => boolean),
    beforeRequest: null as null | ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void),
  },
};

export let displays: FakeDisplay[] = [];
export let primaryId = 1;
export function setDisplays(list: FakeDisplay[], primary = list[0]!.id): void {
  displays = list;
  primaryId = primary;
}

class FakeFrame {
  url = '';
  readonly parent = null;
  readonly processId: number;
  readonly routingId = 1;
  destroyed = false;
  constructor(processId: number) { this.processId = processId; }
  isDestroyed(): boolean { return this.destroyed; }
}

class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeFrame(1000 + this.id);
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]): void { this.sent.push({ channel, args: structuredClone(args) }); }
  getURL(): string { return this.mainFrame.url; }
  isDestroyed(): boolean { return this.destroyed; }
  isCrashed(): boolean { return false; }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void { this.windowOpenHandler = handler; }
}

export class FakeWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  fullScreen = false;
  minimized = false;
  visible = false;
  bounds: Rect;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  isDestroyed(): boolean { return this.destroyed; }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.mainFrame.destroyed = true;
    this.emit('closed');
  }
  close(): void { this.destroy(); }
  show(): void { this.visible = true; }
  showInactive(): void { this.visible = true; }
  focus(): void {}
  isMinimized(): boolean { return this.minimized; }
  minimize(): void { this.minimized = true; }
  restore(): void { this.minimized = false; }
  setFullScreen(on: boolean): void { this.fullScreen = on; }
  setBounds(bounds: Rect): void { this.bounds = { ...bounds }; }
}

/**
 * safeStorage with a stand-in cipher (XOR and a marker): enough to show the main process stores only
 * what safeStorage gave it, never the secret itself.
 */
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean { return this.available; },
  encryptString(text: string): Buffer {
    return Buffer.concat([Buffer.from('FAKE-SAFE:'), Buffer.from(text).map((byte) => byte ^ 0x5a)]);
  },
  decryptString(bytes: Buffer): string {
    const marker = Buffer.from('FAKE-SAFE:');
    if (!bytes.subarray(0, marker.length).equals(marker)) throw new Error('not encrypted by this safeStorage');
    return Buffer.from(bytes.subarray(marker.length).map((byte) => byte ^ 0x5a)).toString();
  },
};

/** A trusted-looking IPC event from the top frame of `window`. */
export function eventFrom(window: FakeWindow): { sender: FakeWebContents; senderFrame: FakeFrame } {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

class FakeApp extends EventEmitter {
  /** Writable so a test can see what the packaged app would do (e.g. DevTools off). */
  isPackaged = false;
  readonly paths = new Map<string, string>();
  setPath(name: string, path: string): void {
    if (record.isReady && name === 'userData') throw new Error('userData must be set before ready');
    this.paths.set(name, path);
  }
  whenReady(): Promise<void> { return readyPromise; }
  isReady(): boolean { return record.isReady; }
  enableSandbox(): void {
    if (record.isReady) throw new Error('enableSandbox after ready');
    record.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean { return true; }
  /** The unpackaged app's root is the repository (main.ts loads resources/ from it). */
  getAppPath(): string { return fileURLToPath(new URL('../../', import.meta.url)); }
  getPath(name: string): string { return this.paths.get(name) ?? `/nonexistent/fake-electron/${name}`; }
  quit(): void {
    record.quits++;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
  }
  exit(code: number): void { record.exitCodes.push(code); }
}

export const app = new FakeApp();

/** What Electron does when it is ready. */
export function becomeReady(): void {
  record.isReady = true;
  app.emit('ready');
  readyResolve();
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void {
    for (const s of schemes) record.schemes.push({ ...s, beforeReady: !record.isReady });
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    record.protocolHandlers.set(scheme, handler);
  },
  isProtocolHandled(scheme: string): boolean { return record.protocolHandlers.has(scheme); },
  unhandle(scheme: string): void { record.protocolHandlers.delete(scheme); },
};

export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void { record.ipcHandlers.delete(channel); },
};

/** Calls a handler the way ipcMain does: a thrown error becomes a rejected invoke. */
export async function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = record.ipcHandlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  return structuredClone(await handler(event, ...args));
}

class FakeScreen extends EventEmitter {
  getAllDisplays(): FakeDisplay[] { return displays; }
  getPrimaryDisplay(): FakeDisplay { return displays.find((d) => d.id === primaryId)!; }
}
export const screen = new FakeScreen();

class FakeSession extends EventEmitter {
  readonly webRequest = {
    onBeforeRequest(listener: typeof record.session.beforeRequest): void { record.session.beforeRequest = listener; },
  };
  setPermissionRequestHandler(handler: typeof record.session.permissionRequest): void { record.session.permissionRequest = handler; }
  setPermissionCheckHandler(handler: typeof record.session.permissionCheck): void { record.session.permissionCheck = handler; }
  setDevicePermissionHandler(handler: typeof record.session.devicePermission): void { record.session.devicePermission = handler; }
  setDisplayMediaRequestHandler(): void {}
}
export const session = { defaultSession: new FakeSession() };

/** What the next save dialog answers (a test sets it); every dialog shown is recorded. */
export const saveDialog = {
  answer: { canceled: true, filePath: undefined as string | undefined },
  shown: [] as Array<{ window: unknown; options: { defaultPath?: string; filters?: unknown } }>,
};

export const dialog = {
  showErrorBox(title: string, content: string): void { record.errorBoxes.push({ title, content }); },
  async showSaveDialog(window: unknown, options: { defaultPath?: string; filters?: unknown }): Promise<{ canceled: boolean; filePath?: string }> {
    saveDialog.shown.push({ window, options });
    return { ...saveDialog.answer };
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    record.applicationMenus.push({ menu, beforeReady: !record.isReady, windowsBefore: record.windows.length });
  },
  /** Stands in for a built menu: the template itself, to read back. */
  buildFromTemplate(template: unknown[]): { template: unknown[] } { return { template: structuredClone(template) }; },
};

/**
 * A key press as Electron's before-input-event gives it to the main process, sent to `window`'s
 * web contents; true if a listener prevented it (it then reaches neither the page nor a menu).
 */
export function pressKey(window: FakeWindow, key: { key: string; code: string; control?: boolean; meta?: boolean; shift?: boolean; alt?: boolean }): boolean {
  let prevented = false;
  const input = { type: 'keyDown', control: false, meta: false, shift: false, alt: false, isAutoRepeat: false, ...key };
  window.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
  return prevented;
}

export const BrowserWindow = FakeWindow;
export default { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session };
