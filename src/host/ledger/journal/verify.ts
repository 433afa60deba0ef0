/**
 * Checks of the journal, from the stored bytes only (docs/journal.md, "What the chain proves").
 *
 * `verifyChain` walks this till's chain in order and names the first bad row: a sequence gap, a
 * `prev_hash` that is not the previous row's hash, a field that is not as written by the POS, a
 * payload that is not canonical, a hash that does not match its row, an anchor (a Z report's
 * printed `SEQ:HASH16`) the chain does not match. `verifyProjection` checks that each sale in the
 * sales table, with its tenders and their history, is what its journal rows say (sale-fold.ts), that
 * every journaled sale and tender is there, and the same of the alerts (raised, dismissed).
 *
 * A chain recomputed from scratch by someone who has the file passes `verifyChain` without an
 * anchor: only an anchor kept off the file (printed on a Z report) catches that.
 */
import type { SaleRow, TenderRow } from '../sale-rows.ts';
import type { Db } from '../database.ts';
import { GENESIS_PREV_HASH, fieldGrammarProblem, isCanonical, rowHash, type HashedFields } from './canonical.ts';
import { DEFAULT_SETTINGS } from '../../config/settings.ts';
import { KNOWN_EVENTS, isKnownActor } from './events.ts';
import { FOLDED_SALE_COLUMNS, FOLDED_TENDER_COLUMNS, foldSales, SALE_ROW_TYPES_SQL, type FoldedSale, type JournaledEvent, type SaleJournalRow } from '../../../shared/reports/sale-fold.ts';

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
  /** The till's code, when the anchor names it (`CODE[-EPOCH]:SEQ:HASH16`): it must be this till's. */
  code?: string;
  /** With a code: the epoch row SEQ must be in (1 when the code has no `-EPOCH`). */
  epoch?: number;
}

export interface ChainReport {
  ok: boolean;
  tillId: string | null;
  /** Rows checked. */
  rows: number;
  /** The last row checked (the chain head when the walk reached the end). */
  head: { epoch: number; seq: number; hash: string } | null;
  problem: ChainProblem | null;
}

