/**
 * Shifts, sole writer of the shifts and z_reports tables (migration 014). A shift is a range of this
 * till's journal: it opens with a `shift.opened` row and closes with a `shift.closed` row, each
 * written with its projection row in one transaction (docs/journal.md, "Shifts and the close").
 *
 * - A shift opens with the first sale when none is open (sales.ts calls `ensureOpenShift` in the sale's
 *   transaction, before its `sale.opened` row), by the owner's explicit action, or by the POS itself
 *   (`system`, reason `late_payment`) when a payment is journaled while no shift is open.
 * - Its business date is the Asia/Phnom_Penh calendar date when it opens: Cambodia is UTC+7 all year
 *   (no daylight saving), so it is computed with a fixed offset, never the machine's time zone.
 * - A journal row belongs to the shift open at its seq; rows journaled between a close and the next
 *   open (a carried-over QR's expiry, a receipt print) belong to the next shift: shift n covers the
 *   seqs after shift n−1's `shift.closed` row up to its own (shift 1 starts at its `shift.opened` row).
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type MessageParams } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import { canonicalJson } from './journal/canonical.ts';
import type { Actor, ShiftClosed, ShiftOpened } from './journal/events.ts';
import { append, headEpoch } from './journal/journal.ts';
import { readTill } from './journal/till.ts';
import type { PrintJobs } from './print-jobs.ts';
import { ledgerWrite } from './write-health.ts';
import type { DrawerCount, ShiftReport, ZReportSummary } from '../../shared/contract.ts';
import { CASH_CURRENCIES } from '../../shared/rules/cash.ts';
import { countedAmount, countedNotes, type DrawerCountInput } from '../../shared/rules/count.ts';
import { closedCount, shiftReport } from '../reports/shift-report.ts';

// The one definition of the business day (src/host/export/business-date.ts), shared with the
// cashier's today totals and the export.
import { businessDate } from '../export/business-date.ts';
export { businessDate, PHNOM_PENH_OFFSET_MS } from '../export/business-date.ts';

export type ShiftOpenReason = 'first_sale' | 'explicit' | 'late_payment';

export interface Shift {
  shift: number;
  businessDate: string;
  reason: ShiftOpenReason;
  openedBy: Actor;
  openedAt: number;
  openedSeq: number;
  /** The first seq of the shift's range (its own opening row, or the row after the previous close). */
  fromSeq: number;
  closedAt: number | null;
  closedSeq: number | null;
  zNumber: string | null;
  lastSeq: number | null;
  headHash16: string | null;
}

interface ShiftRow {
  shift: number;
  business_date: string;
  reason: ShiftOpenReason;
  opened_by: Actor;
  opened_at: number;
  opened_seq: number;
  closed_at: number | null;
  closed_seq: number | null;
  z_number: string | null;
  last_seq: number | null;
  head_hash16: string | null;
}

/** A close or an open the POS refuses, in words (shared/messages/shifts.ts): `not_allowed` for the screens. */
export class ShiftRefused extends PosError {
  override name = 'ShiftRefused';

  constructor(code: 'shift.alreadyClosed' | 'shift.noneOpen' | 'shift.paymentWatched' | 'shift.alreadyOpen' | 'shift.countStale', params?: MessageParams) {
    super('not_allowed', hostMessage(code, params));
  }
}

function toShift(db: Db, row: ShiftRow): Shift {
  const previous = row.shift > 1
    ? (db.prepare('SELECT closed_seq FROM shifts WHERE shift = ?').get(row.shift - 1) as { closed_seq: number | null } | undefined)
    : undefined;
  return {
    shift: row.shift,
    businessDate: row.business_date,
    reason: row.reason,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    openedSeq: row.opened_seq,
    fromSeq: previous?.closed_seq != null ? previous.closed_seq + 1 : row.opened_seq,
    closedAt: row.closed_at,
    closedSeq: row.closed_seq,
    zNumber: row.z_number,
    lastSeq: row.last_seq,
    headHash16: row.head_hash16,
  };
}

export function getShift(db: Db, shift: number): Shift | null {
  const row = db.prepare('SELECT * FROM shifts WHERE shift = ?').get(shift) as ShiftRow | undefined;
  return row ? toShift(db, row) : null;
}

/** The open shift, or null when none is open. */
export function openShift(db: Db): Shift | null {
  const row = db.prepare('SELECT * FROM shifts WHERE closed_seq IS NULL ORDER BY shift DESC LIMIT 1').get() as ShiftRow | undefined;
  return row ? toShift(db, row) : null;
}

