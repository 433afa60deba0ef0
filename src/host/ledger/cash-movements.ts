/**
 * Cash control, sole writer of the cash_movements table (migration 016): a shift's float per
 * currency, its paid-ins, paid-outs and safe drops, each written with its `cash.moved` journal row in
 * one transaction; and the `drawer.opened` row of an "Open drawer" without a sale (journal only: it
 * moves no money, the X/Z counts it from the journal). docs/journal.md, "Cash control".
 *
 * - The float is entered once per shift, both currencies together (0 for none). With no shift open,
 *   entering it opens one (reason `explicit`); a shift opened by a KHQR sale has none until the
 *   cashier enters it, and every other cash event asks for it first (`cash.floatFirst`).
 * - A reason is the cashier's own text (shared/rules/cash.ts): kept as typed (trimmed), never text
 *   from the API; the screens show it as text, the printed Z never prints it.
 * - Amounts are integers in their own currency: USD cents, whole riel in hundreds.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import { formatRiel, formatUsd } from '../../shared/money.ts';
import { CASH_REASON_MAX_CHARS, MAX_CASH_CENTS, MAX_CASH_RIEL, isCashAmount, isCashReason, type CashCurrency, type CashMovementKind } from '../../shared/rules/cash.ts';
import type { Db } from './database.ts';
import type { Actor, CashMoved } from './journal/events.ts';
import { append } from './journal/journal.ts';
import { ensureOpenShift, openShift } from './shifts.ts';
import { ledgerWrite } from './write-health.ts';

export interface CashMovement {
  id: number;
  shift: number;
  kind: 'float' | CashMovementKind;
  currency: CashCurrency;
  /** USD cents or whole riel. */
  amount: number;
  reason: string | null;
  training: boolean;
  actor: Actor;
  at: number;
  /** The `cash.moved` journal row this row projects. */
  seq: number;
}

/** As stored: `training` is 0 or 1 (STRICT tables have no booleans). */
type CashMovementRow = Omit<CashMovement, 'training'> & { training: 0 | 1 };

/** A cash event the POS refuses, in words (shared/messages/cash.ts). */
export class CashRefused extends PosError {
  override name = 'CashRefused';
}

const toMovement = (row: CashMovementRow): CashMovement => ({ ...row, training: row.training === 1 });

/** Checks an amount in `currency`, in catalog words. */
export function assertCashAmount(currency: CashCurrency, amount: unknown): asserts amount is number {
  if (isCashAmount(currency, amount)) return;
  throw new CashRefused('invalid_amount', currency === 'USD'
    ? hostMessage('drawer.amountUsd', { max: formatUsd(MAX_CASH_CENTS) })
    : hostMessage('drawer.amountKhr', { max: formatRiel(MAX_CASH_RIEL) }));
}

/** Checks a float (each currency may be 0), in catalog words. */
export function assertFloat(usdCents: unknown, riel: unknown): void {
  if (!isCashAmount('USD', usdCents, { allowZero: true }) || !isCashAmount('KHR', riel, { allowZero: true })) {
    throw new CashRefused('invalid_amount', hostMessage('drawer.floatAmount', { usd: formatUsd(MAX_CASH_CENTS), khr: formatRiel(MAX_CASH_RIEL) }));
  }
}

/** A reason as typed, trimmed and checked; refused in catalog words (the text itself is never repeated). */
export function cleanReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!isCashReason(text)) throw new CashRefused('invalid_request', hostMessage('drawer.reason', { max: CASH_REASON_MAX_CHARS }));
  return text;
}

/**
 * The cash_movements row of a `cash.moved` row: written here by the movement, and by the restore's
 * replay of a downloaded row (journal/replay.ts). The actor as journaled (a writer's `cashier` is the
 * command's signed-in user: auth/actor-context.ts).
 */
