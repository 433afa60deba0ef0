/**
 * The cashier window's state: the host's CashierState (pushed through the bridge), the keyed amount,
 * the view, the command in flight and the last command error. Components read it with selectors.
 */
import { create } from 'zustand';
import type {
  CashierState,
  CommandArgs,
  CommandError,
  CommandName,
  CommandResult,
  ReceiptPreview,
} from '../../shared/contract.ts';
import { cashierBridge } from '../bridge/index.ts';
import { clockOffset } from '../common/countdown.ts';
import { applyKey, keyedCents } from './keypad.ts';
import type { KeypadKey } from './keypad.ts';
import { acceptsKey, canCharge } from './sale.ts';
import type { ErrorOrigin } from './sale.ts';

export type View = 'sell' | 'settings';
export type PendingCommand = 'charge' | 'checkNow' | 'cancel' | 'simulate' | 'dismiss' | 'newQr';
/** A receipt command on its way; it never blocks the payment buttons (printing must not hold up selling). */
export interface ReceiptPending {
  saleId: number;
  action: 'reprint' | 'preview';
}

export interface CashierStore {
  /** Latest state from the host; null until the first one arrives. */
  state: CashierState | null;
  /** Host clock minus local clock, measured when `state` arrived (for countdowns). */
  clockOffset: number;
  keypadText: string;
  view: View;
  pending: PendingCommand | null;
  error: CommandError | null;
  /** Which command `error` came from (a charge's error may already be shown as a failed sale). */
  errorOrigin: ErrorOrigin | null;
  receiptPending: ReceiptPending | null;
  /** The receipt preview dialog's content; null when it is closed. */
  preview: { saleId: number; image: ReceiptPreview } | null;
  /** False while the link to the host is down (web mode): the screen shows old state. */
  hostReachable: boolean;

  receiveState(state: CashierState): void;
  press(key: KeypadKey): void;
  setView(view: View): void;
  dismissError(): void;
  charge(): Promise<void>;
  checkNow(): Promise<void>;
  cancelPayment(): Promise<void>;
  simulatePayment(): Promise<void>;
  /** True once the host has cleared the finished sale. */
  newSale(): Promise<boolean>;
  newQr(): Promise<void>;
  dismissAlert(id: number): Promise<void>;
  reprint(saleId: number): Promise<void>;
  openPreview(saleId: number): Promise<void>;
  closePreview(): void;
}

/** Calls a host command; a transport failure becomes a CommandError like any other. */
export async function invoke<K extends CommandName>(
  name: K,
  args: CommandArgs<K>,
): Promise<{ ok: true; value: CommandResult<K> } | { ok: false; error: CommandError }> {
  try {
    const reply = await cashierBridge().invoke(name, args);
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: 'internal', message: 'The POS host sent an answer the screen cannot read.' } };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `The POS host could not be reached (${String(error)}).` } };
  }
}

export const useCashier = create<CashierStore>()((set, get) => {
  /** The command in flight, so a key press right after a button (e.g. Enter after New sale) waits for it. */
  let inflight: Promise<boolean> | null = null;

  /** Runs one command at a time for the payment buttons; errors go to the banner. */
  async function run<K extends CommandName>(
    pending: PendingCommand,
    name: K,
    args: CommandArgs<K>,
  ): Promise<boolean> {
    if (get().pending) return false;
    set({ pending });
    // Charge and New QR make a sale; if it fails, the payment panel shows it as failed (see SellView).
    const makesSale = pending === 'charge' || pending === 'newQr';
    const origin: ErrorOrigin = { command: makesSale ? 'charge' : 'other', priorSaleId: currentId() };
    const job = invoke(name, args).then((reply) => {
      set(
        reply.ok
          ? { pending: null, error: null, errorOrigin: null }
          : { pending: null, error: reply.error, errorOrigin: origin },
      );
      return reply.ok;
    });
    inflight = job;
    try {
      return await job;
    } finally {
      if (inflight === job) inflight = null;
    }
  }

  function currentId(): number | null {
    return get().state?.current?.id ?? null;
  }

  return {
    state: null,
    clockOffset: 0,
    keypadText: '',
    view: 'sell',
    pending: null,
    error: null,
    errorOrigin: null,
    receiptPending: null,
    preview: null,
    hostReachable: true,

    receiveState(state) {
      set({ state, clockOffset: clockOffset(state.serverTime, Date.now()) });
    },
    press(key) {
      // While a payment is unresolved, a new amount would read as a second charge: refused.
      if (!acceptsKey(key, get().state?.current)) return;
      set({ keypadText: applyKey(get().keypadText, key) });
    },
    setView(view) {
      set({ view });
    },
    dismissError() {
      set({ error: null, errorOrigin: null });
    },
    async charge() {
      if (get().pending === 'charge') return;
      // Another command (New sale, Check now…) is on its way: charge once it has finished.
      if (inflight) await inflight;
      const { keypadText, state, pending } = get();
      const amountCents = keyedCents(keypadText);
      if (!canCharge(amountCents, state?.current, pending !== null)) return;
      const ok = await run('charge', 'payment.charge', { amountCents });
      // Clear only if the cashier has not started keying something else meanwhile.
      if (ok && get().keypadText === keypadText) set({ keypadText: '' });
    },
    async checkNow() {
      const saleId = currentId();
      if (saleId !== null) await run('checkNow', 'payment.checkNow', { saleId });
    },
    async cancelPayment() {
      const saleId = currentId();
      if (saleId !== null) await run('cancel', 'payment.cancel', { saleId });
    },
    async simulatePayment() {
      const saleId = currentId();
      if (saleId !== null) await run('simulate', 'training.simulatePayment', { saleId });
    },
    async newSale() {
      return run('dismiss', 'payment.dismiss', {});
    },
    async newQr() {
      const saleId = currentId();
      if (saleId !== null) await run('newQr', 'payment.newQr', { saleId });
    },
    async dismissAlert(id) {
      // Not exclusive with the payment buttons: acknowledging an alert must always be possible.
      const reply = await invoke('alerts.dismiss', { id });
      if (!reply.ok) set({ error: reply.error, errorOrigin: null });
    },
    async reprint(saleId) {
      if (get().receiptPending) return;
      set({ receiptPending: { saleId, action: 'reprint' } });
      // The copy's progress arrives with the state (printer.jobs); only a refusal needs showing here.
      const reply = await invoke('receipt.reprint', { saleId });
      set(reply.ok ? { receiptPending: null } : { receiptPending: null, error: reply.error, errorOrigin: null });
    },
    async openPreview(saleId) {
      if (get().receiptPending) return;
      set({ receiptPending: { saleId, action: 'preview' } });
      const reply = await invoke('receipt.preview', { saleId });
      set(
        reply.ok
          ? { receiptPending: null, preview: { saleId, image: reply.value } }
          : { receiptPending: null, error: reply.error, errorOrigin: null },
      );
    },
    closePreview() {
      set({ preview: null });
    },
  };
});

/** Subscribes the store to the host. Returns the unsubscribe. */
export function connectCashier(): () => void {
  const bridge = cashierBridge();
  const stopState = bridge.onState((state) => useCashier.getState().receiveState(state));
  const stopConnection = bridge.onConnection?.((hostReachable) => useCashier.setState({ hostReachable }));
  return () => {
    stopState();
    stopConnection?.();
  };
}
