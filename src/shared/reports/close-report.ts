/**
 * The parts of an X/Z report added with the close of issue 9 (format 4), from the JOURNAL rows of the
 * shift's range like the rest of the report (shift-tally.ts), so a Z stays the sum of its journal. The
 * rows are the caller's: the till reads them from its ledger (src/host/reports/close-report.ts), the
 * back office from the rows a till pushed (journal-fold.ts). Plain data:
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
import type { AccountChange, DrawerCount, ShiftReport } from '../contract.ts';
import type { CashCurrency } from '../rules/cash.ts';

type Payload = Record<string, unknown>;

/** A journaled Bakong ID as an account: '' (none set yet) and anything not text are no account. */
const account = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
type AccountKey = AccountChange['key'];
const ACCOUNT_KEYS: readonly AccountKey[] = ['bakongId', 'allowedAccounts'];

/**
 * Whether a settings change journaled by `actor` at `seq` was made by the owner, so that it moves the
 * approved account.
 */
export type OwnerMade = (actor: string, seq: number) => boolean;

/** The journal rows that give each user's role over time (docs/journal.md, users and roles). */
export const USER_ROLE_ROW_TYPES = ['user.created', 'user.roleChanged', 'user.deactivated'] as const;

/**
 * The owner rule from the till's `user.*` rows (USER_ROLE_ROW_TYPES, in seq order): an actor
 * `user:<uuid>` whose role was owner at `seq` — their `user.created` row, then each
 * `user.roleChanged` and `user.deactivated` before `seq`. A row from before users (`cashier`: whoever
 * stood at the till) or the POS's own (`system`) is never the owner's. The till passes its ledger's
 * rows (src/host/reports/close-report.ts), the back office the rows the till pushed (journal-fold.ts).
 */
export function ownerMadeFrom(userRows: Iterable<{ seq: number; type: string; payload: string }>): OwnerMade {
  const steps = new Map<string, Array<{ seq: number; role: unknown }>>();
  for (const row of userRows) {
    const p = JSON.parse(row.payload) as Payload;
    const role = row.type === 'user.created' ? p.role : row.type === 'user.roleChanged' ? p.to : row.type === 'user.deactivated' ? null : undefined;
    if (role === undefined || typeof p.user !== 'string') continue;
    const list = steps.get(p.user) ?? [];
    list.push({ seq: row.seq, role });
    steps.set(p.user, list);
  }
  return (actor, seq) => {
    const user = /^user:(.+)$/.exec(actor)?.[1];
    if (user === undefined) return false;
    let role: unknown = null;
    for (const step of steps.get(user) ?? []) if (step.seq < seq) role = step.role;
    return role === 'owner';
  };
}

