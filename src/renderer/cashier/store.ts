/**
 * The cashier window's state: the host's CashierState (pushed through the bridge), the keyed amount,
 * the view, the command in flight and the last command error. Components read it with selectors.
 */
import { create } from 'zustand';
import type {
  CashierAccessProblem,
  CashierState,
  CommandArgs,
  CommandError,
  CommandName,
  CommandResult,
  Currency,
  ReceiptPreview,
} from '../../shared/contract.ts';
import type { HostMessage } from '../../shared/messages/index.ts';
import { cashierBridge } from '../bridge/index.ts';
import { clockOffset } from '../common/countdown.ts';
import { keyedAmount, pressKeyIn, switchKeyedCurrency } from './keyed-money.ts';
import type { KeypadKey, Refusal } from './keypad.ts';
import { acceptsKey, canCharge } from './sale.ts';
import { checkNowErrorIsStale, type ErrorOrigin } from './sale.ts';

export type View = 'sell' | 'shift' | 'settings';
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
  /** The currency the amount is keyed in (the $/៛ toggle, F2): a riel sale is keyed in whole riel. */
  keyedCurrency: Currency;
  view: View;
  pending: PendingCommand | null;
  error: CommandError | null;
  /** Which command `error` came from (a charge's error may already be shown as a failed sale). */
  errorOrigin: ErrorOrigin | null;
  /**
   * `error` is that the host could not be reached at all (not an answer from it): it is stale, and
   * cleared, as soon as the host is heard from again.
   */
  errorIsLink: boolean;
  /** The last keypad press that was refused, and why; `seq` counts refusals so each one shakes anew. */
  refusal: { reason: Refusal; seq: number } | null;
  /** The Cancel confirmation is open (from the Cancel button or Esc). */
  confirmingCancel: boolean;
  /** Web mode: this page cannot open the till (no key, or a key the POS refused). */
  accessProblem: CashierAccessProblem | null;
  receiptPending: ReceiptPending | null;
  /** The receipt preview dialog's content; null when it is closed. */
  preview: { saleId: number; image: ReceiptPreview } | null;
  /** False while the link to the host is down (web mode): the screen shows old state. */
  hostReachable: boolean;
  /** Who was signed in last: Lock keeps them chosen on the lock screen (only their PIN to type); Switch user does not. */
  lastUserId: string | null;
  /** The owner's recovery code, shown once in a dialog; null when there is none to show. */
  recoveryCode: string | null;

  receiveState(state: CashierState): void;
  press(key: KeypadKey): void;
  /** Keys the amount in the other currency, keeping the digits when they are an amount there too. */
  toggleCurrency(): void;
  /** A key that cannot be part of an amount, or a press refused for another reason: said, not dropped. */
  refuse(reason: Refusal): void;
  /** Opens the Cancel confirmation for the payment on screen (only while it waits for the customer). */
  askCancel(): void;
  keepWaiting(): void;
  /** The link to the host went down or came back (web mode). */
  setHostReachable(reachable: boolean): void;
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
  /** The ledger's integrity warning was seen (journaled by the host). */
  acknowledgeIntegrity(): Promise<void>;
  reprint(saleId: number): Promise<void>;
  openPreview(saleId: number): Promise<void>;
  closePreview(): void;
  /** Locks the till (every screen of it); `switchUser` leaves no one chosen on the lock screen. */
  lock(switchUser: boolean): Promise<void>;
  forgetLastUser(): void;
  showRecoveryCode(code: string): void;
  closeRecoveryCode(): void;
}

const HOST_UNREACHABLE: HostMessage = { code: 'request.hostUnreachable' };

/**
 * Calls a host command; a transport failure becomes a CommandError like any other, marked `link`
 * (the host was not reached: the screen says so in its own words and forgets it once the host is back).
 */
