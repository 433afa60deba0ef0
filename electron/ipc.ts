/**
 * The IPC side of the contract, in one place: commands from the cashier window go to
 * `runCommand` (which validates names and arguments), and every host change is pushed to the two
 * windows. Each message is checked against the window it must come from (trusted-sender.ts);
 * the customer display may only subscribe to its own read-only state.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { saveExport } from './save-export.ts';
import { runCommand } from '../src/host/commands.ts';
import type { Host } from '../src/host/host.ts';
import { CHANNELS, type CashierState, type CommandReply, type DisplayState, type SaveExportOutcome } from '../src/shared/contract.ts';
import { isPageUrl, type PageName } from './app-url.ts';
import type { Snapshot } from './preload/wire.ts';
import { isTrustedSender } from './trusted-sender.ts';

export interface IpcWindows {
  cashier(): BrowserWindow | null;
  customer(): BrowserWindow | null;
}

const NOT_ALLOWED: CommandReply<never> = {
  ok: false,
  error: { code: 'not_allowed', text: { code: 'request.windowNotAllowed' }, message: 'This window may not send commands to the POS' },
};

/** Registers the handlers and starts pushing state; returns the function that undoes both. */
export function wireIpc(host: Host, windows: IpcWindows): () => void {
  // Bumped on every host change and sent with each state, so a screen can ignore stale ones.
  let version = 0;

  const trusted = (event: IpcMainInvokeEvent, page: PageName, channel: string): boolean => {
    const window = page === 'cashier' ? windows.cashier() : windows.customer();
    if (isTrustedSender(event, window, page)) return true;
    console.warn(`[ipc] refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'} (webContents ${event.sender.id})`);
    return false;
  };

  ipcMain.handle(CHANNELS.command, (event, name: unknown, args: unknown): Promise<CommandReply<unknown>> | CommandReply<never> => {
    if (!trusted(event, 'cashier', CHANNELS.command)) return NOT_ALLOWED;
    return runCommand(host, name, args);
  });

  ipcMain.handle(CHANNELS.saveExport, (event, exportId: unknown): Promise<SaveExportOutcome> | SaveExportOutcome => {
    if (!trusted(event, 'cashier', CHANNELS.saveExport)) return 'failed';
    return saveExport(host, windows.cashier(), exportId);
  });

  ipcMain.handle(CHANNELS.cashierSubscribe, (event): Snapshot<CashierState> => {
    if (!trusted(event, 'cashier', CHANNELS.cashierSubscribe)) throw new Error('not allowed');
    return { version, state: host.cashierState() };
  });

  ipcMain.handle(CHANNELS.displaySubscribe, (event): Snapshot<DisplayState> => {
    if (!trusted(event, 'customer', CHANNELS.displaySubscribe)) throw new Error('not allowed');
    return { version, state: host.displayState() };
  });

  const unsubscribe = host.subscribe(() => {
    version += 1;
    // The customer display first: when a QR was just committed, the customer is the one waiting.
    push(windows.customer(), 'customer', CHANNELS.displayState, version, () => host.displayState());
    push(windows.cashier(), 'cashier', CHANNELS.cashierState, version, () => host.cashierState());
  });

  return () => {
    unsubscribe();
    for (const channel of [CHANNELS.command, CHANNELS.saveExport, CHANNELS.cashierSubscribe, CHANNELS.displaySubscribe]) {
      ipcMain.removeHandler(channel);
    }
  };
}

/** Sends to the window's top frame, and only while it shows the page the state is meant for. */
function push(window: BrowserWindow | null, page: PageName, channel: string, version: number, state: () => unknown): void {
  if (!window || window.isDestroyed()) return;
  const contents = window.webContents;
  if (contents.isDestroyed() || contents.isCrashed() || !isPageUrl(contents.getURL(), page)) return;
  try {
    contents.send(channel, state(), version);
  } catch (error) {
    console.error(`[ipc] could not push ${channel}:`, error);
  }
}
