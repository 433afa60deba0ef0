/**
 * Electron main process: one instance per ledger folder, the host (plain Node, src/host) created once,
 * the two windows, the IPC between them, and a clean shutdown that closes the ledger. Everything
 * the POS does lives in the host; this file only carries it to the screens.
 */
import { join, resolve } from 'node:path';
import { app, dialog, Menu, session } from 'electron';
import { createHost, type Host } from '../src/host/host.ts';
import { trainingMode } from '../src/sandbox/training.ts';
import { counterMenuTemplate, devToolsEnabled } from './devtools.ts';
import { wireIpc } from './ipc.ts';
import { safeStorageSecrets } from './secret-store.ts';
import { registerAppScheme, serveAppScheme } from './protocol.ts';
import { enforceSandbox, lockDownContents, lockDownSession } from './security.ts';
import { rendererDir } from './paths.ts';
import { openPosWindows, type PosWindows } from './windows.ts';

// Owner-only files from the first moment: Chromium's profile lives in (or beside) the POS data
// directory, which the host keeps 0700/0600 (src/host/data-dir.ts).
process.umask(0o077);

// DevTools only with POS_DEVTOOLS=1 from a checkout (electron/devtools.ts says why).
const devTools = devToolsEnabled(app.isPackaged);

// These must happen before `ready`, so they run as this module loads (no await before them).
registerAppScheme();
enforceSandbox(app);
lockDownContents(app, { devTools });

let host: Host | null = null;
let windows: PosWindows | null = null;
let unwireIpc: (() => void) | null = null;
let shutdown: 'running' | 'closing' | 'closed' = 'running';

// With POS_DATA_DIR set (a test, a second till on one machine), Chromium's profile lives beside
// that ledger, so the single-instance lock below is per ledger, not per machine.
const dataDirFromEnv = process.env.POS_DATA_DIR?.trim();
if (dataDirFromEnv) app.setPath('userData', join(resolve(dataDirFromEnv), 'electron'));

// Two copies would open the same ledger and watch the same payments twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => windows?.reveal());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (shutdown === 'closed' || !host) return;
    // Hold the quit until the host has stopped its watchers and closed the database.
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void closeHost().finally(() => {
      shutdown = 'closed';
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function start(): void {
  // Before any window: Electron's default menu (Ctrl+Shift+I, Ctrl+R, F5) never reaches either.
  if (!devTools) {
    const template = counterMenuTemplate(process.platform);
    Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
  }
  try {
    // POS_DATA_DIR (read inside createHost) wins; otherwise the OS's per-user app data folder.
    host = createHost({
      training: trainingMode(),
      fallbackDataDir: app.getPath('userData'),
      // Receipt fonts: packaged under resources/ (electron-builder extraResources), else the repo's resources/.
      resourcesDir: app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'),
      // The back office's token, locked with the OS user's keychain (never in the ledger).
      secrets: safeStorageSecrets,
    });
  } catch (error) {
    fail(error);
    return;
  }
  lockDownSession(session.defaultSession);
  serveAppScheme(rendererDir());
  const current = host;
  // IPC first, so the pages find their handlers the moment they load.
  unwireIpc = wireIpc(current, { cashier: () => windows?.cashier() ?? null, customer: () => windows?.customer() ?? null });
  windows = openPosWindows({ onCashierClosed: () => app.quit() });
}

async function closeHost(): Promise<void> {
  windows?.dispose();
  unwireIpc?.();
  unwireIpc = null;
  try {
    await host?.close();
  } catch (error) {
    console.error('[main] closing the host failed:', error);
  }
  host = null;
}

/** Start-up failed (bad POS_* setting, unreadable ledger...): say why in plain words and stop. */
function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('[main] could not start:', error);
  dialog.showErrorBox('KHQR Counter POS could not start', message);
  app.exit(1);
}