/** The last shift there is (open or closed), or null before the first. */
export function lastShift(db: Db): Shift | null {
  const row = db.prepare('SELECT * FROM shifts ORDER BY shift DESC LIMIT 1').get() as ShiftRow | undefined;
  return row ? toShift(db, row) : null;
}

/**
 * Opens a shift if none is open, in the caller's transaction (before the row that needs it), and
 * returns the open shift. A ledger below schema 14 has no shifts table: nothing happens.
 */
export function ensureOpenShift(db: Db, reason: ShiftOpenReason, by: { actor: Actor; at: number }): Shift | null {
  if (!hasShifts(db)) return null;
  return openShift(db) ?? startShift(db, reason, by);
}

function startShift(db: Db, reason: ShiftOpenReason, by: { actor: Actor; at: number }): Shift {
  const shift = (lastShift(db)?.shift ?? 0) + 1;
  const date = businessDate(by.at);
  const payload = { shift, businessDate: date, reason };
  const row = append(db, { type: 'shift.opened', version: 1, payload }, by);
  projectShiftOpened(db, row, payload);
  return getShift(db, shift)!;
}

/**
 * The shifts row of a `shift.opened` row: written here by the open, and by the restore's replay of a
 * downloaded row (journal/replay.ts), so both write it the same way. The actor as journaled (a
 * `cashier` resolved to the user).
 */