interface StoredRow {
  till_id: string;
  epoch: number;
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

/**
 * Parses `SEQ:HASH16` (this till, row SEQ in whatever epoch it is) or `CODE[-EPOCH]:SEQ:HASH16` (the
 * till's code, its epoch when above 1, as receipt and Z numbers write them): SEQ at most 15 digits
 * (so it stays below 2^53), the hash part at least 16 hex characters. Anything else is null.
 */
export function parseAnchor(text: string): Anchor | null {
  const match = /^(?:([0-9A-Za-z]{4,8})(?:-([1-9][0-9]{0,8}))?:)?([1-9][0-9]{0,14}):([0-9a-fA-F]{16,64})$/.exec(text.trim());
  if (!match) return null;
  const anchor: Anchor = { seq: Number(match[3]), hash: match[4]!.toLowerCase() };
  if (match[1] !== undefined) {
    anchor.code = match[1].toUpperCase();
    anchor.epoch = match[2] === undefined ? 1 : Number(match[2]);
  }
  return anchor;
}

/** An anchor as printed: `CODE[-EPOCH]:SEQ:HASH16` (the epoch only above 1), or `SEQ:HASH16` without a code. */
export function formatAnchor(anchor: Anchor): string {
  const prefix = anchor.code === undefined ? '' : `${anchor.code}${(anchor.epoch ?? 1) > 1 ? `-${String(anchor.epoch)}` : ''}:`;
  return `${prefix}${anchor.seq}:${anchor.hash}`;
}

function hashed(row: StoredRow): HashedFields {
  return { tillId: row.till_id, epoch: row.epoch, seq: row.seq, uuid: row.uuid, actor: row.actor, at: row.at, type: row.type, version: row.version, payload: row.payload };
}

/** The hashed-bytes grammar (canonical.ts, the same the writer enforces), then what this build writes. */
function fieldProblem(row: StoredRow, till: string): string | null {
  const grammar = fieldGrammarProblem(hashed(row));
  if (grammar) return grammar;
  if (row.till_id !== till) return `its till_id ${row.till_id} is not this till's (${till})`;
  if (!isKnownActor(row.actor)) return `its actor ${JSON.stringify(row.actor)} is not one the POS writes`;
  const versions = (KNOWN_EVENTS as Record<string, readonly number[] | undefined>)[row.type];
  if (!versions) return `its type ${JSON.stringify(row.type)} is unknown to this build`;
  if (!versions.includes(row.version)) return `its type ${row.type} has version ${String(row.version)}, unknown to this build`;
  if (typeof row.payload !== 'string') return 'its payload is not text';
  if (typeof row.hash !== 'string' || !HEX64.test(row.hash)) return 'its hash is not 64 lowercase hex characters';
  if (typeof row.prev_hash !== 'string' || !HEX64.test(row.prev_hash)) return 'its prev_hash is not 64 lowercase hex characters';
  return null;
}

/**
 * `fromSeq`: start there, trusting row fromSeq - 1's stored hash (a Z's anchor, or the previous step
 * of a walk in steps). `toSeq`: stop after that row (a step of the POS's start check); the head is
 * then the last row checked.
 */
export function verifyChain(db: Db, options: { fromSeq?: number; toSeq?: number; anchor?: Anchor } = {}): ChainReport {
  const till = db.prepare('SELECT id, code FROM till LIMIT 1').get() as { id: string; code: string } | undefined;
  const report = (rows: number, head: ChainReport['head'], problem: ChainProblem | null): ChainReport =>
    ({ ok: problem === null, tillId: till?.id ?? null, rows, head, problem });
  if (!till) return report(0, null, { seq: 1, kind: 'no journal', text: 'the ledger has no till identity, so no journal to verify' });

  const fromSeq = Math.max(1, options.fromSeq ?? 1);
  let expectedSeq = fromSeq;
  let prevHash = GENESIS_PREV_HASH;
  let prevEpoch = 1;
  if (fromSeq > 1) {
    // Starting mid-chain (from a Z report's anchor): the row before is trusted as stored.
    const before = db.prepare('SELECT epoch, hash FROM journal WHERE till_id = ? AND seq = ?').get(till.id, fromSeq - 1) as { epoch: number; hash: string } | undefined;
    if (!before) return report(0, null, { seq: fromSeq - 1, kind: 'gap', text: `row ${fromSeq - 1}, where the walk starts, is missing` });
    prevHash = before.hash;
    prevEpoch = before.epoch;
  }
  const anchor = options.anchor;
  let anchorSeen = false;
  let rows = 0;
  let head: ChainReport['head'] = null;
  const walk = db.prepare('SELECT till_id, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash FROM journal WHERE till_id = ? AND seq >= ? AND seq <= ? ORDER BY seq');
  for (const row of walk.iterate(till.id, fromSeq, options.toSeq ?? Number.MAX_SAFE_INTEGER) as IterableIterator<StoredRow>) {
    const seq = row.seq;
    if (seq !== expectedSeq) {
      return report(rows, head, { seq: expectedSeq, kind: 'gap', text: `row ${expectedSeq} is missing: the row after ${expectedSeq - 1} is ${seq}` });
    }
    const bad = fieldProblem(row, till.id);
    if (bad) return report(rows, head, { seq, kind: 'bad field', text: `row ${seq}: ${bad}` });
    // An epoch starts at 1 and is raised only by a restore's row (docs/journal.md, "Epochs").
    const epochOk = row.type === 'ledger.restored' ? row.epoch > prevEpoch : row.epoch === prevEpoch;
    if (!epochOk) {
      return report(rows, head, { seq, kind: 'bad field', text: `row ${seq} (${row.type}) is in epoch ${row.epoch} after a row of epoch ${prevEpoch}: only a restore starts a new, higher epoch` });
    }
    if (row.prev_hash !== prevHash) {
      return report(rows, head, { seq, kind: 'prev link', text: `row ${seq}'s prev_hash ${row.prev_hash.slice(0, 16)}… is not row ${seq - 1}'s hash ${prevHash.slice(0, 16)}…` });
    }
    if (!isCanonical(row.payload)) {
      return report(rows, head, { seq, kind: 'non-canonical payload', text: `row ${seq}'s payload is not canonical JSON (edited by hand?)` });
    }
    const computed = rowHash(prevHash, hashed(row));
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
      if (anchor.code !== undefined && anchor.code !== till.code) {
        return report(rows, head, { seq, kind: 'anchor', text: `the anchor names till ${anchor.code}, this ledger is till ${till.code}` });
      }
      if (anchor.epoch !== undefined && anchor.epoch !== row.epoch) {
        return report(rows, head, { seq, kind: 'anchor', text: `the anchor says row ${seq} is in epoch ${anchor.epoch}, it is in epoch ${row.epoch} here: another branch of this till's chain` });
      }
      if (!row.hash.startsWith(anchor.hash)) {
        return report(rows, head, { seq, kind: 'anchor', text: `row ${seq}'s hash begins ${row.hash.slice(0, anchor.hash.length)}, the anchor says ${anchor.hash}: the chain was rewritten up to here` });
      }
    }
    rows += 1;
    head = { epoch: row.epoch, seq, hash: row.hash };
    prevHash = row.hash;
    prevEpoch = row.epoch;
    expectedSeq = seq + 1;
  }
  if (rows === 0 && fromSeq === 1) return report(0, null, { seq: 1, kind: 'no journal', text: 'the journal is empty: its first row (till.created) is missing' });
  if (anchor && !anchorSeen && (options.toSeq === undefined || options.toSeq >= anchor.seq)) {
    return report(rows, head, { seq: anchor.seq, kind: 'anchor', text: `the anchor's row ${anchor.seq} is not in the chain (it ends at ${head?.seq ?? fromSeq - 1}): rows were removed` });
  }
  return report(rows, head, null);
}

