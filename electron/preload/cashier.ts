/**
 * Cashier window preload (sandboxed, context-isolated): gives the page `window.posCashier`, the
 * CashierBridge from the contract, and nothing else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CashierBridge, CashierState, CommandReply, SaveExportOutcome } from '../../src/shared/contract.ts';
import { feed } from './state-feed.ts';
import { WIRE } from './wire.ts';

const posCashier = {
  // Fixed channel, whatever the page passes; the host validates the name and arguments.
  invoke: (name, args) =>
    ipcRenderer.invoke(WIRE.command, name, args).catch(
      // The contract carries errors as data: a refused or failed IPC call becomes a reply too.
      (error: unknown): CommandReply<never> => ({
        ok: false,
        error: { code: 'internal', text: { code: 'request.hostUnreachable' }, message: `The POS could not be reached (${String(error)})` },
      }),
    ),
  // The main process shows a save dialog and copies the file; the page never sees a path.
  saveExport: (exportId) => ipcRenderer.invoke(WIRE.saveExport, exportId).catch((): SaveExportOutcome => 'failed'),
  onState: (listener) => feed<CashierState>(WIRE.cashierSubscribe, WIRE.cashierState, listener),
} satisfies CashierBridge;

contextBridge.exposeInMainWorld('posCashier', posCashier);