export function projectShiftOpened(db: Db, row: { seq: number; actor: Actor; at: number }, p: ShiftOpened['payload']): void {
  db.prepare(`INSERT INTO shifts (shift, business_date, reason, opened_by, opened_at, opened_seq) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(p.shift, p.businessDate, p.reason, row.actor, row.at, row.seq);
}

/**
 * The Z report of closing `open` at `at` as `zNumber`, computed from its journal rows up to `toSeq`
 * (the close's: the head before its `shift.closed` row) — the one computation of a Z, for the close
 * and for the restore's replay of a downloaded close, so the replayed Z is the one the till stored.
 */
export function closingReport(db: Db, open: Shift, zNumber: string, at: number, toSeq?: number): ShiftReport {
  return shiftReport(db, { kind: 'Z', shift: open, zNumber, closedAt: at, ...(toSeq === undefined ? {} : { toSeq }) });
}

/**
 * The projection of a `shift.closed` row: the shift's close in the shifts table and its stored Z
 * report (canonical JSON, as `ledger verify` recomputes it) — by the close, and by the restore's replay.
 */
export function projectShiftClosed(db: Db, row: { seq: number; at: number }, p: Pick<ShiftClosed['payload'], 'shift' | 'zNumber' | 'lastSeq' | 'headHash16'>, report: ShiftReport): void {
  db.prepare('UPDATE shifts SET closed_at = ?, closed_seq = ?, z_number = ?, last_seq = ?, head_hash16 = ? WHERE shift = ? AND closed_seq IS NULL')
    .run(row.at, row.seq, p.zNumber, p.lastSeq, p.headHash16, p.shift);
  db.prepare('INSERT INTO z_reports (shift, z_number, last_seq, head_hash16, closed_at, report) VALUES (?, ?, ?, ?, ?, ?)')
    .run(p.shift, p.zNumber, p.lastSeq, p.headHash16, row.at, canonicalJson(report));
}

const shiftTables = new WeakMap<Db, boolean>();
function hasShifts(db: Db): boolean {
  let known = shiftTables.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'shifts'").get() !== undefined;
    shiftTables.set(db, known);
  }
  return known;
}

export class Shifts {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #printJobs: PrintJobs | null;

  /** With `printJobs`, each close queues its Z report's print in the close's own transaction (write-before-print). */
  constructor(db: Db, now: () => number = Date.now, printJobs: PrintJobs | null = null) {
    this.#db = db;
    this.#now = now;
    this.#printJobs = printJobs;
  }

  current(): Shift | null {
    return openShift(this.#db);
  }

  /** Opens a shift by the owner's action; refused when one is open already. */
  open(actor: Actor = 'cashier'): Shift {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const open = openShift(this.#db);
      if (open) throw new ShiftRefused('shift.alreadyOpen', { shift: open.shift });
      return startShift(this.#db, 'explicit', { actor, at: this.#now() });
    }));
  }

  /** The X report: read-only, of the open shift (or, none open, of the rows journaled since the last close). */
  xReport(): ShiftReport {
    return shiftReport(this.#db, { kind: 'X' });
  }

  /**
   * The blind count of the open shift's drawer (`input` already checked by the command, shared/rules/count.ts):
   * journaled as `shift.counted` with what was expected at this row and the difference, in one
   * transaction, before the answer (the first place the expected figure is given) leaves the host.
   * A recount is another row; the close takes the last.
   */
  count(input: DrawerCountInput, actor: Actor = 'cashier'): DrawerCount {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const open = this.#requireOpen();
      const till = readTill(this.#db)!;
      const at = this.#now();
      // Expected exactly as the report (and so the close) has it: cash sales, change, refunds and voids included.
      const cash = shiftReport(this.#db, { kind: 'X', shift: open }).cash!;
      const each = (currency: 'USD' | 'KHR') => {
        const counted = countedAmount(currency, input[currency])!;
        const expected = cash[currency].expected!;
        return { counted, notes: countedNotes(currency, input[currency]), expected, difference: counted - expected };
      };
      const payload = { shift: open.shift, USD: each('USD'), KHR: each('KHR') };
      // The row's actor is who counted (`cashier` resolves to the signed-in user): the reply says the same.
      const row = append(this.#db, { type: 'shift.counted', version: 1, payload }, { actor, at });
      const counts = this.#db.prepare(`SELECT count(*) FROM journal WHERE till_id = ? AND seq >= ? AND type = 'shift.counted'`).pluck().get(till.id, open.fromSeq) as number;
      return { USD: payload.USD, KHR: payload.KHR, at, by: row.actor, counts };
    }));
  }

  #requireOpen(): Shift {
    const open = openShift(this.#db);
    if (open) return open;
    const last = lastShift(this.#db);
    if (last) throw new ShiftRefused('shift.alreadyClosed', { shift: last.shift, z: last.zNumber ?? '' });
    throw new ShiftRefused('shift.noneOpen');
  }

  /**
   * Closes the open shift: its Z report is computed from its journal rows, the `shift.closed` row is
   * appended and the report stored, all in one transaction. Refused, in words, when no shift is open
   * (a shift is never closed twice) and, unless `carryOver`, while a sale's QR is still unresolved:
   * the watched sale's outcome is then journaled after the close and counts in the next shift.
   */
  close(options: { carryOver?: boolean; actor?: Actor } = {}): ShiftReport {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const open = this.#requireOpen();
      const till = readTill(this.#db);
      if (!till) throw new Error('the till has no identity: the ledger was not opened by openLedger');
      const at = this.#now();
      // After a restore shift numbers restart from the backup's: the epoch keeps Z numbers unique.
      const epoch = headEpoch(this.#db);
      const zNumber = epoch > 1 ? `${till.code}-${epoch}-Z${open.shift}` : `${till.code}-Z${open.shift}`;
      const report = closingReport(this.#db, open, zNumber, at);
      if (report.unresolved.length > 0 && options.carryOver !== true) {
        const sales = report.unresolved.map((s) => `#${s.sale}`).join(', ');
        throw new ShiftRefused('shift.paymentWatched', { count: report.unresolved.length, sales });
      }
      // The count must still hold: cash moved after it (a cash sale, a paid-out) makes it stale.
      const count = report.count ?? null;
      if (count && report.cash && CASH_CURRENCIES.some((c) => report.cash![c].expected !== count[c].expected)) {
        throw new ShiftRefused('shift.countStale');
      }
      const { seq: lastSeq, hash16 } = report.anchor;
      const payload = { shift: open.shift, zNumber, lastSeq, headHash16: hash16, count: closedCount(report) };
      const closed = append(this.#db, { type: 'shift.closed', version: 2, payload }, { actor: options.actor ?? 'cashier', at });
      projectShiftClosed(this.#db, closed, payload, report);
      this.#printJobs?.addZ('z', open.shift);
      return report;
    }));
  }

  /** Every Z report, newest first: number, business date, close time, takings and anchor. */
  zReports(): ZReportSummary[] {
    const rows = this.#db.prepare('SELECT report FROM z_reports ORDER BY shift DESC').all() as Array<{ report: string }>;
    return rows.map((row) => {
      const z = JSON.parse(row.report) as ShiftReport;
      const { count, cents, riel } = z.takings;
      return { shift: z.shift!, zNumber: z.zNumber!, businessDate: z.businessDate!, closedAt: z.closedAt!, takings: { count, cents, riel }, anchor: z.anchor };
    });
  }

  /** The stored Z report of shift `n`, as it was closed, or null. */
  zReport(n: number): ShiftReport | null {
    return storedZReport(this.#db, n);
  }
}

export function storedZReport(db: Db, n: number): ShiftReport | null {
  const row = db.prepare('SELECT report FROM z_reports WHERE shift = ?').get(n) as { report: string } | undefined;
  return row ? (JSON.parse(row.report) as ShiftReport) : null;
}