const SALE_COLUMNS = FOLDED_SALE_COLUMNS;
const TENDER_COLUMNS = FOLDED_TENDER_COLUMNS;

type SaleColumns = Pick<SaleRow, 'id' | (typeof SALE_COLUMNS)[number]>;
type TenderColumns = Pick<TenderRow, 'id' | 'sale_id' | (typeof TENDER_COLUMNS)[number]>;

export interface ProjectionReport {
  ok: boolean;
  sales: number;
  /** The first sale (or its tender, an alert, receipt print, setting, cash movement, void, refund or user) that differs, and how. */
  problem: { sale: number; tender?: number; alert?: number; job?: number; setting?: string; movement?: number; void?: number; refund?: number; user?: string; text: string } | null;
}

type Payload = Record<string, unknown>;

const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

function columnsDiffer<T extends string>(columns: readonly T[], table: Record<T, unknown>, journaled: Record<T, unknown>): string[] {
  return columns.filter((c) => journaled[c] !== table[c]).map((c) => `${c} ${show(table[c])}, the journal says ${show(journaled[c])}`);
}

function historyDiffers(events: JournaledEvent[], journaled: JournaledEvent[]): string | null {
  const line = (e: JournaledEvent | undefined): string => (e ? `${String(e.from)} → ${e.to} at ${e.at}` : 'none');
  for (let i = 0; i < Math.max(events.length, journaled.length); i += 1) {
    const a = events[i];
    const b = journaled[i];
    if (!a || !b || a.at !== b.at || a.from !== b.from || a.to !== b.to) return `line ${i + 1} is ${line(a)}, the journal says ${line(b)}`;
  }
  return null;
}

type Problem = NonNullable<ProjectionReport['problem']>;

/** Sales compared per page (verifyProjection): enough to make the per-statement cost vanish, few enough to keep memory small. */
const PAGE_SALES = 1000;

/** The rows that open a sale: a journaled sale is one with such a row. */
const OPENING_TYPES: readonly string[] = ['migrated.sale', 'sale.opened'];

/** Rows grouped by a key, each group in the rows' order. */
function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** A sale and its tenders (with their history) against what the sale's journal rows say. */
function saleDiffers(sale: SaleColumns, tenders: TenderColumns[], journaled: FoldedSale, eventsOf: (tender: number) => JournaledEvent[]): Problem | null {
  const differs = columnsDiffer(SALE_COLUMNS, sale, journaled);
  if (differs.length > 0) return { sale: sale.id, text: `sale ${sale.id} has ${differs.join('; ')}` };
  for (const tender of tenders) {
    const named = { sale: sale.id, tender: tender.id };
    const j = journaled.tenders.get(tender.id);
    if (!j) return { ...named, text: `tender ${tender.id} of sale ${sale.id} is in the tenders table but no journal row records it (inserted by hand?)` };
    const tenderDiffers = columnsDiffer(TENDER_COLUMNS, tender, j);
    if (tenderDiffers.length > 0) return { ...named, text: `tender ${tender.id} (sale ${sale.id}) has ${tenderDiffers.join('; ')}` };
    const history = historyDiffers(eventsOf(tender.id), j.events);
    if (history) return { ...named, text: `tender ${tender.id}'s history (tender_events, sale ${sale.id}) ${history}` };
  }
  const missing = [...journaled.tenders.keys()].find((id) => !tenders.some((t) => t.id === id));
  if (missing !== undefined) return { sale: sale.id, tender: missing, text: `tender ${missing} of sale ${sale.id} is in the journal but missing from the tenders table` };
  return null;
}