export function projectCashMoved(db: Db, row: { seq: number; actor: Actor; at: number }, p: CashMoved['payload']): void {
  db.prepare('INSERT INTO cash_movements (id, shift, kind, currency, amount, reason, training, actor, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.movement, p.shift, p.kind, p.currency, p.amount, p.reason, p.training ? 1 : 0, row.actor, row.at, row.seq);
}

export class CashMovements {
  readonly #db: Db;
  readonly #now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * The shift's float in both currencies, once (a wrong float is corrected with a paid-in or paid-out,
   * never edited). Opens a shift (`explicit`) when none is open.
   */
  setFloat(input: { usdCents: number; riel: number }, by: { actor: Actor; training: boolean }): CashMovement[] {
    assertFloat(input.usdCents, input.riel);
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const shift = ensureOpenShift(this.#db, 'explicit', { actor: by.actor, at })!;
      if (this.#hasFloat(shift.shift)) throw new CashRefused('not_allowed', hostMessage('drawer.floatAlreadySet', { shift: shift.shift }));
      return [
        this.#insert(shift.shift, 'float', 'USD', input.usdCents, null, by, at),
        this.#insert(shift.shift, 'float', 'KHR', input.riel, null, by, at),
      ];
    }));
  }

  /** A paid-in, paid-out or safe drop in the open shift, with its reason; refused until the float is entered. */
  record(input: { kind: CashMovementKind; currency: CashCurrency; amount: number; reason: string }, by: { actor: Actor; training: boolean }): CashMovement {
    assertCashAmount(input.currency, input.amount);
    const reason = cleanReason(input.reason);
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const shift = openShift(this.#db);
      if (!shift || !this.#hasFloat(shift.shift)) throw new CashRefused('not_allowed', hostMessage('drawer.floatFirst'));
      return this.#insert(shift.shift, input.kind, input.currency, input.amount, reason, by, this.#now());
    }));
  }

  /**
   * Journals an "Open drawer" without a sale (`drawer.opened`, reason no_sale) in the open shift
   * (opening one, `explicit`, when none is), before the kick is sent. `approver`: who allowed it (the
   * owner or manager whose PIN approved it at the till; rows from before that: the signed-in one).
   */
  journalNoSaleOpen(by: { actor: Actor; approver: Actor }): { shift: number; seq: number; at: number } {
    return ledgerWrite(this.#db, this.#db.transaction(() => {
      const at = this.#now();
      const shift = ensureOpenShift(this.#db, 'explicit', { actor: by.actor, at })!;
      const row = append(this.#db, { type: 'drawer.opened', version: 1, payload: { reason: 'no_sale', shift: shift.shift, approver: by.approver } }, { actor: by.actor, at });
      return { shift: shift.shift, seq: row.seq, at };
    }));
  }

  /** Whether the open shift still needs its float (none open counts: the float opens it). */
  needsFloat(): boolean {
    const shift = openShift(this.#db);
    return !shift || !this.#hasFloat(shift.shift);
  }

  /** A shift's movements, in the order they were made. */
  forShift(shift: number): CashMovement[] {
    return (this.#db.prepare('SELECT * FROM cash_movements WHERE shift = ? ORDER BY seq').all(shift) as CashMovementRow[]).map(toMovement);
  }

  #hasFloat(shift: number): boolean {
    return this.#db.prepare(`SELECT 1 FROM cash_movements WHERE shift = ? AND kind = 'float'`).get(shift) !== undefined;
  }

  #insert(shift: number, kind: CashMovement['kind'], currency: CashCurrency, amount: number, reason: string | null, by: { actor: Actor; training: boolean }, at: number): CashMovement {
    const id = ((this.#db.prepare('SELECT MAX(id) AS id FROM cash_movements').get() as { id: number | null }).id ?? 0) + 1;
    const payload = { movement: id, shift, kind, currency, amount, reason, training: by.training };
    const row = append(this.#db, { type: 'cash.moved', version: 1, payload }, { actor: by.actor, at });
    projectCashMoved(this.#db, row, payload);
    return { id, shift, kind, currency, amount, reason, training: by.training, actor: row.actor, at, seq: row.seq };
  }
}
