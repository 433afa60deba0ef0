/** A Z report as an earlier format stored it (docs/journal.md "Shifts and the close"): what each format added, taken away. */
import type { ShiftReport } from '../../src/shared/contract.ts';

export function asFormat(z: ShiftReport, format: 1 | 2 | 3): Record<string, unknown> {
  const { count: _c, receivingAccounts: _r, approvedAccount: _a, accountChanges: _ac, cashiers: _cs, reprints: _rp, ...rest } = z;
  const { accounts: _accounts, ...otherAccount } = z.otherAccount;
  const format3 = { ...rest, otherAccount, format: 3 as const };
  if (format === 3) return format3;
  const { tenders: _t, overpaid: _o, unpaid: _u, ...format2 } = format3;
  if (format === 2) return { ...format2, format: 2 };
  const { cash: _cash, ...format1 } = format2;
  return { ...format1, format: 1 };
}
