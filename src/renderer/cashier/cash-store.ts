/**
 * The cash screen's state (CashTender.tsx): the tender currency, the typed amount, the change
 * choice, the command on its way and its error, the Void dialog. The sale itself is the host's
 * (the open sale on screen, see cash-tender.ts isPartlyPaid); before its first tender there is only
 * the keyed amount the screen was opened for.
 */
import { create } from 'zustand';
import type { ApprovalInput, CommandError, Currency } from '../../shared/contract.ts';
import { QUICK_CASH, type Money } from '../../shared/cash/index.ts';
import { addNote, exactText, isPartlyPaid, nextChangeOption, previewTender, targetOf, type CashTarget, type ChangeOption } from './cash-tender.ts';
import { keyedMoney, pressKeyIn } from './keyed-money.ts';
import type { KeypadKey, Refusal } from './keypad.ts';
import { invoke, useCashier } from './store.ts';

/** Why a cash key changed nothing: the keypad's reasons, or a note or Exact that cannot apply now. */
export type CashRefusal = Refusal | 'nothingLeft' | 'nothingTendered';

export interface CashStore {
  /** The keyed amount the screen was opened for (Cash on the amount), until its sale exists. */
  due: Money | null;
  /**
   * This Take cash's id (`cash.tender` `attempt`), renewed only once the host has answered, or the
   * state push shows it recorded: a retry after a lost reply sends the same id, and the host records
   * nothing twice.
   */
  attempt: string;
  currency: Currency;
  text: string;
  option: ChangeOption;
  busy: boolean;
  error: CommandError | null;
  refusal: { reason: CashRefusal; seq: number } | null;
  voiding: boolean;
  openFor(due: Money): void;
  close(): void;
  press(key: KeypadKey): void;
  refuse(reason: CashRefusal): void;
  toggleCurrency(): void;
  note(index: number): void;
  exact(): void;
  setOption(option: ChangeOption): void;
  cycleOption(): void;
  take(): Promise<void>;
  qrForRest(): Promise<void>;
  askVoid(): void;
  closeVoid(): void;
  /** True once the host voided the sale. */
  voidSale(reason: string, approver: ApprovalInput): Promise<boolean>;
  dismissError(): void;
}

/** What the cash screen tenders on now: the open sale partly paid, else the keyed amount it was opened for; null when closed. */
export function cashTarget(due: Money | null): CashTarget | null {
  const cashier = useCashier.getState().state;
  const current = cashier?.current;
  if (current && isPartlyPaid(current)) return targetOf(current);
  if (due && cashier) return { due, khrPerUsd: cashier.khrPerUsd, saleId: null, tendered: [] };
  return null;
}

const FRESH = { text: '', option: 'default' as ChangeOption, error: null, refusal: null, voiding: false };

/** 128 random bits as 32 lowercase hex digits (CASH_ATTEMPT): `getRandomValues` works on any page, even one not served securely. */
export function newAttempt(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const useCash = create<CashStore>()((set, get) => ({
  due: null,
  attempt: newAttempt(),
  currency: 'USD',
  ...FRESH,
  busy: false,

  openFor(due) {
    set({ ...FRESH, due, currency: due.currency });
  },
  close() {
    set({ ...FRESH, due: null });
  },
  press(key) {
    const next = pressKeyIn(get().currency, get().text, key);
    set({ text: next.text, ...(next.refused ? {} : { refusal: null }) });
    if (next.refused) get().refuse(next.refused);
  },
  refuse(reason) {
    set({ refusal: { reason, seq: (get().refusal?.seq ?? 0) + 1 } });
  },
  toggleCurrency() {
    set({ currency: get().currency === 'USD' ? 'KHR' : 'USD', text: '', refusal: null });
  },
  note(index) {
    const { currency, text } = get();
    const note = QUICK_CASH[currency][index];
    if (note === undefined) return get().refuse('notAmount');
    const next = addNote(currency, text, note);
    if (next === null) get().refuse(currency === 'USD' ? 'tooLarge' : 'rielTooLarge');
    else set({ text: next, refusal: null });
  },
  exact() {
    const target = cashTarget(get().due);
    const preview = target && previewTender(target, null, get().option);
    const text = preview?.kind === 'nothing' ? exactText(get().currency, preview.remaining) : null;
    if (text === null) get().refuse('nothingLeft');
    else set({ text, refusal: null });
  },
  setOption(option) {
    set({ option });
  },
  cycleOption() {
    set({ option: nextChangeOption(get().option) });
  },
  async take() {
    const { currency, text, option, due, busy } = get();
    if (busy) return;
    const tender = keyedMoney(currency, text);
    if (!tender) return get().refuse('noAmount');
    const target = cashTarget(due);
    if (!target) return;
    // The change choice goes only with the tender that covers the sale: the host refuses it otherwise.
    const covers = previewTender(target, tender, option).kind === 'covered';
    const change = covers ? { change: option } : {};
    set({ busy: true, error: null });
    const { attempt } = get();
    const on = target.saleId === null ? { due: target.due } : { saleId: target.saleId };
    const reply = await invoke('cash.tender', { ...on, tender, ...change, attempt });
    // The state push showed it recorded while the reply was on its way (or lost): that is the outcome.
    if (get().attempt !== attempt) return set({ busy: false });
    if (!reply.ok) {
      // A reply that never arrived keeps the id: Enter again repeats this attempt, never a second sale.
      return set({ busy: false, error: reply.error, ...(reply.link ? {} : { attempt: newAttempt() }) });
    }
    tenderRecorded();
    set({ currency: reply.value.sale.saleStatus === 'open' ? currency : get().currency });
  },
  async qrForRest() {
    if (!isPartlyPaid(useCashier.getState().state?.current)) return get().refuse('nothingTendered');
    set({ text: '', refusal: null });
    await useCashier.getState().newQr();
  },
  askVoid() {
    if (!isPartlyPaid(useCashier.getState().state?.current)) return get().refuse('nothingTendered');
    set({ voiding: true });
  },
  closeVoid() {
    set({ voiding: false });
  },
  async voidSale(reason, approver) {
    const sale = useCashier.getState().state?.current;
    if (!sale || get().busy) return false;
    set({ busy: true, error: null });
    const reply = await invoke('sale.void', { saleId: sale.id, reason, approver });
    if (!reply.ok) {
      set({ busy: false, error: reply.error });
      return false;
    }
    set({ ...FRESH, busy: false, due: null });
    return true;
  },
  dismissError() {
    set({ error: null });
  },
}));

/** The tender was recorded: the keyed amount and the typed cash are used (the sale exists, partly paid or completed with its change). */
function tenderRecorded(): void {
  // The new attempt first: the cashier store's listeners (below) must not see the old one again.
  useCash.setState({ ...FRESH, busy: false, due: null, attempt: newAttempt() });
  useCashier.setState({ keypadText: '', refusal: null });
}

// A sale on the screens holding this screen's attempt was recorded by it, even if its reply never
// came: the screen drops its typed tender and shows that sale (its change, or what is left to pay).
useCashier.subscribe((cashier) => {
  const { attempt } = useCash.getState();
  if (cashier.state?.current?.tenders.some((t) => t.attempt === attempt)) tenderRecorded();
});
