/**
 * The cash screen's rules as pure functions (no DOM, tested in Node): which sale it tenders on, what
 * the tendered amount would leave or give back before it is taken (the same arithmetic the host
 * settles with, shared/cash), quick-cash notes, Exact and the change choice. The host settles again
 * and is the one that records; this only previews.
 */
import type { ChangeChoiceArg, Currency, SaleView } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import type { HostMessage } from '../../shared/messages/index.ts';
import { settle, type Change, type Money } from '../../shared/cash/index.ts';
import { centsToDecimal, formatRiel } from '../../shared/money.ts';
import { keyedAmount, pressKeyIn } from './keyed-money.ts';
import type { KeypadKey } from './keypad.ts';

/** The change choices the cash screen offers, in the order its key cycles them. */
export type ChangeOption = Exclude<ChangeChoiceArg, object>;
export const CHANGE_OPTIONS: readonly ChangeOption[] = ['default', 'usd', 'khr'];

export function nextChangeOption(option: ChangeOption): ChangeOption {
  return CHANGE_OPTIONS[(CHANGE_OPTIONS.indexOf(option) + 1) % CHANGE_OPTIONS.length]!;
}

const PENDING = new Set(['creating', 'awaiting_payment']);

/** Tenders that count towards what is due: paid, and not paid after the sale was covered. */
export function countedTenders(sale: SaleView): Money[] {
  return sale.tenders.filter((t) => t.status === 'paid' && !t.overpaid).map((t) => ({ currency: t.currency, amount: t.amount }));
}

/**
 * An open sale with money already tendered and no QR pending: it must be finished (more cash, a QR
 * for the rest) or voided, never left behind by New sale.
 */
export function isPartlyPaid(sale: SaleView | null | undefined): boolean {
  if (!sale || sale.saleStatus !== 'open') return false;
  return countedTenders(sale).length > 0 && !sale.tenders.some((t) => PENDING.has(t.status));
}

/** What the cash screen tenders on: a sale to open for the keyed amount, or the open sale on screen. */
export type CashTarget = { due: Money; khrPerUsd: number; saleId: null; tendered: Money[] } | { due: Money; khrPerUsd: number; saleId: number; tendered: Money[] };

export function targetOf(sale: SaleView): CashTarget {
  return { due: { currency: sale.currency, amount: sale.dueAmount }, khrPerUsd: sale.khrPerUsd, saleId: sale.id, tendered: countedTenders(sale) };
}

/** What taking the typed amount would do, shown before it is taken. */
export type TenderPreview =
  | { kind: 'nothing'; remaining: { usd: number; khr: number } }
  | { kind: 'short'; remaining: { usd: number; khr: number } }
  | { kind: 'covered'; change: Change }
  | { kind: 'refused'; message: HostMessage };

export function previewTender(target: CashTarget, typed: Money | null, option: ChangeOption): TenderPreview {
  try {
    const before = settle({ due: target.due, khrPerUsd: target.khrPerUsd }, target.tendered);
    if (!typed) return { kind: 'nothing', remaining: { usd: before.remaining.usd, khr: before.remaining.khr } };
    const after = settle({ due: target.due, khrPerUsd: target.khrPerUsd }, [...target.tendered, typed]);
    if (!after.covered) return { kind: 'short', remaining: { usd: after.remaining.usd, khr: after.remaining.khr } };
    return { kind: 'covered', change: settle({ due: target.due, khrPerUsd: target.khrPerUsd }, [...target.tendered, typed], option).change };
  } catch (error) {
    if (error instanceof PosError) return { kind: 'refused', message: error.text };
    throw error;
  }
}

/** An amount as the keypad keys it in its currency: "20", "10.25", "12500". */
export function amountText(currency: Currency, amount: number): string {
  if (currency === 'KHR') return String(amount);
  return amount % 100 === 0 ? String(amount / 100) : centsToDecimal(amount);
}

/**
 * A quick-cash note added to what is typed (the customer hands several notes), or null when the sum
 * is more than the till takes.
 */
export function addNote(currency: Currency, text: string, note: number): string | null {
  const sum = amountText(currency, keyedAmount(currency, text) + note);
  let kept = '';
  for (const key of sum) {
    const press = pressKeyIn(currency, kept, key as KeypadKey);
    if (press.refused) return null;
    kept = press.text;
  }
  return kept;
}

/** Exact: what remains, rounded for the currency (cents; riel to 100 ៛), as keypad text; null when nothing is left. */
export function exactText(currency: Currency, remaining: { usd: number; khr: number }): string | null {
  const amount = currency === 'USD' ? remaining.usd : remaining.khr;
  return amount > 0 ? amountText(currency, amount) : null;
}

/** The cash tendered on a sale, each in its own currency (what a void gives back). */
export function cashTendered(sale: SaleView): Money[] {
  return sale.tenders.filter((t) => t.kind === 'cash' && t.status === 'paid').map((t) => ({ currency: t.currency, amount: t.amount }));
}

/** A quick-cash note as printed on it: "$20" (whole dollars, no cents), "20,000៛". */
export function noteLabel(currency: Currency, note: number): string {
  return currency === 'USD' ? `$${note / 100}` : formatRiel(note);
}
