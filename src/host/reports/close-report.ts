/**
 * The parts of an X/Z report added with the close of issue 9 (format 4), read from this till's ledger:
 * the rules are src/shared/reports/close-report.ts (the back office runs them on the rows a till
 * pushed); this file reads the rows they need from this till's ledger:
 *
 * - the drawer's blind **count**: the range's last `shift.counted` row, and how many there were;
 * - the **approved account**: the Bakong ID as it stood when the range began (the settings snapshot
 *   and every `settings.changed` row before it), moved within the range only by a change the owner
 *   made (`ownerMadeChange`); every change of the Bakong ID or the allowed accounts in the range is
 *   listed. A tender paid to any other account is never takings: switching the Bakong ID to one's
 *   own account for one sale and back is exactly what this shows;
 * - **reprints**: receipt copies (`receipt.printed` kind copy) and Z reprints (`z.reprinted`).
 *
 * Voids and refunds (with their approvers) are format 5's, from their own rows (returns-report.ts).
 */
import type { DrawerCount } from '../../shared/contract.ts';
import {
  APPROVED_ACCOUNT_ROW_TYPES, approvedAccountByTime as approvedByTime, countSection as countOf, reprintSection as reprintsOf,
  ownerMadeFrom, shiftAccounts as accountsOf, USER_ROLE_ROW_TYPES, type ShiftAccounts,
} from '../../shared/reports/close-report.ts';
import { ENV_OVERRIDES_ROW_TYPE } from '../../shared/reports/env-overrides.ts';
import type { Db } from '../ledger/database.ts';

export { blindUntilCounted, type ShiftAccounts } from '../../shared/reports/close-report.ts';

/**
 * Whether a settings change journaled by `actor` was made by the owner, so that it moves the approved
 * account: the shared rule (ownerMadeFrom) on this till's `user.*` rows of that user before `seq`.
 */
export function ownerMadeChange(db: Db, actor: string, seq: number): boolean {
  const user = /^user:(.+)$/.exec(actor)?.[1];
  if (user === undefined) return false;
  const rows = db.prepare(`SELECT seq, type, payload FROM journal WHERE seq < ? AND type IN (${USER_ROLE_ROW_TYPES.map(() => '?').join(', ')})
                           AND json_extract(payload, '$.user') = ? ORDER BY seq`).all(seq, ...USER_ROLE_ROW_TYPES, user) as Array<{ seq: number; type: string; payload: string }>;
  return ownerMadeFrom(rows)(actor, seq);
}

/** The range's last drawer count, or null when none was journaled in it. */
export function countSection(db: Db, till: string, fromSeq: number, toSeq: number): DrawerCount | null {
  return countOf(db.prepare(`SELECT at, actor, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type = 'shift.counted' ORDER BY seq`)
    .all(till, fromSeq, toSeq) as Array<{ at: number; actor: string; payload: string }>);
}

/** The approved Bakong ID through the range, and the range's changes of the receiving accounts; `withEnv` (format 8 on): a Bakong ID fixed by the environment is the approved one. */
export function shiftAccounts(db: Db, till: string, fromSeq: number, toSeq: number, withEnv: boolean): ShiftAccounts {
  const snapshot = db.prepare(`SELECT payload FROM journal WHERE till_id = ? AND seq < ? AND type = 'settings.snapshot' ORDER BY seq DESC LIMIT 1`)
    .pluck().get(till, fromSeq) as string | undefined;
  const rows = db.prepare(`SELECT seq, at, actor, payload FROM journal WHERE till_id = ? AND seq <= ? AND type = 'settings.changed' ORDER BY seq`)
    .all(till, toSeq) as Array<{ seq: number; at: number; actor: string; payload: string }>;
  const envRows = withEnv
    ? db.prepare(`SELECT seq, payload FROM journal WHERE till_id = ? AND seq <= ? AND type = ? ORDER BY seq`).all(till, toSeq, ENV_OVERRIDES_ROW_TYPE) as Array<{ seq: number; payload: string }>
    : undefined;
  return accountsOf(snapshot, rows, fromSeq, (actor, seq) => ownerMadeChange(db, actor, seq), envRows);
}

/** Receipt copies printed and Z reports reprinted in the range. */
export function reprintSection(db: Db, till: string, fromSeq: number, toSeq: number): { receipts: number; z: number } {
  return reprintsOf(db.prepare(`SELECT type, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type IN ('receipt.printed', 'z.reprinted')`)
    .all(till, fromSeq, toSeq) as Array<{ type: string; payload: string }>);
}

/** The approved Bakong ID through the whole journal, by time, for the export (shared close-report.ts approvedAccountByTime). */
export function approvedAccountByTime(db: Db): (at: number) => string | null {
  const till = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").get() === undefined
    ? undefined
    : (db.prepare('SELECT id FROM till LIMIT 1').pluck().get() as string | undefined);
  if (till === undefined) return () => null;
  const rows = db.prepare(`SELECT seq, at, actor, type, payload FROM journal WHERE till_id = ?
                           AND type IN (${APPROVED_ACCOUNT_ROW_TYPES.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(till, ...APPROVED_ACCOUNT_ROW_TYPES) as Array<{ seq: number; at: number; actor: string; type: string; payload: string }>;
  return approvedByTime(rows, (actor, seq) => ownerMadeChange(db, actor, seq));
}