/**
 * Each sale of the sales table, with its tenders, against its journal rows, in sale order; then
 * journaled sales missing from the table, tenders and history lines of no sale, alerts and printed
 * receipts. The POS's start check compares the sales since the last Z in steps: `fromSale`..`toSale`
 * compares those sales only (nothing after them), and the last step (no `toSale`) the rest and
 * everything after.
 */
export function verifyProjection(db: Db, options: { fromSale?: number; toSale?: number } = {}): ProjectionReport {
  const till = db.prepare('SELECT id, code FROM till LIMIT 1').get() as { id: string; code: string } | undefined;
  if (!till) return { ok: false, sales: 0, problem: { sale: 0, text: 'the ledger has no till identity, so no journal to compare with' } };
  // A page of sales at a time, and the journal rows, tenders and history lines of that page's range
  // of sale numbers in one range read each (in sale order, through journal_by_sale, tenders_by_sale
  // and tender_events_by_tender): four statements a page instead of three or more a sale, and
  // memory bounded by the page whatever the ledger's size.
  const page = db.prepare(`SELECT id, ${SALE_COLUMNS.join(', ')} FROM sales WHERE id > ? AND id <= ? ORDER BY id LIMIT ${PAGE_SALES}`);
  const rowsIn = db.prepare(`SELECT sale_id, type, version, at, payload FROM journal INDEXED BY journal_by_sale
                             WHERE till_id = ? AND sale_id > ? AND sale_id <= ? AND type IN ${SALE_ROW_TYPES_SQL} ORDER BY sale_id, seq`);
  const tendersIn = db.prepare(`SELECT id, sale_id, ${TENDER_COLUMNS.join(', ')} FROM tenders WHERE sale_id > ? AND sale_id <= ? ORDER BY sale_id, id`);
  const eventsIn = db.prepare(`SELECT e.tender_id, e.at, e.from_status AS "from", e.to_status AS "to"
                               FROM tenders t JOIN tender_events e ON e.tender_id = t.id
                               WHERE t.sale_id > ? AND t.sale_id <= ? ORDER BY t.sale_id, t.id, e.id`);
  let count = 0;
  let last = Math.max(0, (options.fromSale ?? 1) - 1);
  const fail = (problem: Problem): ProjectionReport => ({ ok: false, sales: count, problem });
  const missingSale = (sale: number): Problem => ({ sale, text: `sale ${sale} is in the journal but missing from the sales table` });
  for (;;) {
    const sales = page.all(last, options.toSale ?? Number.MAX_SAFE_INTEGER) as SaleColumns[];
    if (sales.length === 0) break;
    const upTo = sales[sales.length - 1]!.id;
    const journaled = foldSales(rowsIn.all(till.id, last, upTo) as Array<SaleJournalRow & { sale_id: number }>);
    const tenders = groupBy(tendersIn.all(last, upTo) as TenderColumns[], (tender) => tender.sale_id);
    const events = groupBy(eventsIn.all(last, upTo) as Array<JournaledEvent & { tender_id: number }>, (event) => event.tender_id);
    for (const sale of sales) {
      const folded = journaled.get(sale.id);
      if (!folded) return fail({ sale: sale.id, text: `sale ${sale.id} is in the sales table but no journal row records it (inserted by hand?)` });
      const differs = saleDiffers(sale, tenders.get(sale.id) ?? [], folded, (tender) => events.get(tender) ?? []);
      if (differs) return fail(differs);
      count += 1;
      journaled.delete(sale.id);
    }
    // Sales left over are journaled between this page's numbers, and the sales table does not have them.
    const [orphan] = journaled.keys();
    if (orphan !== undefined) return fail(missingSale(orphan));
    last = upTo;
  }
  if (options.toSale !== undefined) return { ok: true, sales: count, problem: null };
  // The journal's sales outside the range compared (before it when it started at a later sale, after its last).
  const opened = db.prepare(`SELECT sale_id FROM journal INDEXED BY journal_by_sale WHERE till_id = ? AND sale_id > ? AND sale_id < ?
                             AND type IN (${OPENING_TYPES.map((t) => `'${t}'`).join(', ')}) AND sale_id NOT IN (SELECT id FROM sales) ORDER BY sale_id LIMIT 1`);
  const orphan = (opened.get(till.id, 0, Math.max(1, options.fromSale ?? 1)) ?? opened.get(till.id, last, Number.MAX_SAFE_INTEGER)) as { sale_id: number } | undefined;
  if (orphan) return fail(missingSale(orphan.sale_id));
  const strayTender = db.prepare('SELECT id, sale_id FROM tenders WHERE sale_id NOT IN (SELECT id FROM sales) ORDER BY id LIMIT 1').get() as { id: number; sale_id: number } | undefined;
  if (strayTender) return fail({ sale: strayTender.sale_id, tender: strayTender.id, text: `tender ${strayTender.id} is for sale ${strayTender.sale_id}, which is not in the sales table` });
  const stray = db.prepare('SELECT tender_id FROM tender_events WHERE tender_id NOT IN (SELECT id FROM tenders) ORDER BY id LIMIT 1').get() as { tender_id: number } | undefined;
  if (stray) return fail({ sale: 0, tender: stray.tender_id, text: `tender_events has lines for tender ${stray.tender_id}, which is not in the tenders table` });
  const journal = journalRowsOf(db, till.id);
  const alert = alertProblem(db, journal);
  if (alert) return fail(alert);
  const print = printProblem(db, till.id, journal);
  if (print) return fail(print);
  const setting = settingsProblem(db, journal);
  if (setting) return fail(setting);
  for (const doc of [CASH_MOVEMENTS, SALE_VOIDS, REFUNDS]) {
    const problem = documentProblem(db, journal, doc);
    if (problem) return fail(problem);
  }
  const user = userProblem(db, till.id);
  if (user) return fail(user);
  return { ok: true, sales: count, problem: null };
}

