/**
 * The takings by tender of an X/Z report (format 8) as the printed Z, the till's screens and the
 * back office show them: each line in the currency it was taken in (cash net of the change given in
 * that currency), and beside it the same sum in riel at each sale's own rate, exact to the hundredth
 * of a riel (formatExact) — so the lines add up on paper to the sum of the sales' amounts due.
 */
import type { ShiftReport } from '../contract.ts';
import { formatExact } from '../cash/index.ts';
import { formatRiel, formatUsd } from '../money.ts';

export type TakingsLineKey = 'khqr' | 'cashUSD' | 'cashKHR' | 'rounding';

export interface ShownTakingsLine {
  key: TakingsLineKey;
  /** How many sales the line is in. */
  count: number;
  /** The line's sum in its own currency ("$11.00", "-3,100៛", the rounding as "82៛"). */
  amount: string;
  /** The same sum in riel at each sale's rate, to the hundredth ("45,100៛", "82៛"). */
  exact: string;
}

/** The report's takings lines (format 8), or null for a report counted by tender (format 7 and before). */
export function takingsLines(report: ShiftReport): { lines: ShownTakingsLine[]; total: string } | null {
  const sold = report.takingsByTender;
  if (!sold) return null;
  const line = (key: TakingsLineKey, amount: string) => ({ key, count: sold[key].count, amount, exact: formatExact(sold[key].exact) });
  return {
    lines: [
      line('khqr', formatUsd(sold.khqr.amount)),
      line('cashUSD', formatUsd(sold.cashUSD.amount)),
      line('cashKHR', formatRiel(sold.cashKHR.amount)),
      line('rounding', formatExact(sold.rounding.amount)),
    ],
    total: formatExact(sold.exact),
  };
}

/** A partly paid sale (format 8) as one line: its number, what it was keyed at, what was paid on it so far. */
export function partlyPaidLine(sale: NonNullable<ShiftReport['partlyPaid']>[number]): { sale: string; due: string; paid: string } {
  const paid = [sale.paid.USD > 0 ? formatUsd(sale.paid.USD) : null, sale.paid.KHR > 0 ? formatRiel(sale.paid.KHR) : null].filter((x) => x !== null).join(' + ');
  return { sale: `#${sale.sale}`, due: sale.due.currency === 'USD' ? formatUsd(sale.due.amount) : formatRiel(sale.due.amount), paid };
}
