/**
 * The print_jobs table, and its only writer. Every change is one committed statement, so what the cashier is shown
 * about a receipt is what the ledger says, and a crash loses no job.
 */
import type { PrintJobKind, PrintJobStatus, PrintJobView } from '../../shared/contract.ts';
import { hostMessage, isHostMessageCode, type HostMessage } from '../../shared/messages/index.ts';
import type { Db } from './database.ts';
import { append } from './journal/journal.ts';
import { ledgerWrite } from './write-health.ts';

interface JobRow {
  id: number;
  sale_id: number | null;
  /** Schema 15: the shift of a Z report print. */
  shift?: number | null;
  /** Schema 18: the refund or void of its receipt. */
  refund_id?: number | null;
  void_id?: number | null;
  kind: PrintJobKind;
  status: PrintJobStatus;
  attempts: number;
  interrupted: number;
  /** A catalog code (src/shared/messages/printer.ts) and its params as JSON: never free text. */
  error_code: string | null;
  error_params: string | null;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
}

export interface PrintJob extends PrintJobView {
  nextAttemptAt: number;
}

function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    saleId: row.sale_id,
    shift: row.shift ?? null,
    refundId: row.refund_id ?? null,
    voidId: row.void_id ?? null,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    interrupted: row.interrupted === 1,
    lastError: storedMessage(row.error_code, row.error_params),
    createdAt: row.created_at,
    printedAt: row.printed_at,
    nextAttemptAt: row.next_attempt_at,
  };
}

/**
 * A stored message back as a HostMessage, checked as strictly as anything read from disk: an unknown
 * code (written by a newer build) or params that are not a flat object of strings and numbers give
 * a generic message rather than something unchecked on a screen.
 */
function storedMessage(code: string | null, params: string | null): HostMessage | null {
  if (code === null) return null;
  if (!isHostMessageCode(code)) return hostMessage('printer.earlierProblem');
  if (params === null) return hostMessage(code);
  try {
    const parsed: unknown = JSON.parse(params);
    if (
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))
    ) {
      return hostMessage(code, parsed as Record<string, string | number>);
    }
  } catch {
    // fall through
  }
  return hostMessage('printer.earlierProblem');
}

function errorColumns(message: HostMessage): { errorCode: string; errorParams: string | null } {
  return { errorCode: message.code, errorParams: message.params ? JSON.stringify(message.params) : null };
}

