/** A Z report as an earlier format stored it (docs/journal.md "Shifts and the close"): what each format added, taken away. */
import type { CurrencyCash, ShiftReport } from '../../src/shared/contract.ts';

export function asFormat(z: ShiftReport, format: 1 | 2 | 3 | 4 | 5 | 6 | 7): Record<string, unknown> {
  // Format 8 counted takings by sale (takingsByTender, partlyPaid) instead of the tenders paid. Up to 7
  // `tenders` are the tenders paid: the same lines for a shift whose sales are paid by one tender
  // each with no change (the shifts the tests store in older formats), so they are derived from them.
  const { takingsByTender: sold, partlyPaid: _partly, ...rest8 } = z;
  const lines = sold ? ([['khqr', 'USD', sold.khqr], ['cash', 'USD', sold.cashUSD], ['cash', 'KHR', sold.cashKHR]] as const) : [];
  if (sold && (sold.rounding.count > 0 || sold.cashUSD.count > 0 || sold.cashKHR.count > 0)) throw new Error('asFormat: a shift with cash sales has no older form');
  const format7 = { ...rest8, tenders: lines.filter(([, , l]) => l.count > 0).map(([kind, currency, l]) => ({ kind, currency, count: l.count, amount: l.amount })), format: 7 as const };
  if (format === 7) return format7;
  // Format 7 added the environment's overrides.
  const { envOverrides: _env, ...before7 } = format7;
  if (format === 6) return { ...before7, format: 6 };
  // Format 6 added the cash sales: change, rounding, and each currency's cash tenders and change.
  const { change: _change, rounding: _rounding, ...before6 } = before7;
  const noSales = ({ cashTenders: _t, change: _ch, ...c }: CurrencyCash): CurrencyCash => c;
  const format5 = { ...before6, ...(z.cash ? { cash: { ...z.cash, USD: noSales(z.cash.USD), KHR: noSales(z.cash.KHR) } } : {}), format: 5 as const };
  if (format === 5) return format5;
  // Format 5 added the refunds and voids, and their lines in the cash section.
  const { refunds: _rf, voids: _v, ...before5 } = format5;
  const plain = ({ refunds: _r, voids: _vo, ...c }: CurrencyCash): CurrencyCash => c;
  const cash5 = format5.cash as ShiftReport['cash'];
  const format4 = { ...before5, ...(cash5 ? { cash: { ...cash5, USD: plain(cash5.USD), KHR: plain(cash5.KHR) } } : {}), format: 4 as const };
  if (format === 4) return format4;
  const { count: _c, receivingAccounts: _r, approvedAccount: _a, accountChanges: _ac, cashiers: _cs, reprints: _rp, ...rest } = format4;
  const { accounts: _accounts, ...otherAccount } = z.otherAccount;
  const format3 = { ...rest, otherAccount, format: 3 as const };
  if (format === 3) return format3;
  const { tenders: _t, overpaid: _o, unpaid: _u, ...format2 } = format3;
  if (format === 2) return { ...format2, format: 2 };
  const { cash: _cash, ...format1 } = format2;
  return { ...format1, format: 1 };
}
