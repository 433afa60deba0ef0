/**
 * The one definition of "the day", used by the cashier's today totals (ledger/sales.ts), the export
 * and the shifts (ledger/shifts.ts): the calendar date in Cambodia (Asia/Phnom_Penh, UTC+07:00 all
 * year: Cambodia has no daylight saving), whatever the machine's own time zone. A sale's business
 * date is that of its payment when paid (the day the payment was journaled: money counts on the day
 * it came in, so a sale made at 23:58 and paid at 00:02 is the new day's takings), else that of its
 * creation. When shifts replace the calendar day for takings (the business date fixed when the
 * sale's shift opened), only this file changes.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';

/** Cambodia's offset from UTC, fixed (no daylight saving). */
export const PHNOM_PENH_OFFSET_MS = 7 * 60 * 60 * 1000;
const OFFSET_MS = PHNOM_PENH_OFFSET_MS;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest range one export accepts: a year and a month, so "last year" fits whatever the fiscal year. */
export const MAX_RANGE_DAYS = 400;

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 in Cambodia on a strictly written, real calendar date; null otherwise. */
function dayStart(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const back = new Date(utc);
  // 2026-02-30 would roll over to March: refused, not silently moved.
  if (year < 2000 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return utc - OFFSET_MS;
}

/** Checks an export range (both ends included) and turns it into ledger times. */
export function businessDateRange(from: unknown, to: unknown): BusinessDateRange {
  if (typeof from !== 'string' || typeof to !== 'string') throw new ExportRangeError('invalid_request', hostMessage('export.dateFormat'));
  const start = dayStart(from);
  const last = dayStart(to);
  if (start === null || last === null) throw new ExportRangeError('invalid_request', hostMessage('export.dateFormat'));
  if (start > last) throw new ExportRangeError('invalid_request', hostMessage('export.rangeReversed', { from, to }));
  const days = (last - start) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) {
    throw new ExportRangeError('invalid_request', hostMessage('export.rangeTooLong', { days, max: MAX_RANGE_DAYS }));
  }
  return { from, to, start, end: last + DAY_MS, days };
}

/** The Asia/Phnom_Penh calendar date (YYYY-MM-DD) at `at` (epoch ms), whatever the machine's time zone. */
export function businessDate(at: number): string {
  return new Date(at + OFFSET_MS).toISOString().slice(0, 10);
}

/** The business day containing `at`: its date and its ledger times [start, end). */
export function businessDay(at: number): { day: string; start: number; end: number } {
  const day = businessDate(at);
  const start = dayStart(day)!;
  return { day, start, end: start + DAY_MS };
}

/** A sale's business date: its payment's when paid, else its creation's. */
export function saleBusinessDate(sale: { created_at: number; paid_at: number | null }): string {
  return businessDate(sale.paid_at ?? sale.created_at);
}

/** A ledger time as ISO 8601 in Cambodia's time, e.g. 2026-12-01T14:05:09.120+07:00. */
export function cambodiaTime(at: number): string {
  return new Date(at + OFFSET_MS).toISOString().replace('Z', '+07:00');
}
