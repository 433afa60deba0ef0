/**
 * Checks of the journal, from the stored bytes only (docs/journal.md, "What the chain proves").
 *
 * `verifyChain` walks this till's chain in order and names the first bad row: a sequence gap, a
 * `prev_hash` that is not the previous row's hash, a field that is not as written by the POS, a
 * payload that is not canonical, a hash that does not match its row, an anchor (a Z report's
 * printed `SEQ:HASH16`) the chain does not match. `verifyProjection` checks that each sale in the
 * sales table is what its journal rows say, that every journaled sale is there, and the same of the
 * alerts (raised, dismissed).
 *
 * A chain recomputed from scratch by someone who has the file passes `verifyChain` without an
 * anchor: only an anchor kept off the file (printed on a Z report) catches that.
 */
import type { SaleStatus } from '../../../shared/contract.ts';
import type { Db } from '../database.ts';
import { GENESIS_PREV_HASH, isCanonical, rowHash } from './canonical.ts';
import { ACTORS, KNOWN_EVENTS } from './events.ts';

export type ChainProblemKind = 'no journal' | 'gap' | 'prev link' | 'bad field' | 'non-canonical payload' | 'hash mismatch' | 'genesis' | 'anchor';

export interface ChainProblem {
  /** The first bad row's sequence number (for a missing row: the one expected there). */
  seq: number;
  kind: ChainProblemKind;
  text: string;
}

export interface Anchor {
  seq: number;
  /** The first 16 (or more) hex characters of that row's hash, as printed. */
  hash: string;
}

export interface ChainReport {
  ok: boolean;
  tillId: string | null;
  /** Rows checked. */
  rows: number;
  /** The last row checked (the chain head when the walk reached the end). */
  head: { seq: number; hash: string } | null;
  problem: ChainProblem | null;
}