/** The row types the checks after the sales compare: alerts, receipts printed, settings, cash movements, voids and refunds. */
const OTHER_ROW_TYPES = ['migrated.alert', 'alert.raised', 'alert.dismissed', 'receipt.printed', 'settings.snapshot', 'settings.changed', 'cash.moved',
  'sale.voided', 'refund.made'] as const;

interface JournalRow { seq: number; type: string; actor: string; at: number; payload: string }

/** A check's rows (of the types given, in sequence order) out of the one read of OTHER_ROW_TYPES. */
type JournalRows = (types: ReadonlyArray<(typeof OTHER_ROW_TYPES)[number]>) => JournalRow[];

/**
 * The journal's rows of OTHER_ROW_TYPES in one scan (the journal has no index by type: a scan of
 * it per check cost as much as the rest of the check on a year's ledger). Receipts are one row a
 * sale; the rest are few.
 */
function journalRowsOf(db: Db, till: string): JournalRows {
  const rows = db.prepare(`SELECT seq, type, actor, at, payload FROM journal WHERE till_id = ? AND type IN (${OTHER_ROW_TYPES.map((t) => `'${t}'`).join(', ')}) ORDER BY seq`)
    .all(till) as JournalRow[];
  return (types) => rows.filter((row) => (types as readonly string[]).includes(row.type));
}

/**
 * A table that projects one journal row type, one row per journal row (cash_movements, sale_voids,
 * refunds): every column its rows state, and how to read them from a row.
 */
interface DocumentTable {
  table: string;
  type: 'cash.moved' | 'sale.voided' | 'refund.made';
  /** What a problem names it by (`movement`, `void`, `refund`), and the payload key holding its id. */
  noun: 'movement' | 'void' | 'refund';
  label: string;
  idKey: string;
  columns: readonly string[];
  journaled: (p: Payload, row: { seq: number; actor: string; at: number }) => Record<string, unknown>;
  /** The sale a row is about, for the problem (0: none). */
  sale: (p: Payload) => number;
}

/** The cash_movements columns its `cash.moved` rows state, all of them (ledger/cash-movements.ts). */
const CASH_MOVEMENTS: DocumentTable = {
  table: 'cash_movements', type: 'cash.moved', noun: 'movement', label: 'cash movement', idKey: 'movement',
  columns: ['shift', 'kind', 'currency', 'amount', 'reason', 'training', 'actor', 'at', 'seq'],
  journaled: (p, row) => ({ shift: p.shift, kind: p.kind, currency: p.currency, amount: p.amount, reason: p.reason, training: p.training === true ? 1 : 0, actor: row.actor, at: row.at, seq: row.seq }),
  sale: () => 0,
};

