/**
 * Where the screens get their bridge to the host. In Electron the preload has put it on `window`;
 * in a browser (web mode) there is none, so the HTTP/SSE transport is used. Screens import from here
 * and never know which one they got.
 */
import type { CashierBridge, DisplayBridge } from '../../shared/contract.ts';
import { createWebCashierBridge, createWebDisplayBridge } from './web.ts';

declare global {
  interface Window {
    /** Set by electron/preload/cashier.ts. */
    posCashier?: CashierBridge;
    /** Set by electron/preload/customer.ts. */
    posDisplay?: DisplayBridge;
  }
}

let cashier: CashierBridge | undefined;
let display: DisplayBridge | undefined;

export function cashierBridge(): CashierBridge {
  cashier ??= window.posCashier ?? createWebCashierBridge();
  return cashier;
}

export function displayBridge(): DisplayBridge {
  display ??= window.posDisplay ?? createWebDisplayBridge();
  return display;
}
