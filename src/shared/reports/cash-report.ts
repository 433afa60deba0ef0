/**
 * The cash section of an X/Z report (format 2 on), from the JOURNAL rows of the shift's range like the
 * rest of the report — the till's (src/host/reports/shift-report.ts reads them from its ledger) and the
 * back office's (src/shared/reports/journal-fold.ts, from the rows pushed) alike: per currency, the float, paid-ins, paid-outs and safe drops
 * (`cash.moved` rows, ledger/cash-movements.ts), what should be in the drawer, and how often it was
 * opened without a sale (`drawer.opened`). Movements made in training mode are listed, never counted.
 * Money stays in its own currency and unit (USD cents, whole riel): nothing here converts.
 */
import type { CashCount, CurrencyCash, ShiftCash } from '../contract.ts';
import type { CashCurrency } from '../rules/cash.ts';

const count = (): CashCount => ({ count: 0, amount: 0 });
const currency = (): CurrencyCash => ({ float: null, paidIn: count(), paidOut: count(), drops: count(), expected: 0 });

/**
 * What should be in the drawer in one currency: the float, plus paid-ins and cash tendered, less
 * paid-outs, safe drops, change given, and the cash given back by refunds and voids. The X/Z, the
 * close's count and the printed Z all take the figure from here.
 */
export function expectedInDrawer(cash: Omit<CurrencyCash, 'expected'>): number {
  return (cash.float ?? 0) + cash.paidIn.amount - cash.paidOut.amount - cash.drops.amount - (cash.refunds?.amount ?? 0) - (cash.voids?.amount ?? 0)
    + (cash.cashTenders?.amount ?? 0) - (cash.change?.amount ?? 0);
}

/** A shift's cash sales per currency (format 4): tendered in, change given out; training sales never. */
export type CashSales = Record<CashCurrency, { cashTenders: CashCount; change: CashCount }>;

type Payload = Record<string, unknown>;

/** The journal row types the cash section reads. */
export const CASH_ROW_TYPES = ['cash.moved', 'drawer.opened', 'refund.made', 'sale.voided'] as const;

/**
 * The cash of a range's rows of CASH_ROW_TYPES, in seq order (other rows are ignored). `withReturns` (report format 5): cash
 * given back by refunds (`refund.made` in cash) and voids (`sale.voided`) comes out of the drawer;
 * a refund by bank transfer never touched it, and training ones are never counted.
 */
export function cashSection(rows: Iterable<{ at: number; type: string; payload: string }>, withReturns = false, sales?: CashSales): ShiftCash {
  const cash: ShiftCash = { USD: currency(), KHR: currency(), noSaleOpens: 0, movements: [], training: 0 };
  // Report format 6: each currency's cash tenders in and change out (shift-report.ts counts them).
  if (sales) for (const c of ['USD', 'KHR'] as const) Object.assign(cash[c], sales[c]);
  if (withReturns) for (const c of [cash.USD, cash.KHR]) Object.assign(c, { refunds: count(), voids: count() });
  const out = (line: CashCount | undefined, amount: number): void => {
    if (!line || amount === 0) return;
    line.count += 1;
    line.amount += amount;
  };
  for (const row of rows) {
    if (!(CASH_ROW_TYPES as readonly string[]).includes(row.type)) continue;
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'refund.made' || row.type === 'sale.voided') {
      if (p.training === true) continue;
      if (row.type === 'refund.made') {
        if (p.method === 'cash') out(cash[p.currency as CashCurrency].refunds, p.amount as number);
      } else {
        out(cash.USD.voids, p.returnedUsd as number);
        out(cash.KHR.voids, p.returnedKhr as number);
      }
      continue;
    }
    if (row.type === 'drawer.opened') {
      if (p.reason === 'no_sale') cash.noSaleOpens += 1;
      continue;
    }
    const kind = p.kind as ShiftCash['movements'][number]['kind'];
    const money = cash[p.currency as CashCurrency];
    const amount = p.amount as number;
    cash.movements.push({ kind, currency: p.currency as CashCurrency, amount, reason: p.reason as string | null, at: row.at });
    if (p.training === true) {
      cash.training += 1;
      continue;
    }
    if (kind === 'float') money.float = (money.float ?? 0) + amount;
    else {
      const line = kind === 'paid_in' ? money.paidIn : kind === 'paid_out' ? money.paidOut : money.drops;
      line.count += 1;
      line.amount += amount;
    }
  }
  cash.USD.expected = expectedInDrawer(cash.USD);
  cash.KHR.expected = expectedInDrawer(cash.KHR);
  return cash;
}