/** The range's last drawer count, or null when none was journaled in it. */
export function countSection(rows: ReadonlyArray<{ at: number; actor: string; payload: string }>): DrawerCount | null {
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

/**
 * `snapshot`: the payload of the last `settings.snapshot` row before the range (if any); `rows`: every
 * `settings.changed` row up to the range's end, in seq order. `envRows` (report format 8 on): every
 * `settings.envOverrides` row up to the range's end, in seq order: a Bakong ID fixed by POS_BAKONG_ID
 * is the one in force (Settings cannot change it) and so the approved one while it is fixed — the
 * machine's set-up is the owner's, and the X/Z flags every setting fixed so (env-overrides.ts). Up to
 * format 7 the environment was not read, and a till whose Bakong ID came from it showed none approved.
 */
export function shiftAccounts(
  snapshot: string | undefined, rows: ReadonlyArray<{ seq: number; at: number; actor: string; payload: string }>, fromSeq: number, ownerMade: OwnerMade,
  envRows?: ReadonlyArray<{ seq: number; payload: string }>,
): ShiftAccounts {
  // The Bakong ID saved in Settings (moved within the range only by the owner), and the one the environment fixes (undefined: none).
  let stored: string | null = snapshot === undefined ? null : account((JSON.parse(snapshot) as { settings: Record<string, unknown> }).settings.bakongId);
  let fromEnv: string | null | undefined;
  const inForce = () => (fromEnv === undefined ? stored : fromEnv);
  const changes: AccountChange[] = [];
  // Each approved Bakong ID of the range from the seq it took effect (ascending).
  const steps: Array<{ seq: number; account: string | null }> = [];
  const merged = [...rows.map((row) => ({ ...row, env: false })), ...(envRows ?? []).map((row) => ({ ...row, at: 0, actor: 'system', env: true }))]
    .sort((x, y) => x.seq - y.seq);
  let atStart: string | null = inForce();
  for (const row of merged) {
    if (row.env) {
      const overrides = (JSON.parse(row.payload) as { overrides: Record<string, unknown> }).overrides;
      fromEnv = 'bakongId' in overrides ? account(overrides.bakongId) : undefined;
      if (row.seq < fromSeq) atStart = inForce();
      else steps.push({ seq: row.seq, account: inForce() });
      continue;
    }
    const p = JSON.parse(row.payload) as { changes: Array<{ key: string; from: unknown; to: unknown }> };
    for (const change of p.changes) {
      if (!(ACCOUNT_KEYS as readonly string[]).includes(change.key)) continue;
      if (row.seq < fromSeq) {
        // Before the range: the account as it stood, whoever set it.
        if (change.key === 'bakongId') {
          stored = account(change.to);
          atStart = inForce();
        }
        continue;
      }
      const approved = ownerMade(row.actor, row.seq);
      changes.push({
        seq: row.seq, at: row.at, actor: row.actor, key: change.key as AccountKey,
        from: change.from as AccountChange['from'], to: change.to as AccountChange['to'], approved,
      });
      if (approved && change.key === 'bakongId') {
        stored = account(change.to);
        steps.push({ seq: row.seq, account: inForce() });
      }
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
export function reprintSection(rows: Iterable<{ type: string; payload: string }>): { receipts: number; z: number } {
  let receipts = 0;
  let z = 0;
  for (const row of rows) {
    if (row.type === 'z.reprinted') z += 1;
    else if (row.type === 'receipt.printed' && (JSON.parse(row.payload) as Payload).kind === 'copy') receipts += 1;
  }
  return { receipts, z };
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
 * it then stood, moved within a shift only by the owner's change; before the first shift, as set;
 * a Bakong ID fixed by the environment (`settings.envOverrides`) in force while it is fixed, as from report format 8.
 * Returns the lookup: the approved account at time `at` (null: unknown, an old till).
 */
export const APPROVED_ACCOUNT_ROW_TYPES = ['settings.snapshot', 'settings.changed', 'settings.envOverrides', 'shift.opened', 'shift.closed'] as const;

/** `rows`: the till's rows of APPROVED_ACCOUNT_ROW_TYPES, in seq order. */
export function approvedAccountByTime(rows: Iterable<{ seq: number; at: number; actor: string; type: string; payload: string }>, ownerMade: OwnerMade): (at: number) => string | null {
  let current: string | null = null;
  let fromEnv: string | null | undefined;
  const inForce = () => (fromEnv === undefined ? current : fromEnv);
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
      if (!inShift) set(row.at, inForce());
    } else if (row.type === 'settings.envOverrides') {
      const overrides = p.overrides as Payload;
      fromEnv = 'bakongId' in overrides ? account(overrides.bakongId) : undefined;
      set(row.at, inForce());
    } else if (row.type === 'settings.changed') {
      for (const change of p.changes as Array<{ key: string; to: unknown }>) {
        if (change.key !== 'bakongId') continue;
        current = account(change.to);
        if (!inShift || ownerMade(row.actor, row.seq)) set(row.at, inForce());
      }
    } else if (row.type === 'shift.opened') {
      inShift = true;
    } else {
      // The next shift's range starts after this row: the account as it now stands.
      set(row.at, inForce());
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