/** The sale_voids columns its `sale.voided` rows state, all of them (ledger/sale-voids.ts). */
const SALE_VOIDS: DocumentTable = {
  table: 'sale_voids', type: 'sale.voided', noun: 'void', label: 'void', idKey: 'void',
  columns: ['sale_id', 'shift', 'returned_usd', 'returned_khr', 'reason', 'training', 'actor', 'approver', 'at', 'seq'],
  journaled: (p, row) => ({ sale_id: p.sale, shift: p.shift, returned_usd: p.returnedUsd, returned_khr: p.returnedKhr, reason: p.reason, training: p.training === true ? 1 : 0, actor: row.actor, approver: p.approver, at: row.at, seq: row.seq }),
  sale: (p) => p.sale as number,
};

/** The refunds columns its `refund.made` rows state, all of them (ledger/refunds.ts). */
const REFUNDS: DocumentTable = {
  table: 'refunds', type: 'refund.made', noun: 'refund', label: 'refund', idKey: 'refund',
  columns: ['sale_id', 'shift', 'currency', 'amount', 'method', 'reference', 'reason', 'training', 'actor', 'approver', 'at', 'seq'],
  journaled: (p, row) => ({ sale_id: p.sale, shift: p.shift, currency: p.currency, amount: p.amount, method: p.method, reference: p.reference, reason: p.reason, training: p.training === true ? 1 : 0, actor: row.actor, approver: p.approver, at: row.at, seq: row.seq }),
  sale: (p) => p.sale as number,
};

/**
 * A document table against its journal rows, every column: each journaled row is in the table as
 * journaled, and the table holds no other. A ledger from before the table's schema has no table and
 * no such rows. These are few (a handful a shift): held in memory.
 */
function documentProblem(db: Db, journal: JournalRows, doc: DocumentTable): Problem | null {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(doc.table) !== undefined;
  const rows = journal([doc.type]);
  const journaled = new Map<number, { sale: number; columns: Record<string, unknown> }>();
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    journaled.set(p[doc.idKey] as number, { sale: doc.sale(p), columns: doc.journaled(p, row) });
  }
  const named = (id: number, sale: number, text: string): Problem => ({ sale, [doc.noun]: id, text: `${doc.label} ${id} ${text}` });
  if (!hasTable) {
    const [first] = journaled;
    return first ? named(first[0], first[1].sale, `is in the journal but the ledger has no ${doc.table} table`) : null;
  }
  const table = db.prepare(`SELECT id, ${doc.columns.join(', ')} FROM ${doc.table} ORDER BY id`).all() as Array<{ id: number } & Record<string, unknown>>;
  for (const stored of table) {
    const j = journaled.get(stored.id);
    const sale = typeof stored.sale_id === 'number' ? stored.sale_id : 0;
    if (!j) return named(stored.id, sale, `is in the ${doc.table} table but no journal row records it (inserted by hand?)`);
    journaled.delete(stored.id);
    const differs = doc.columns.filter((column) => j.columns[column] !== stored[column]);
    if (differs.length > 0) {
      return named(stored.id, j.sale, `has ${differs.map((column) => `${column} ${show(stored[column])}, the journal says ${show(j.columns[column])}`).join('; ')}`);
    }
  }
  const [missing] = journaled;
  if (missing) return named(missing[0], missing[1].sale, `is in the journal but missing from the ${doc.table} table`);
  return null;
}

/**
 * The settings table against the journal: the `settings.snapshot` made with the till, then each
 * `settings.changed` row's new values. A stored key the journal holds must have that value (as the
 * POS writes it: JSON text); a stored key it does not hold must be the default (a form saved with a
 * value unchanged stores it without a change to journal); a journaled key missing from the table must
 * be the default. A ledger whose till was made before the snapshot existed has no baseline: only the
 * keys its journal changed are compared.
 */
