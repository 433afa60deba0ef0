/** A Z report as an earlier format stored it (docs/journal.md "Shifts and the close"): what each format added, taken away. */
import type { CurrencyCash, ShiftReport } from '../../src/shared/contract.ts';

export function asFormat(z: ShiftReport, format: 1 | 2 | 3 | 4): Record<string, unknown> {
  // Format 5 added the refunds and voids, and their lines in the cash section.
  const { refunds: _rf, voids: _v, ...before5 } = z;
  const plain = ({ refunds: _r, voids: _vo, ...c }: CurrencyCash): CurrencyCash => c;
  const format4 = { ...before5, ...(z.cash ? { cash: { ...z.cash, USD: plain(z.cash.USD), KHR: plain(z.cash.KHR) } } : {}), format: 4 as const };
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
