/**
 * The rules both X/Z computations share. A report before any row is counted: the one shape of `ShiftReport` (src/shared/contract.ts)
 * with every count and amount at zero, given what identifies the range. The till's report
 * (src/host/reports/shift-report.ts) and the back office's fold (journal-fold.ts) both start here and
 * count sales into it the same way (addSale, countPayment), so a field added to the report is added once.
 */
import type { ShiftMoney, ShiftReport } from '../contract.ts';
import { centsToRiel } from '../money.ts';

/** The report format this build writes: 2 adds the cash section (cash-report.ts). */
export const REPORT_FORMAT = 2;

export type ReportHeader = Pick<ShiftReport, 'format' | 'kind' | 'till' | 'shift' | 'zNumber' | 'businessDate' | 'openedAt' | 'openedBy' | 'openReason' | 'closedAt' | 'fromSeq' | 'toSeq' | 'anchor'>;

export const zeroMoney = (): ShiftMoney => ({ count: 0, cents: 0, riel: 0 });

export function blankShiftReport(header: ReportHeader): ShiftReport {
  const zero = zeroMoney;
  return {
    ...header,
    takings: { ...zero(), byTender: { khqr: zero() } },
    byStatus: { opened: zero(), paid: zero(), paidLate: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    otherAccount: { ...zero(), sales: [] },
    training: { opened: zero(), paid: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    firstSale: null,
    lastSale: null,
    unresolved: [],
    paidLate: [],
    cancelled: [],
    failed: [],
  };
}

/** What a report needs of a sale to count it: from its `sale.opened` (or `migrated.sale`) and `sale.qrIssued` rows. */
export interface ReportSaleFacts {
  amountCents: number;
  khrPerUsd: number;
  training: boolean;
  bakongId: string;
  /** The account its QR pays (null before a QR). */
  payTo: string | null;
}

/** Counts one sale into a line: riel is the sale's cents at its own rate, summed in integers. */
export function addSale(money: ShiftMoney, sale: Pick<ReportSaleFacts, 'amountCents' | 'khrPerUsd'>): void {
  money.count += 1;
  money.cents += sale.amountCents;
  money.riel += centsToRiel(sale.amountCents, sale.khrPerUsd);
}

/**
 * The one rule for a payment in a report: a training sale's is apart; a real one is paid (and paid
 * late when it had expired or been cancelled), and takings by tender only when its QR paid the
 * shop's own account (no QR account recorded counts as the shop's own), else counted apart as paid
 * to another account.
 */
export function countPayment(report: ShiftReport, sale: ReportSaleFacts, late: boolean, number: number): void {
  if (sale.training) return addSale(report.training.paid, sale);
  addSale(report.byStatus.paid, sale);
  if (late) {
    addSale(report.byStatus.paidLate, sale);
    report.paidLate.push(number);
  }
  if (sale.payTo !== null && sale.payTo !== sale.bakongId) {
    addSale(report.otherAccount, sale);
    report.otherAccount.sales.push(number);
  } else {
    addSale(report.takings, sale);
    addSale(report.takings.byTender.khqr, sale);
  }
}