export async function invoke<K extends CommandName>(
  name: K,
  args: CommandArgs<K>,
): Promise<{ ok: true; value: CommandResult<K> } | { ok: false; error: CommandError; link?: boolean }> {
  try {
    const reply = await cashierBridge().invoke(name, args);
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { code: 'internal', text: HOST_UNREACHABLE, message: 'The POS host sent an answer the screen cannot read.' } };
  } catch (error) {
    const linkError: CommandError = { code: 'internal', text: HOST_UNREACHABLE, message: `The POS host could not be reached (${String(error)}).` };
    linkErrors.add(linkError);
    return { ok: false, error: linkError, link: true };
  }
}

/** Errors that are "the host was not reached" (not an answer from it), wherever a screen shows them. */
const linkErrors = new WeakSet<CommandError>();

export function isLinkError(error: CommandError): boolean {
  return linkErrors.has(error);
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
    const origin: ErrorOrigin = { command: makesSale ? 'charge' : pending === 'checkNow' ? 'checkNow' : 'other', priorSaleId: currentId() };
    const job = invoke(name, args).then((reply) => {
      set(
        reply.ok
          ? { pending: null, error: null, errorOrigin: null, errorIsLink: false }
          : { pending: null, error: reply.error, errorOrigin: origin, errorIsLink: reply.link === true },
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
    keyedCurrency: 'USD',
    view: 'sell',
    pending: null,
    error: null,
    errorOrigin: null,
    errorIsLink: false,
    refusal: null,
    confirmingCancel: false,
    accessProblem: null,
    receiptPending: null,
    preview: null,
    hostReachable: true,
    lastUserId: null,
    recoveryCode: null,

    receiveState(state) {
      const { errorIsLink, errorOrigin, confirmingCancel } = get();
      // Another person (or no one): they start on Sell, with nothing keyed by the one before.
      const user = state.auth?.user ?? null;
      if (user?.id !== get().state?.auth?.user?.id) {
        set({ view: 'sell', keypadText: '', refusal: null, ...(user ? { lastUserId: user.id } : {}) });
      }
      const stale = errorIsLink || checkNowErrorIsStale(errorOrigin, state);
      // A state from the host means it is answering: "not answering" is stale; so is a Check now
      // error once a later check worked or its sale stopped waiting (the watch banner says the rest). The confirmation
      // closes when the payment it asks about is no longer waiting (paid or expired meanwhile).
      set({
        state,
        clockOffset: clockOffset(state.serverTime, Date.now()),
        ...(stale ? { error: null, errorOrigin: null, errorIsLink: false } : {}),
        ...(confirmingCancel && state.current?.status !== 'awaiting_payment' ? { confirmingCancel: false } : {}),
      });
    },
    press(key) {
      const { keypadText, state, pending } = get();
      // While a payment is unresolved or a charge is on its way, a new amount would read as a
      // second charge (or change the one being made): refused, and said.
      if (!acceptsKey(key, state?.current, pending === 'charge')) return get().refuse('locked');
      const next = pressKeyIn(get().keyedCurrency, keypadText, key);
      set({ keypadText: next.text });
      // The line saying why stays while the cashier keys on ("1e5": why is it $15.00?), until they
      // correct the amount or start again.
      if (next.refused) get().refuse(next.refused);
      else if (key === 'backspace' || key === 'clear') set({ refusal: null });
    },
    toggleCurrency() {
      const { keyedCurrency, keypadText } = get();
      const to: Currency = keyedCurrency === 'USD' ? 'KHR' : 'USD';
      set({ keyedCurrency: to, keypadText: switchKeyedCurrency(keypadText, to), refusal: null });
    },
    refuse(reason) {
      set({ refusal: { reason, seq: (get().refusal?.seq ?? 0) + 1 } });
    },
    askCancel() {
      if (get().state?.current?.status === 'awaiting_payment') set({ confirmingCancel: true });
    },
    keepWaiting() {
      set({ confirmingCancel: false });
    },
    async lock(switchUser) {
      if (switchUser) set({ lastUserId: null });
      const reply = await invoke('auth.lock', {});
      if (!reply.ok) set({ error: reply.error, errorOrigin: { command: 'other', priorSaleId: currentId() }, errorIsLink: reply.link === true });
    },
    forgetLastUser() {
      set({ lastUserId: null });
    },
    showRecoveryCode(recoveryCode) {
      set({ recoveryCode });
    },
    closeRecoveryCode() {
      set({ recoveryCode: null });
    },
    setHostReachable(hostReachable) {
      const back = hostReachable && !get().hostReachable;
      set({ hostReachable, ...(back && get().errorIsLink ? { error: null, errorOrigin: null, errorIsLink: false } : {}) });
    },
    setView(view) {
      set({ view });
    },
    dismissError() {
      set({ error: null, errorOrigin: null, errorIsLink: false });
    },
    async charge() {
      if (get().pending === 'charge') return;
      // Another command (New sale, Check now…) is on its way: charge once it has finished.
      if (inflight) await inflight;
      const { keypadText, keyedCurrency, state, pending } = get();
      const amount = keyedAmount(keyedCurrency, keypadText);
      if (!canCharge(amount, state?.current, pending !== null)) return;
      // A riel amount goes as what is due in riel: the QR asks for its cents, rounded half up.
      await run('charge', 'payment.charge', keyedCurrency === 'USD' ? { amountCents: amount } : { due: { currency: 'KHR', amount } });
      // After any charge, made or failed, the amount has been used: the next digit starts a new
      // one ($4 fails, New sale, 5 is $5.00, never $45.00). Amount keys were refused meanwhile.
      set({ keypadText: '', refusal: null });
    },
    async checkNow() {
      const saleId = currentId();
      if (saleId !== null) await run('checkNow', 'payment.checkNow', { saleId });
    },
    async cancelPayment() {
      set({ confirmingCancel: false });
      const saleId = currentId();
      if (saleId !== null) await run('cancel', 'payment.cancel', { saleId });
    },
    async simulatePayment() {
      const saleId = currentId();
      if (saleId !== null) await run('simulate', 'training.simulatePayment', { saleId });
    },
    async newSale() {
      // From a key, the outcome may show before the command that produced it has returned (e.g. N
      // right after Cancel payment): New sale follows it rather than being dropped.
      if (inflight) await inflight;
      return run('dismiss', 'payment.dismiss', {});
    },
    async newQr() {
      const saleId = currentId();
      if (saleId !== null) await run('newQr', 'payment.newQr', { saleId });
    },
    async dismissAlert(id) {
      // Not exclusive with the payment buttons: acknowledging an alert must always be possible.
      const reply = await invoke('alerts.dismiss', { id });
      if (!reply.ok) set({ error: reply.error, errorOrigin: null, errorIsLink: reply.link === true });
    },
    async acknowledgeIntegrity() {
      // Like an alert: never exclusive with the payment buttons.
      const reply = await invoke('integrity.acknowledge', {});
      if (!reply.ok) set({ error: reply.error, errorOrigin: null, errorIsLink: reply.link === true });
    },
    async reprint(saleId) {
      if (get().receiptPending) return;
      set({ receiptPending: { saleId, action: 'reprint' } });
      // The copy's progress arrives with the state (printer.jobs); only a refusal needs showing here.
      const reply = await invoke('receipt.reprint', { saleId });
      set(
        reply.ok
          ? { receiptPending: null }
          : { receiptPending: null, error: reply.error, errorOrigin: null, errorIsLink: reply.link === true },
      );
    },
    async openPreview(saleId) {
      if (get().receiptPending) return;
      set({ receiptPending: { saleId, action: 'preview' } });
      const reply = await invoke('receipt.preview', { saleId });
      set(
        reply.ok
          ? { receiptPending: null, preview: { saleId, image: reply.value } }
          : { receiptPending: null, error: reply.error, errorOrigin: null, errorIsLink: reply.link === true },
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
  const stopConnection = bridge.onConnection?.((hostReachable) => useCashier.getState().setHostReachable(hostReachable));
  const stopAccess = bridge.onAccessProblem?.((accessProblem) => useCashier.setState({ accessProblem }));
  return () => {
    stopState();
    stopConnection?.();
    stopAccess?.();
  };
}