function settingsProblem(db: Db, journal: JournalRows): { sale: number; setting: string; text: string } | null {
  const rows = journal(['settings.snapshot', 'settings.changed']);
  const journaled = new Map<string, string>();
  let baseline = false;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    if (row.type === 'settings.snapshot') {
      baseline = true;
      for (const [key, value] of Object.entries(p.settings as Record<string, unknown>)) journaled.set(key, JSON.stringify(value));
    } else {
      for (const change of p.changes as Array<{ key: string; to: unknown }>) journaled.set(change.key, JSON.stringify(change.to));
    }
  }
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  const stored = new Map((db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>)
    .filter((row) => row.key in defaults).map((row) => [row.key, row.value]));
  const named = (key: string, text: string) => ({ sale: 0, setting: key, text: `setting ${key} ${text}` });
  for (const [key, value] of stored) {
    const want = journaled.get(key);
    if (want !== undefined) {
      if (want !== value) return named(key, `is ${value} in the settings table, the journal says ${want}`);
    } else if (baseline && value !== JSON.stringify(defaults[key])) {
      return named(key, `is ${value} in the settings table, but no journal row set it (the journal's value is the default ${JSON.stringify(defaults[key])})`);
    }
  }
  for (const [key, want] of journaled) {
    if (key in defaults && !stored.has(key) && want !== JSON.stringify(defaults[key])) return named(key, `is missing from the settings table, the journal says ${want}`);
  }
  return null;
}

/**
 * Receipts printed (or spooled) in print_jobs against the `receipt.printed` rows: each row names a
 * job that is there, printed as journaled (sale, kind, outcome, attempts, time); each receipt or copy
 * printed since the till was made, or for a sale made since, has its row. Jobs of migrated sales
 * printed before the upgrade to the journal were never journaled; test prints are not money.
 */
function printProblem(db: Db, till: string, journal: JournalRows): { sale: number; job: number; text: string } | null {
  const created = (db.prepare('SELECT created_at FROM till WHERE id = ?').get(till) as { created_at: number }).created_at;
  const rows = journal(['receipt.printed']);
  const job = db.prepare('SELECT id, sale_id, kind, status, attempts, printed_at FROM print_jobs WHERE id = ?');
  const seen = new Set<number>();
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const id = p.job as number;
    const sale = p.sale as number;
    seen.add(id);
    const stored = job.get(id) as { id: number; sale_id: number | null; kind: string; status: string; attempts: number; printed_at: number | null } | undefined;
    if (!stored) return { sale, job: id, text: `print job ${id} (sale ${sale}'s ${String(p.kind)}) is journaled as ${String(p.outcome)} but missing from print_jobs` };
    const journaled = `sale ${sale}'s ${String(p.kind)} ${String(p.outcome)} after ${String(p.attempts)} attempt(s) at ${row.at}`;
    const table = `sale ${String(stored.sale_id)}'s ${stored.kind} ${stored.status} after ${stored.attempts} attempt(s) at ${String(stored.printed_at)}`;
    if (journaled !== table) return { sale, job: id, text: `print job ${id} is ${table}, the journal says ${journaled}` };
  }
  // A job printed since the till was made, or for a sale made since (whatever its printed_at says), was journaled.
  const unjournaled = db.prepare(`SELECT id, sale_id, status FROM print_jobs WHERE kind IN ('receipt', 'copy') AND status IN ('printed', 'spooled')
                                  AND (printed_at IS NULL OR printed_at >= ? OR EXISTS (SELECT 1 FROM journal INDEXED BY journal_by_sale
                                       WHERE till_id = ? AND sale_id = print_jobs.sale_id AND type = 'sale.opened')) ORDER BY id`)
    .all(created, till) as Array<{ id: number; sale_id: number; status: string }>;
  const missing = unjournaled.find((j) => !seen.has(j.id));
  if (missing) return { sale: missing.sale_id, job: missing.id, text: `print job ${missing.id} (sale ${missing.sale_id}) is ${missing.status} in print_jobs but no journal row records its print` };
  return null;
}

/**
 * The alerts table against its journal rows (raised, dismissed, or migrated at the upgrade): the
 * same alerts, for the same sales, dismissed or not as journaled. Late payments are few: held in memory.
 */