export class PrintJobs {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Adds a job: a sale's receipt (written in the payment's own transaction by record-payment.ts, so
   * a paid sale always owes its receipt), a copy (reprint) or a test print.
   */
  add(kind: 'receipt' | 'copy' | 'test', saleId: number | null): PrintJob {
    const at = this.#now();
    const { lastInsertRowid } = ledgerWrite(this.#db, () => this.#db
      .prepare(`INSERT INTO print_jobs (sale_id, kind, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, 'queued', ?, ?, ?)`)
      .run(saleId, kind, at, at, at));
    return this.get(Number(lastInsertRowid))!;
  }

  /**
   * A shift's Z report print: `z` is written in the close's own transaction (shifts.ts), so a closed
   * shift always owes its printed Z; `z_copy` is a reprint. Not journaled when printed: the close is.
   */
  addZ(kind: 'z' | 'z_copy', shift: number): PrintJob {
    const at = this.#now();
    const { lastInsertRowid } = ledgerWrite(this.#db, () => this.#db
      .prepare(`INSERT INTO print_jobs (shift, kind, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, 'queued', ?, ?, ?)`)
      .run(shift, kind, at, at, at));
    return this.get(Number(lastInsertRowid))!;
  }

  /**
   * A refund's or void's receipt, written in the document's own transaction (host returns), so a
   * refund or void always owes its receipt. Not journaled when printed: the refund or void is.
   */
  addReturn(kind: 'refund' | 'void', id: number): PrintJob {
    const at = this.#now();
    const { lastInsertRowid } = ledgerWrite(this.#db, () => this.#db
      .prepare(`INSERT INTO print_jobs (${kind === 'refund' ? 'refund_id' : 'void_id'}, kind, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, 'queued', ?, ?, ?)`)
      .run(id, kind, at, at, at));
    return this.get(Number(lastInsertRowid))!;
  }

  get(id: number): PrintJob | null {
    const row = this.#db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** The oldest queued job, due or not (the queue sleeps until it is due). Jobs print in order. */
  nextQueued(): PrintJob | null {
    const row = this.#db
      .prepare(`SELECT * FROM print_jobs WHERE status = 'queued' ORDER BY id LIMIT 1`)
      .get() as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** Committed before the bytes leave, so a crash mid-print is detectable at the next start. */
  markPrinting(id: number): boolean {
    return this.#update(`status = 'printing', attempts = attempts + 1`, id, `status = 'queued'`);
  }

  /** A sale's receipt or copy that came out is journaled (the print, not each attempt); a test print is not money. */
  markPrinted(id: number): void {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      if (this.#update(`status = 'printed', error_code = NULL, error_params = NULL, printed_at = :at`, id, `status = 'printing'`)) this.#journalPrint(id, 'printed');
    }));
  }

  /** Handed to a printer queue that does not confirm printing (Windows): final, with what is known. */
  markSpooled(id: number, note: HostMessage): void {
    ledgerWrite(this.#db, this.#db.transaction(() => {
      if (this.#update(`status = 'spooled', error_code = :errorCode, error_params = :errorParams, printed_at = :at`, id, `status = 'printing'`, errorColumns(note))) {
        this.#journalPrint(id, 'spooled');
      }
    }));
  }

  #journalPrint(id: number, outcome: 'printed' | 'spooled'): void {
    const job = this.get(id);
    if (!job || (job.kind !== 'receipt' && job.kind !== 'copy') || job.saleId === null) return;
    append(this.#db, {
      type: 'receipt.printed',
      version: 1,
      payload: { job: id, sale: job.saleId, kind: job.kind, outcome, attempts: job.attempts },
    }, { actor: 'system', at: job.printedAt ?? this.#now() });
  }

  /** Puts a job back in the queue to be tried again at `retryAt`. */
  markRetry(id: number, error: HostMessage, retryAt: number): void {
    this.#update(`status = 'queued', error_code = :errorCode, error_params = :errorParams, next_attempt_at = :retryAt`, id, `status = 'printing'`, { ...errorColumns(error), retryAt });
  }

  markFailed(id: number, error: HostMessage): void {
    this.#update(`status = 'failed', error_code = :errorCode, error_params = :errorParams`, id, `status IN ('queued', 'printing')`, errorColumns(error));
  }

  markSkipped(id: number, reason: HostMessage): void {
    this.#update(`status = 'skipped', error_code = :errorCode, error_params = :errorParams`, id, `status IN ('queued', 'printing')`, errorColumns(reason));
  }

  /** At start: jobs left `printing` were cut off by a crash; print them again and say so. */
  recoverInterrupted(): number {
    return ledgerWrite(this.#db, () => this.#db
      .prepare(`UPDATE print_jobs SET status = 'queued', interrupted = 1, next_attempt_at = ?, updated_at = ?,
                  error_params = CASE WHEN error_code IS NULL THEN NULL ELSE error_params END,
                  error_code = COALESCE(error_code, 'printer.stoppedWhilePrinting')
                WHERE status = 'printing'`)
      .run(this.#now(), this.#now()).changes);
  }

  /** Waiting for the printer again (e.g. it was just set up or plugged back in): try every queued job now. */
  retryNow(): void {
    ledgerWrite(this.#db, () => this.#db.prepare(`UPDATE print_jobs SET next_attempt_at = ? WHERE status = 'queued'`).run(this.#now()));
  }

  /** The newest `limit` jobs, newest first. */
  latest(limit: number): PrintJob[] {
    return (this.#db.prepare('SELECT * FROM print_jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  /** Each sale's newest receipt or copy (test prints belong to no sale), by sale. */
  newestForSales(saleIds: readonly number[]): Map<number, PrintJob> {
    if (saleIds.length === 0) return new Map();
    const rows = this.#db
      .prepare(`SELECT * FROM print_jobs WHERE id IN (
                  SELECT MAX(id) FROM print_jobs WHERE sale_id IN (SELECT value FROM json_each(?)) AND kind IN ('receipt', 'copy') GROUP BY sale_id)`)
      .all(JSON.stringify(saleIds)) as JobRow[];
    return new Map(rows.map((row) => [row.sale_id!, toJob(row)]));
  }

  /** One job's state change, only from the expected state; true when it changed. `:at` is now. */
  #update(set: string, id: number, where: string, params: Record<string, string | number | null> = {}): boolean {
    return ledgerWrite(this.#db, () => this.#db
      .prepare(`UPDATE print_jobs SET ${set}, updated_at = :at WHERE id = :id AND ${where}`)
      .run({ ...params, at: this.#now(), id }).changes === 1);
  }
}
