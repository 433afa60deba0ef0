/**
 * Pure helpers for the Shift tab (ShiftView.tsx): the lines of an X or Z report, the anchor as the
 * ledger CLI takes it, and how a refused close is told apart. No DOM, tested in Node.
 */
import type { CommandError, ShiftMoney, ShiftReport } from '../../shared/contract.ts';
import type { MessageKey } from '../i18n/index.ts';

/** One line of a report table: a label, and a count with its USD and KHR totals. */
export interface ReportLine {
  key: MessageKey;
  money: ShiftMoney;
  /** Set apart from takings (other accounts, training): shown, never added. */
  apart?: boolean;
}

/** The report's lines in the order printed on the Z (takings first, then real sales by status, then apart). */
export function reportLines(report: ShiftReport): ReportLine[] {
  const s = report.byStatus;
  const t = report.training;
  return [
    { key: 'shift.line.takings', money: report.takings },
    { key: 'shift.line.khqr', money: report.takings.byTender.khqr },
    { key: 'shift.line.opened', money: s.opened },
    { key: 'shift.line.paid', money: s.paid },
    { key: 'shift.line.paidLate', money: s.paidLate },
    // Format 3 (schema 17 on): paid on a sale already covered; in the takings, owed back.
    ...(report.overpaid ? [{ key: 'shift.line.overpaid' as const, money: report.overpaid }] : []),
    { key: 'shift.line.expired', money: s.expired },
    { key: 'shift.line.cancelled', money: s.cancelled },
    { key: 'shift.line.failed', money: s.failed },
    { key: 'shift.line.otherAccount', money: report.otherAccount, apart: true },
    { key: 'shift.line.trainingOpened', money: t.opened, apart: true },
    { key: 'shift.line.trainingPaid', money: t.paid, apart: true },
  ];
}

/** The anchor exactly as `npm run ledger -- verify --anchor` accepts it (the printed Z shows the same). */
export { anchorText } from '../../shared/z-anchor.ts';

/** Sale numbers as a short list (`#3, #7`), or null when there are none. */
export function saleList(sales: readonly number[]): string | null {
  return sales.length > 0 ? sales.map((n) => `#${n}`).join(', ') : null;
}

/** The close was refused because a payment is still being watched: the owner may wait or carry it over. */
export function isPaymentWatched(error: CommandError): boolean {
  return error.code === 'not_allowed' && error.text?.code === 'shift.paymentWatched';
}