function alertProblem(db: Db, journal: JournalRows): { sale: number; alert: number; text: string } | null {
  const journaled = new Map<number, { sale: number; tender: number; kind: string; previousStatus: string; dismissedAt: number | null }>();
  const rows = journal(['migrated.alert', 'alert.raised', 'alert.dismissed']);
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const id = p.alert as number;
    if (row.type === 'alert.dismissed') {
      const known = journaled.get(id);
      if (!known) return { sale: p.sale as number, alert: id, text: `row ${row.seq} dismisses alert ${id}, which no earlier journal row raised` };
      known.dismissedAt = row.at;
    } else {
      // Before schema 17 an alert was its sale's, whose one tender has the sale's number.
      const tender = (p.tender ?? p.sale) as number;
      journaled.set(id, { sale: p.sale as number, tender, kind: p.kind as string, previousStatus: p.previousStatus as string, dismissedAt: row.type === 'migrated.alert' ? (p.dismissedAt as number | null) : null });
    }
  }
  const table = db.prepare('SELECT id, sale_id, tender_id, kind, previous_status, dismissed_at FROM alerts ORDER BY id').all() as Array<{
    id: number; sale_id: number; tender_id: number; kind: string; previous_status: string; dismissed_at: number | null;
  }>;
  for (const alert of table) {
    const j = journaled.get(alert.id);
    const named = { sale: alert.sale_id, alert: alert.id };
    if (!j) return { ...named, text: `alert ${alert.id} (sale ${alert.sale_id}) is in the alerts table but no journal row raised it` };
    journaled.delete(alert.id);
    if (j.sale !== alert.sale_id || j.tender !== alert.tender_id || j.previousStatus !== alert.previous_status || j.kind !== alert.kind) {
      return { ...named, text: `alert ${alert.id} is ${alert.kind} for sale ${alert.sale_id} tender ${alert.tender_id} (${alert.previous_status}), the journal says ${j.kind} for sale ${j.sale} tender ${j.tender} (${j.previousStatus})` };
    }
    if (j.dismissedAt !== alert.dismissed_at) {
      return { ...named, text: `alert ${alert.id} has dismissed_at ${String(alert.dismissed_at)}, the journal says ${String(j.dismissedAt)}` };
    }
  }
  const [missing] = journaled;
  if (missing) return { sale: missing[1].sale, alert: missing[0], text: `alert ${missing[0]} (sale ${missing[1].sale}) is in the journal but missing from the alerts table` };
  return null;
}

/**
 * The users table against its journal rows (created, role changed, deactivated): the same users,
 * with the same names, roles and active flags. A `user.pinReset` must name a user created before it.
 * A ledger below schema 16 has no users table: nothing to compare.
 */
function userProblem(db: Db, till: string): { sale: number; user: string; text: string } | null {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get() === undefined) return null;
  const journaled = new Map<string, { name: string; role: string; active: number }>();
  const rows = db.prepare(`SELECT seq, type, payload FROM journal WHERE till_id = ? AND type LIKE 'user.%' ORDER BY seq`)
    .all(till) as Array<{ seq: number; type: string; payload: string }>;
  for (const row of rows) {
    const p = JSON.parse(row.payload) as Payload;
    const id = p.user as string;
    const known = journaled.get(id);
    if (row.type === 'user.created') {
      if (known) return { sale: 0, user: id, text: `row ${row.seq} creates user ${id} a second time` };
      journaled.set(id, { name: p.name as string, role: p.role as string, active: 1 });
      continue;
    }
    if (!known) return { sale: 0, user: id, text: `row ${row.seq} (${row.type}) names user ${id}, whom no earlier journal row created` };
    if (row.type === 'user.roleChanged') known.role = p.to as string;
    if (row.type === 'user.deactivated') known.active = 0;
  }
  const table = db.prepare('SELECT id, name, role, active FROM users ORDER BY id').all() as Array<{ id: string; name: string; role: string; active: number }>;
  for (const user of table) {
    const j = journaled.get(user.id);
    if (!j) return { sale: 0, user: user.id, text: `user ${user.id} is in the users table but no journal row created them (inserted by hand?)` };
    journaled.delete(user.id);
    const stored = `${show(user.name)} ${user.role}${user.active === 1 ? '' : ' (deactivated)'}`;
    const said = `${show(j.name)} ${j.role}${j.active === 1 ? '' : ' (deactivated)'}`;
    if (stored !== said) return { sale: 0, user: user.id, text: `user ${user.id} is ${stored} in the users table, the journal says ${said}` };
  }
  const [missing] = journaled;
  if (missing) return { sale: 0, user: missing[0], text: `user ${missing[0]} is in the journal but missing from the users table` };
  return null;
}
