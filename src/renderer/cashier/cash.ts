/**
 * Pure helpers for the Shift tab's cash panel (CashPanel.tsx): an amount as the cashier types it in
 * each currency and the panel's figures per currency. No DOM, tested in Node. The host checks
 * everything again (src/host/ledger/cash-movements.ts).
 */
import type { CurrencyCash, ShiftCash } from '../../shared/contract.ts';
import { parseUsdToCents } from '../../shared/money.ts';
import { isCashAmount, parseRielText, type CashCurrency } from '../../shared/rules/cash.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * The typed amount in the currency's unit (USD "10.50" → 1050 cents; KHR "20,000" → 20000 riel), or
 * null when it is not one (a float may be 0, nothing else may).
 */
export function typedAmount(currency: CashCurrency, text: string, options: { allowZero?: boolean } = {}): number | null {
  let amount: number | null;
  if (currency === 'USD') {
    try {
      amount = parseUsdToCents(text.trim().replace(/^\$/, ''));
    } catch {
      amount = null;
    }
  } else {
    amount = parseRielText(text.replace(/៛$/, ''));
  }
  return amount !== null && isCashAmount(currency, amount, options) ? amount : null;
}

/** One line of the cash table: a label, and for each currency its count (if any) and amount. */
export interface CashLine {
  key: MessageKey;
  /** null: not set (a float not entered yet). */
  usd: { count: number | null; amount: number | null };
  khr: { count: number | null; amount: number | null };
  total?: boolean;
}

/** The cash table's lines: float, cash sales in and change out, paid in, paid out, safe drops, refunds and voids given back, expected in drawer. */
export function cashLines(cash: ShiftCash): CashLine[] {
  const each = (pick: (c: CurrencyCash) => { count: number | null; amount: number | null }) => ({ usd: pick(cash.USD), khr: pick(cash.KHR) });
  return [
    { key: 'cash.line.float', ...each((c) => ({ count: null, amount: c.float })) },
    // Report format 6: the cash sales' tenders in and change out (absent from an older Z).
    ...(cash.USD.cashTenders ? [{ key: 'cash.line.cashTenders' as const, ...each((c) => ({ count: c.cashTenders?.count ?? 0, amount: c.cashTenders?.amount ?? 0 })) }] : []),
    ...(cash.USD.change ? [{ key: 'cash.line.change' as const, ...each((c) => ({ count: c.change?.count ?? 0, amount: c.change?.amount ?? 0 })) }] : []),
    { key: 'cash.line.paidIn', ...each((c) => ({ count: c.paidIn.count, amount: c.paidIn.amount })) },
    { key: 'cash.line.paidOut', ...each((c) => ({ count: c.paidOut.count, amount: c.paidOut.amount })) },
    { key: 'cash.line.drops', ...each((c) => ({ count: c.drops.count, amount: c.drops.amount })) },
    // Report format 5: cash given back by refunds and voids (absent from an older Z).
    ...(cash.USD.refunds ? [{ key: 'cash.line.refunds' as const, ...each((c) => ({ count: c.refunds?.count ?? 0, amount: c.refunds?.amount ?? 0 })) }] : []),
    ...(cash.USD.voids ? [{ key: 'cash.line.voids' as const, ...each((c) => ({ count: c.voids?.count ?? 0, amount: c.voids?.amount ?? 0 })) }] : []),
    { key: 'cash.line.expected', ...each((c) => ({ count: null, amount: c.expected })), total: true },
  ];
}

/** The movement kinds as the form offers them, with their labels. */
export const MOVEMENT_LABELS = {
  float: 'cash.kind.float',
  paid_in: 'cash.kind.paidIn',
  paid_out: 'cash.kind.paidOut',
  drop: 'cash.kind.drop',
} as const satisfies Record<string, MessageKey>;
