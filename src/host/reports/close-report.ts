/**
 * The parts of an X/Z report added with the close of issue 9 (format 4), from the JOURNAL rows of the
 * shift's range like the rest of the report (shift-report.ts), so a Z stays the sum of its journal:
 *
 * - the drawer's blind **count**: the range's last `shift.counted` row, and how many there were;
 * - the **approved account**: the Bakong ID as it stood when the range began (the settings snapshot
 *   and every `settings.changed` row before it), moved within the range only by a change the owner
 *   made (`ownerMadeChange`); every change of the Bakong ID or the allowed accounts in the range is
 *   listed. A tender paid to any other account is never takings: switching the Bakong ID to one's
 *   own account for one sale and back is exactly what this shows;
 * - **reprints**: receipt copies (`receipt.printed` kind copy) and Z reprints (`z.reprinted`).
 *
 * Voids and refunds (with their approvers) are the refund work's rows: when they land, they are
 * counted here, from their own rows, as a `voidsAndRefunds` section of the next format.
 */
import type { AccountChange, DrawerCount, ShiftReport } from '../../shared/contract.ts';
import type { CashCurrency } from '../../shared/rules/cash.ts';
import type { Db } from '../ledger/database.ts';

type Payload = Record<string, unknown>;

/** A journaled Bakong ID as an account: '' (none set yet) and anything not text are no account. */
const account = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
type AccountKey = AccountChange['key'];
const ACCOUNT_KEYS: readonly AccountKey[] = ['bakongId', 'allowedAccounts'];

/**
 * Whether a settings change journaled by `actor` was made by the owner, so that it moves the approved
 * account: an actor `user:<uuid>` whose role was owner at `seq`, from the journal's `user.*` rows
 * before it. A row from before users (`cashier`: whoever stood at the till) or the POS's own
 * (`system`) is never the owner's.
 */
export function ownerMadeChange(db: Db, actor: string, seq: number): boolean {
  const user = /^user:(.+)$/.exec(actor)?.[1];
  if (user === undefined) return false;
  // The user's role at that row: their user.created row, then each user.roleChanged and user.deactivated before `seq`.
  const rows = db.prepare(`SELECT type, payload FROM journal WHERE seq < ? AND type IN ('user.created', 'user.roleChanged', 'user.deactivated')
                           AND json_extract(payload, '$.user') = ? ORDER BY seq`).all(seq, user) as Array<{ type: string; payload: string }>;
  let role: unknown = null;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'user.created') role = p.role;
    else if (row.type === 'user.roleChanged') role = p.to;
    else role = null;
  }
  return role === 'owner';
}

/** The range's last drawer count, or null when none was journaled in it. */
export function countSection(db: Db, till: string, fromSeq: number, toSeq: number): DrawerCount | null {
  const rows = db.prepare(`SELECT at, actor, payload FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type = 'shift.counted' ORDER BY seq`)
    .all(till, fromSeq, toSeq) as Array<{ at: number; actor: string; payload: string }>;
  const last = rows.at(-1);
  if (!last) return null;
  const p = JSON.parse(last.payload) as Record<CashCurrency, DrawerCount['USD']>;
  const each = (c: DrawerCount['USD']) => ({ counted: c.counted, notes: c.notes, expected: c.expected, difference: c.difference });
  return { USD: each(p.USD), KHR: each(p.KHR), at: last.at, by: last.actor, counts: rows.length };
}

/** The approved Bakong ID through the range, and the range's changes of the receiving accounts. */
export interface ShiftAccounts {
  /** The approved Bakong ID when the range began (null: unknown, a till made before the settings snapshot with no change since). */
  atStart: string | null;
  changes: AccountChange[];
  /** The approved Bakong ID as it stood just before row `seq` of the range. */
  approvedAt(seq: number): string | null;
}

