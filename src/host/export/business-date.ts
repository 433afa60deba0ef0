/**
 * The one definition of "the day", used by the cashier's today totals (ledger/sales.ts), the export
 * and the shifts (ledger/shifts.ts): the calendar date in Cambodia (Asia/Phnom_Penh, UTC+07:00 all
 * year: Cambodia has no daylight saving), whatever the machine's own time zone. A sale's business
 * date is that of its payment when paid (the day the payment was journaled: money counts on the day
 * it came in, so a sale made at 23:58 and paid at 00:02 is the new day's takings), else that of its
 * creation. The date arithmetic itself is shared with the back office (src/shared/business-date.ts).
 * When shifts replace the calendar day for takings (the business date fixed when the
 * sale's shift opened), only this file changes.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { businessDayStart, DAY_MS, MAX_RANGE_DAYS } from '../../shared/business-date.ts';

export { businessDate, businessDay, cambodiaTime, MAX_RANGE_DAYS, PHNOM_PENH_OFFSET_MS, saleBusinessDate } from '../../shared/business-date.ts';

/** A refused range (category invalid_request), in catalog words. */
export class ExportRangeError extends PosError {
  override name = 'ExportRangeError';
}

export interface BusinessDateRange {
  from: string;
  to: string;
  /** Ledger times (epoch ms) selected: paid_at in [start, end), or unpaid and created_at in [start, end). */
  start: number;
  end: number;
  days: number;
}

/** Checks an export range (both ends included) and turns it into ledger times. */
export function businessDateRange(from: unknown, to: unknown): BusinessDateRange {
  if (typeof from !== 'string' || typeof to !== 'string') throw new ExportRangeError('invalid_request', hostMessage('export.dateFormat'));
  const start = businessDayStart(from);
  const last = businessDayStart(to);
  if (start === null || last === null) throw new ExportRangeError('invalid_request', hostMessage('export.dateFormat'));
  if (start > last) throw new ExportRangeError('invalid_request', hostMessage('export.rangeReversed', { from, to }));
  const days = (last - start) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new ExportRangeError('invalid_request', hostMessage('export.rangeTooLong', { days, max: MAX_RANGE_DAYS }));
  }
  return { from, to, start, end: last + DAY_MS, days };
}