interface StoredRow {
  till_id: string;
  seq: number;
  uuid: string;
  actor: string;
  at: number;
  type: string;
  version: number;
  payload: string;
  prev_hash: string;
  hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Parses `SEQ:HASH16` (the hash part at least 16 hex characters). */
export function parseAnchor(text: string): Anchor | null {
  const match = /^([1-9][0-9]{0,15}):([0-9a-fA-F]{16,64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

function fieldProblem(row: StoredRow): string | null {
  if (typeof row.seq !== 'number' || !Number.isSafeInteger(row.seq)) return 'its seq is not an integer';
  if (typeof row.uuid !== 'string' || !UUID.test(row.uuid)) return `its uuid ${JSON.stringify(row.uuid)} is not a lowercase UUID`;
  if (!(ACTORS as readonly string[]).includes(row.actor)) return `its actor ${JSON.stringify(row.actor)} is not one the POS writes`;
  if (typeof row.at !== 'number' || !Number.isSafeInteger(row.at)) return 'its time is not an integer';
  const versions = (KNOWN_EVENTS as Record<string, readonly number[] | undefined>)[row.type];
  if (!versions) return `its type ${JSON.stringify(row.type)} is unknown to this build`;
  if (!versions.includes(row.version)) return `its type ${row.type} has version ${String(row.version)}, unknown to this build`;
  if (typeof row.payload !== 'string') return 'its payload is not text';
  if (typeof row.hash !== 'string' || !HEX64.test(row.hash)) return 'its hash is not 64 lowercase hex characters';
  if (typeof row.prev_hash !== 'string' || !HEX64.test(row.prev_hash)) return 'its prev_hash is not 64 lowercase hex characters';
  return null;
}

export function verifyChain(db: Db, options: { fromSeq?: number; anchor?: Anchor } = {}): ChainReport {
  const till = db.prepare('SELECT id FROM till LIMIT 1').get() as { id: string } | undefined;
  const report = (rows: number, head: ChainReport['head'], problem: ChainProblem | null): ChainReport =>
    ({ ok: problem === null, tillId: till?.id ?? null, rows, head, problem });
  if (!till) return report(0, null, { seq: 1, kind: 'no journal', text: 'the ledger has no till identity, so no journal to verify' });

  const fromSeq = Math.max(1, options.fromSeq ?? 1);
  let expectedSeq = fromSeq;
  let prevHash = GENESIS_PREV_HASH;
  if (fromSeq > 1) {
    // Starting mid-chain (from a Z report's anchor): the row before is trusted as stored.
    const before = db.prepare('SELECT hash FROM journal WHERE till_id = ? AND seq = ?').get(till.id, fromSeq - 1) as { hash: string } | undefined;
    if (!before) return report(0, null, { seq: fromSeq - 1, kind: 'gap', text: `row ${fromSeq - 1}, where the walk starts, is missing` });
    prevHash = before.hash;
  }
  const anchor = options.anchor;
  let anchorSeen = false;
  let rows = 0;
  let head: ChainReport['head'] = null;
  const walk = db.prepare('SELECT till_id, seq, uuid, actor, at, type, version, payload, prev_hash, hash FROM journal WHERE till_id = ? AND seq >= ? ORDER BY seq');
  for (const row of walk.iterate(till.id, fromSeq) as IterableIterator<StoredRow>) {
    const seq = row.seq;
    if (seq !== expectedSeq) {
      return report(rows, head, { seq: expectedSeq, kind: 'gap', text: `row ${expectedSeq} is missing: the row after ${expectedSeq - 1} is ${seq}` });
    }
    const bad = fieldProblem(row);
    if (bad) return report(rows, head, { seq, kind: 'bad field', text: `row ${seq}: ${bad}` });
    if (row.prev_hash !== prevHash) {
      return report(rows, head, { seq, kind: 'prev link', text: `row ${seq}'s prev_hash ${row.prev_hash.slice(0, 16)}… is not row ${seq - 1}'s hash ${prevHash.slice(0, 16)}…` });
    }
    if (!isCanonical(row.payload)) {
      return report(rows, head, { seq, kind: 'non-canonical payload', text: `row ${seq}'s payload is not canonical JSON (edited by hand?)` });
    }
    const computed = rowHash(prevHash, {
      tillId: row.till_id, seq, uuid: row.uuid, actor: row.actor, at: row.at, type: row.type, version: row.version, payload: row.payload,
    });
    if (computed !== row.hash) {
      return report(rows, head, { seq, kind: 'hash mismatch', text: `row ${seq} (${row.type}) does not hash to its stored hash: the row was changed after it was written` });
    }
    if (seq === 1) {
      const payload = JSON.parse(row.payload) as { till?: unknown };
      if (row.type !== 'till.created' || payload.till !== till.id) {
        return report(rows, head, { seq, kind: 'genesis', text: `row 1 is not this till's till.created row` });
      }
    }
    if (anchor && seq === anchor.seq) {
      anchorSeen = true;
      if (!row.hash.startsWith(anchor.hash)) {
        return report(rows, head, { seq, kind: 'anchor', text: `row ${seq}'s hash begins ${row.hash.slice(0, anchor.hash.length)}, the anchor says ${anchor.hash}: the chain was rewritten up to here` });
      }
    }
    rows += 1;
    head = { seq, hash: row.hash };
    prevHash = row.hash;
    expectedSeq = seq + 1;
  }
  if (rows === 0 && fromSeq === 1) return report(0, null, { seq: 1, kind: 'no journal', text: 'the journal is empty: its first row (till.created) is missing' });
  if (anchor && !anchorSeen) {
    return report(rows, head, { seq: anchor.seq, kind: 'anchor', text: `the anchor's row ${anchor.seq} is not in the chain (it ends at ${head?.seq ?? fromSeq - 1}): rows were removed` });
  }
  return report(rows, head, null);
}

/** What a sale's journal rows say it is. */
interface JournaledSale {
  status: SaleStatus;
  amountCents: number;
  md5: string | null;
  paidAt: number | null;
  payTo: string | null;
}

export interface ProjectionReport {
  ok: boolean;
  sales: number;
  /** The first sale (or alert) that differs, and how. */
  problem: { sale: number; alert?: number; text: string } | null;
}

type Payload = Record<string, unknown>;

/** Folds a sale's rows (in sequence order) into the state they describe; null if they describe none. */
function foldSale(rows: Array<{ type: string; at: number; payload: string }>): JournaledSale | null {
  let sale: JournaledSale | null = null;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    switch (row.type) {
      case 'migrated.sale':
        sale = { status: p.status as SaleStatus, amountCents: p.amountCents as number, md5: p.md5 as string | null, paidAt: p.paidAt as number | null, payTo: p.payTo as string | null };
        break;
      case 'sale.opened':
        sale = { status: 'creating', amountCents: p.amountCents as number, md5: null, paidAt: null, payTo: null };
        break;
      case 'sale.qrIssued':
        if (sale) Object.assign(sale, { status: 'awaiting_payment', md5: p.md5, payTo: p.payTo });
        break;
      case 'sale.paid':
        if (sale) Object.assign(sale, { status: 'paid', paidAt: row.at });
        break;
      case 'sale.expired':
      case 'sale.cancelled':
      case 'sale.failed':
        if (sale) sale.status = row.type.slice('sale.'.length) as SaleStatus;
        break;
      default:
        break;
    }
  }
  return sale;
}

const SALE_TYPES = ['migrated.sale', 'sale.opened', 'sale.qrIssued', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed'];

/** Each sale of the sales table against its journal rows, in sale order; then journaled sales missing from the table. */
export function verifyProjection(db: Db): ProjectionReport {
  const till = db.prepare('SELECT id FROM till LIMIT 1').get() as { id: string } | undefined;
  if (!till) return { ok: false, sales: 0, problem: { sale: 0, text: 'the ledger has no till identity, so no journal to compare with' } };
  const typeList = SALE_TYPES.map((t) => `'${t}'`).join(', ');
  const rowsOf = db.prepare(`SELECT type, at, payload FROM journal INDEXED BY journal_by_sale
                             WHERE till_id = ? AND sale_id = ? AND type IN (${typeList}) ORDER BY seq`);
  const page = db.prepare('SELECT id, status, amount_cents, md5, paid_at, pay_to FROM sales WHERE id > ? ORDER BY id LIMIT 1000');
  let count = 0;
  let last = 0;
  for (;;) {
    const sales = page.all(last) as Array<{ id: number; status: SaleStatus; amount_cents: number; md5: string | null; paid_at: number | null; pay_to: string | null }>;
    if (sales.length === 0) break;
    for (const sale of sales) {
      const journaled = foldSale(rowsOf.all(till.id, sale.id) as Array<{ type: string; at: number; payload: string }>);
      if (!journaled) return { ok: false, sales: count, problem: { sale: sale.id, text: `sale ${sale.id} is in the sales table but no journal row records it (inserted by hand?)` } };
      const differs: string[] = [];
      if (journaled.status !== sale.status) differs.push(`status ${sale.status}, the journal says ${journaled.status}`);
      if (journaled.amountCents !== sale.amount_cents) differs.push(`amount ${sale.amount_cents}, the journal says ${journaled.amountCents}`);
      if (journaled.md5 !== sale.md5) differs.push(`md5 ${String(sale.md5)}, the journal says ${String(journaled.md5)}`);
      if (journaled.paidAt !== sale.paid_at) differs.push(`paid_at ${String(sale.paid_at)}, the journal says ${String(journaled.paidAt)}`);
      if (journaled.payTo !== sale.pay_to) differs.push(`pays ${String(sale.pay_to)}, the journal says ${String(journaled.payTo)}`);
      if (differs.length > 0) return { ok: false, sales: count, problem: { sale: sale.id, text: `sale ${sale.id} has ${differs.join('; ')}` } };
      count += 1;
    }
    last = sales[sales.length - 1]!.id;
  }
  const orphan = db.prepare(`SELECT sale_id FROM journal WHERE till_id = ? AND type IN ('migrated.sale', 'sale.opened')
                             AND sale_id NOT IN (SELECT id FROM sales) ORDER BY sale_id LIMIT 1`).get(till.id) as { sale_id: number } | undefined;
  if (orphan) return { ok: false, sales: count, problem: { sale: orphan.sale_id, text: `sale ${orphan.sale_id} is in the journal but missing from the sales table` } };
  const alert = alertProblem(db, till.id);
  if (alert) return { ok: false, sales: count, problem: alert };
  return { ok: true, sales: count, problem: null };
}

/**
 * The alerts table against its journal rows (raised, dismissed, or migrated at the upgrade): the
 * same alerts, for the same sales, dismissed or not as journaled. Late payments are few: held in memory.
 */
function alertProblem(db: Db, till: string): { sale: number; alert: number; text: string } | null {
  const journaled = new Map<number, { sale: number; previousStatus: string; dismissedAt: number | null }>();
  const rows = db.prepare(`SELECT type, at, payload FROM journal WHERE till_id = ? AND type IN ('migrated.alert', 'alert.raised', 'alert.dismissed') ORDER BY seq`)
    .all(till) as Array<{ type: string; at: number; payload: string }>;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const id = p.alert as number;
    if (row.type === 'alert.dismissed') {
      const known = journaled.get(id);
      if (known) known.dismissedAt = row.at;
    } else {
      journaled.set(id, { sale: p.sale as number, previousStatus: p.previousStatus as string, dismissedAt: row.type === 'migrated.alert' ? (p.dismissedAt as number | null) : null });
    }
  }
  const table = db.prepare('SELECT id, sale_id, previous_status, dismissed_at FROM alerts ORDER BY id').all() as Array<{
    id: number; sale_id: number; previous_status: string; dismissed_at: number | null;
  }>;
  for (const alert of table) {
    const j = journaled.get(alert.id);
    const named = { sale: alert.sale_id, alert: alert.id };
    if (!j) return { ...named, text: `alert ${alert.id} (sale ${alert.sale_id}) is in the alerts table but no journal row raised it` };
    journaled.delete(alert.id);
    if (j.sale !== alert.sale_id || j.previousStatus !== alert.previous_status) {
      return { ...named, text: `alert ${alert.id} is for sale ${alert.sale_id} (${alert.previous_status}), the journal says sale ${j.sale} (${j.previousStatus})` };
    }
    if (j.dismissedAt !== alert.dismissed_at) {
      return { ...named, text: `alert ${alert.id} has dismissed_at ${String(alert.dismissed_at)}, the journal says ${String(j.dismissedAt)}` };
    }
  }
  const [missing] = journaled;
  if (missing) return { sale: missing[1].sale, alert: missing[0], text: `alert ${missing[0]} (sale ${missing[1].sale}) is in the journal but missing from the alerts table` };
  return null;
}
