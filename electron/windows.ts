/**
 * The two windows: the cashier's till on the primary display, and the customer display on the
 * second monitor when there is one (see placement.ts for the rules), following monitors as they
 * are plugged and unplugged.
 *
 * Both windows spell out the same locked-down webPreferences (sandboxed, context-isolated, no
 * Node, web security on, no DevTools) inline, where reviewers and scanners look for them;
 * tests/electron/security.test.ts fails if either loses one of those settings.
 */
import { app, BrowserWindow, screen } from 'electron';
import { PAGE_URLS, type PageName } from './app-url.ts';
import { chooseCustomerPlacement, placementChange, type CustomerPlacement } from './placement.ts';
import { devToolsEnabled } from './devtools.ts';
import { preloadPath } from './paths.ts';

export interface PosWindows {
  cashier(): BrowserWindow | null;
  customer(): BrowserWindow | null;
  /** Reopen whichever window is missing and bring the till forward (e.g. the app was launched again). */
  reveal(): void;
  /** Stop following monitors; the windows themselves close with the app. */
  dispose(): void;
}

export interface WindowOptions {
  /** The till is the app: closing it quits, even if the customer display is still open. */
  onCashierClosed: () => void;
}

/** Monitors announce themselves in bursts while being plugged in; settle before moving. */
const DISPLAY_SETTLE_MS = 750;
/** A renderer that crashes is reloaded, but not in a tight loop. */
const MIN_RELOAD_INTERVAL_MS = 10_000;

export function openPosWindows(options: WindowOptions): PosWindows {
  let cashier: BrowserWindow | null = null;
  let customer: BrowserWindow | null = null;
  let placement: CustomerPlacement | null = null;
  let lastExternalId: number | null = null;
  let settleTimer: NodeJS.Timeout | null = null;
  let disposed = false;

  function openCashier(): BrowserWindow {
    const area = screen.getPrimaryDisplay().workArea;
    const win = new BrowserWindow({
      x: area.x,
      y: area.y,
      width: Math.min(1280, area.width),
      height: Math.min(800, area.height),
      minWidth: 800,
      minHeight: 560,
      show: false,
      title: 'KHQR Counter POS',
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      webPreferences: {
        preload: preloadPath('cashier'), // eng-disable PRELOAD_JS_CHECK (reviewed: tests/electron/security.test.ts pins what it exposes)
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        // No DevTools at the counter: only with POS_DEVTOOLS=1 from a checkout (electron/devtools.ts).
        devTools: devToolsEnabled(app.isPackaged),
        // Middle-click would try to open a window (refused anyway by setWindowOpenHandler).
        disableBlinkFeatures: 'Auxclick',
        // A POS keeps counting down QR expiry even when its window is covered.
        backgroundThrottling: false,
      },
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      cashier = null;
      if (!disposed) options.onCashierClosed();
    });
    load(win, 'cashier');
    return win;
  }

  function openCustomer(next: CustomerPlacement): BrowserWindow {
    const external = next.kind === 'external';
    const win = new BrowserWindow({
      ...next.bounds,
      show: false,
      title: 'Customer display',
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      // On its own monitor it is the whole screen; as a spare window it needs a frame to be moved.
      frame: !external,
      skipTaskbar: external,
      fullscreenable: true,
      webPreferences: {
        preload: preloadPath('customer'), // eng-disable PRELOAD_JS_CHECK (reviewed: tests/electron/security.test.ts pins what it exposes)
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        // No DevTools at the counter: only with POS_DEVTOOLS=1 from a checkout (electron/devtools.ts).
        devTools: devToolsEnabled(app.isPackaged),
        // Middle-click would try to open a window (refused anyway by setWindowOpenHandler).
        disableBlinkFeatures: 'Auxclick',
        // A POS keeps counting down QR expiry even when its window is covered.
        backgroundThrottling: false,
      },
    });
    win.once('ready-to-show', () => {
      // showInactive: the cashier keeps keyboard focus (Enter on the keypad means Charge).
      win.showInactive();
      if (external) {
        win.setBounds(next.bounds);
        win.setFullScreen(true);
      } else if (next.minimized) {
        win.minimize();
      }
    });
    win.on('closed', () => {
      if (customer === win) {
        customer = null;
        placement = null;
      }
    });
    load(win, 'customer');
    return win;
  }

  function place(): void {
    if (disposed) return;
    const next = chooseCustomerPlacement({
      displays: screen.getAllDisplays(),
      primaryId: screen.getPrimaryDisplay().id,
      preferredId: lastExternalId,
      // Only a display that was on its own monitor while the app ran starts minimised when it loses it.
      lostExternal: placement?.kind === 'external',
    });
    const change = customer && !customer.isDestroyed() ? placementChange(placement, next) : 'recreate';
    if (change === 'recreate') {
      // destroy(), not close(): the old full-screen window must not linger on the till's screen.
      if (customer && !customer.isDestroyed()) customer.destroy();
      customer = openCustomer(next);
    } else if (change === 'move' && customer && next.kind === 'external') {
      customer.setFullScreen(false);
      customer.setBounds(next.bounds);
      customer.setFullScreen(true);
    }
    placement = next;
    if (next.kind === 'external') lastExternalId = next.displayId;
  }

  function settleThenPlace(): void {
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      place();
    }, DISPLAY_SETTLE_MS);
  }

  // Removal acts at once, whichever monitor went (the customer's own, or the primary so that the
  // customer's became primary, e.g. a laptop lid closed): waiting would leave a full-screen
  // customer display over the till meanwhile.
  const onRemoved = (): void => {
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = null;
    place();
  };
  const onAdded = (): void => settleThenPlace();
  const onMetrics = (): void => settleThenPlace();
  screen.on('display-removed', onRemoved);
  screen.on('display-added', onAdded);
  screen.on('display-metrics-changed', onMetrics);

  cashier = openCashier();
  place();

  return {
    cashier: () => (cashier && !cashier.isDestroyed() ? cashier : null),
    customer: () => (customer && !customer.isDestroyed() ? customer : null),
    reveal() {
      if (disposed) return;
      if (!cashier || cashier.isDestroyed()) cashier = openCashier();
      if (!customer || customer.isDestroyed()) place();
      if (cashier.isMinimized()) cashier.restore();
      cashier.focus();
    },
    dispose() {
      disposed = true;
      if (settleTimer) clearTimeout(settleTimer);
      screen.off('display-removed', onRemoved);
      screen.off('display-added', onAdded);
      screen.off('display-metrics-changed', onMetrics);
    },
  };
}

/** Loads our page and reloads it if its renderer dies, so a crash does not leave a blank till. */
function load(win: BrowserWindow, page: PageName): void {
  let lastReload = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[windows] ${page} renderer gone: ${details.reason}`);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (Date.now() - lastReload < MIN_RELOAD_INTERVAL_MS) return;
    lastReload = Date.now();
    void win.loadURL(PAGE_URLS[page]).catch((error: unknown) => console.error(`[windows] reload ${page}:`, error));
  });
  void win.loadURL(PAGE_URLS[page]).catch((error: unknown) => console.error(`[windows] load ${page}:`, error));
}
