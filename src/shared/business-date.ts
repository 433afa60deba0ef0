/**
 * The one definition of "the day" for the till and the back office: the calendar date in Cambodia
 * (Asia/Phnom_Penh, UTC+07:00 all year: Cambodia has no daylight saving), whatever the machine's own
 * time zone. Pure arithmetic on epoch milliseconds, so the till (src/host/export/business-date.ts
 * builds its export ranges on it) and the back office (src/backoffice, which may import only
 * src/shared) agree to the millisecond on which day a row belongs to.
 */

/** Cambodia's offset from UTC, fixed (no daylight saving). */
export const PHNOM_PENH_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest range one export accepts: a year and a month, so "last year" fits whatever the fiscal year. */
export const MAX_RANGE_DAYS = 400;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 in Cambodia on a strictly written, real calendar date (2000 on); null otherwise. */
export function businessDayStart(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const back = new Date(utc);
  // 2026-02-30 would roll over to March: refused, not silently moved.
  if (year < 2000 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return utc - PHNOM_PENH_OFFSET_MS;
}

/** The Asia/Phnom_Penh calendar date (YYYY-MM-DD) at `at` (epoch ms), whatever the machine's time zone. */
export function businessDate(at: number): string {
  return new Date(at + PHNOM_PENH_OFFSET_MS).toISOString().slice(0, 10);
}

/** The business day containing `at`: its date and its times [start, end). */
export function businessDay(at: number): { day: string; start: number; end: number } {
  const day = businessDate(at);
  const start = businessDayStart(day)!;
  return { day, start, end: start + DAY_MS };
}

/** The business date `days` after (or before, if negative) `date` (YYYY-MM-DD, valid). */
export function addDays(date: string, days: number): string {
  return businessDate(businessDayStart(date)! + days * DAY_MS);
}

/** A time as ISO 8601 in Cambodia's time, e.g. 2026-12-01T14:05:09.120+07:00. */
export function cambodiaTime(at: number): string {
  return new Date(at + PHNOM_PENH_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/**
 * A sale's business date in the exports: its payment's when paid (money counts on the day it came
 * in), else its creation's.
 */
export function saleBusinessDate(sale: { created_at: number; paid_at: number | null }): string {
  return businessDate(sale.paid_at ?? sale.created_at);
}