export function shiftAccounts(db: Db, till: string, fromSeq: number, toSeq: number): ShiftAccounts {
  let atStart: string | null = null;
  const snapshot = db.prepare(`SELECT payload FROM journal WHERE till_id = ? AND seq < ? AND type = 'settings.snapshot' ORDER BY seq DESC LIMIT 1`)
    .pluck().get(till, fromSeq) as string | undefined;
  if (snapshot !== undefined) {
    atStart = account((JSON.parse(snapshot) as { settings: Record<string, unknown> }).settings.bakongId);
  }
  const rows = db.prepare(`SELECT seq, at, actor, payload FROM journal WHERE till_id = ? AND seq <= ? AND type = 'settings.changed' ORDER BY seq`)
    .all(till, toSeq) as Array<{ seq: number; at: number; actor: string; payload: string }>;
  const changes: AccountChange[] = [];
  // Each approved Bakong ID of the range from the seq it took effect (ascending).
  const steps: Array<{ seq: number; account: string | null }> = [];
  for (const row of rows) {
    const p = JSON.parse(row.payload) as { changes: Array<{ key: string; from: unknown; to: unknown }> };
    for (const change of p.changes) {
      if (!(ACCOUNT_KEYS as readonly string[]).includes(change.key)) continue;
      if (row.seq < fromSeq) {
        // Before the range: the account as it stood, whoever set it.
        if (change.key === 'bakongId') atStart = account(change.to);
        continue;
      }
      const approved = ownerMadeChange(db, row.actor, row.seq);
      changes.push({
        seq: row.seq, at: row.at, actor: row.actor, key: change.key as AccountKey,
        from: change.from as AccountChange['from'], to: change.to as AccountChange['to'], approved,
      });
      if (approved && change.key === 'bakongId') steps.push({ seq: row.seq, account: account(change.to) });
    }
  }
  const start = atStart;
  return {
    atStart: start,
    changes,
    approvedAt(seq) {
      let account = start;
      for (const step of steps) if (step.seq < seq) account = step.account;
      return account;
    },
  };
}

/** Receipt copies printed and Z reports reprinted in the range. */
export function reprintSection(db: Db, till: string, fromSeq: number, toSeq: number): { receipts: number; z: number } {
  const row = db.prepare(`SELECT
      coalesce(sum(type = 'receipt.printed' AND json_extract(payload, '$.kind') = 'copy'), 0) AS receipts,
      coalesce(sum(type = 'z.reprinted'), 0) AS z
    FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? AND type IN ('receipt.printed', 'z.reprinted')`)
    .get(till, fromSeq, toSeq) as { receipts: number; z: number };
  return { receipts: row.receipts, z: row.z };
}

/**
 * The X report as the screens get it: before the shift's drawer is counted, no expected figure (the
 * count is blind; what the float and movements add up to is the manager's to know, after the count).
 * A report of format 1–3, or one counted already, goes as it is.
 */
export function blindUntilCounted(report: ShiftReport): ShiftReport {
  if (report.format < 4 || report.count || !report.cash) return report;
  return { ...report, cash: { ...report.cash, USD: { ...report.cash.USD, expected: null }, KHR: { ...report.cash.KHR, expected: null } } };
}

/**
 * The approved Bakong ID through the whole journal, by time, for the export (which reads the sales
 * table, not journal ranges): the same rule as shiftAccounts — at each shift's start the Bakong ID as
 * it then stood, moved within a shift only by the owner's change; before the first shift, as set.
 * Returns the lookup: the approved account at time `at` (null: unknown, an old till).
 */
export function approvedAccountByTime(db: Db): (at: number) => string | null {
  const till = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").get() === undefined
    ? undefined
    : (db.prepare('SELECT id FROM till LIMIT 1').pluck().get() as string | undefined);
  if (till === undefined) return () => null;
  const rows = db.prepare(`SELECT seq, at, actor, type, payload FROM journal WHERE till_id = ?
                           AND type IN ('settings.snapshot', 'settings.changed', 'shift.opened', 'shift.closed') ORDER BY seq`)
    .all(till) as Array<{ seq: number; at: number; actor: string; type: string; payload: string }>;
  let current: string | null = null;
  let approved: string | null = null;
  let inShift = false;
  const steps: Array<{ at: number; account: string | null }> = [];
  const set = (at: number, id: string | null) => {
    if (id === approved) return;
    approved = id;
    steps.push({ at, account: id });
  };
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'settings.snapshot') {
      current = account((p.settings as Payload).bakongId);
      if (!inShift) set(row.at, current);
    } else if (row.type === 'settings.changed') {
      for (const change of p.changes as Array<{ key: string; to: unknown }>) {
        if (change.key !== 'bakongId') continue;
        current = account(change.to);
        if (!inShift || ownerMadeChange(db, row.actor, row.seq)) set(row.at, current);
      }
    } else if (row.type === 'shift.opened') {
      inShift = true;
    } else {
      // The next shift's range starts after this row: the account as it now stands.
      set(row.at, current);
    }
  }
  return (at) => {
    let found: string | null = null;
    for (const step of steps) {
      if (step.at > at) break;
      found = step.account;
    }
    return found;
  };
}
