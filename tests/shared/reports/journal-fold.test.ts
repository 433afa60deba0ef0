/**
 * The back office's fold of a till's journal (src/shared/reports/journal-fold.ts): table-driven over
 * every event type and version docs/journal.md lists, and equal to the till's own Z reports on a real
 * ledger made with the host's ledger code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, GENESIS_PREV_HASH, rowHash, type CanonicalValue } from '../../../src/host/ledger/journal/canonical.ts';
import { KNOWN_EVENTS } from '../../../src/host/ledger/journal/events.ts';
import { foldJournal, READ_EVENTS, type FoldRow } from '../../../src/shared/reports/journal-fold.ts';
import { getShift } from '../../../src/host/ledger/shifts.ts';
import { shiftReport } from '../../../src/host/reports/shift-report.ts';
import { sellACashDay, sellADay, tillLedger } from '../../support/till-ledger.ts';

const TILL = { id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', code: 'K7QX2M' };

/** A chain of rows from [type, payload] pairs (version 1 unless given), hashed as the till hashes. */
function chain(events: Array<[string, CanonicalValue, number?]>): FoldRow[] {
  const rows: FoldRow[] = [];
  let prev = GENESIS_PREV_HASH;
  for (const [type, payload, version = 1] of [['till.created', { till: TILL.id, code: TILL.code, schema: 15 }] as [string, CanonicalValue], ...events]) {
    const fields = { tillId: TILL.id, epoch: 1, seq: rows.length + 1, uuid: crypto.randomUUID(), actor: 'cashier', at: 1_764_576_000_000 + rows.length * 1000, type, version, payload: canonicalJson(payload) };
    const hash = rowHash(prev, fields);
    rows.push({ epoch: 1, seq: fields.seq, at: fields.at, actor: fields.actor, type, version, payload: fields.payload, hash });
    prev = hash;
  }
  return rows;
}

const open = (shift: number): [string, CanonicalValue] => ['shift.opened', { shift, businessDate: '2026-12-01', reason: 'first_sale' }];
const sale = (n: number, amountCents: number, training = false): [string, CanonicalValue] =>
  ['sale.opened', { sale: n, amountCents, currency: 'USD', khrPerUsd: 4100, training, merchantName: 'Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' }];
const qr = (n: number, payTo = 'shop@aclb'): [string, CanonicalValue] =>
  ['sale.qrIssued', { sale: n, md5: '0'.repeat(32), amountCents: 1, payTo, expiresAt: 1, khqrString: 'K' }];
const paid = (n: number, late = false): [string, CanonicalValue] => ['sale.paid', { sale: n, from: 'awaiting_payment', late }];

/** Each case: the rows after till.created, and what the one shift's report must say. */
const CASES: Array<{ name: string; events: Array<[string, CanonicalValue, number?]>; takings: number; paid: number; unresolved: number; other?: number; training?: number }> = [
  { name: 'a sale opened and paid counts in takings', events: [open(1), sale(1, 1050), qr(1), paid(1)], takings: 1050, paid: 1050, unresolved: 0 },
  { name: 'a sale awaiting payment is unresolved, not takings', events: [open(1), sale(1, 1050), qr(1)], takings: 0, paid: 0, unresolved: 1 },
  { name: 'a sale paid to another account is apart', events: [open(1), sale(1, 500), qr(1, 'else@aclb'), paid(1)], takings: 0, paid: 500, unresolved: 0, other: 500 },
  { name: 'a training sale is never takings', events: [open(1), sale(1, 700, true), qr(1), paid(1)], takings: 0, paid: 0, unresolved: 0, training: 700 },
  { name: 'a late payment counts in takings and in paid late', events: [open(1), sale(1, 300), qr(1), ['sale.expired', { sale: 1, from: 'awaiting_payment' }], paid(1, true)], takings: 300, paid: 300, unresolved: 0 },
  { name: 'cancelled and failed sales are not takings', events: [open(1), sale(1, 300), ['sale.cancelled', { sale: 1, from: 'creating' }], sale(2, 400), ['sale.failed', { sale: 2, from: 'creating', code: 'payment.x' }]], takings: 0, paid: 0, unresolved: 0 },
  {
    name: 'a sale and its tenders (schema 17): a second KHQR tender paid completes it, the first expired',
    events: [open(1),
      ['sale.opened', { sale: 1, dueCurrency: 'USD', dueAmount: 800, khrPerUsd: 4100, training: false, merchantName: 'Shop', bakongId: 'shop@aclb' }, 2],
      ['tender.opened', { sale: 1, tender: 1, kind: 'khqr', currency: 'USD', amount: 800, apiBaseUrl: 'https://api.test' }],
      ['tender.qrIssued', { sale: 1, tender: 1, md5: '0'.repeat(32), amount: 800, payTo: 'shop@aclb', expiresAt: 1, khqrString: 'K' }],
      ['tender.expired', { sale: 1, tender: 1, from: 'awaiting_payment' }],
      ['tender.opened', { sale: 1, tender: 2, kind: 'khqr', currency: 'USD', amount: 800, apiBaseUrl: 'https://api.test' }],
      ['tender.qrIssued', { sale: 1, tender: 2, md5: '1'.repeat(32), amount: 800, payTo: 'shop@aclb', expiresAt: 2, khqrString: 'K2' }],
      ['tender.paid', { sale: 1, tender: 2, from: 'awaiting_payment', late: false, overpaid: false }],
      ['sale.completed', { sale: 1, paidLate: false }]],
    takings: 800, paid: 800, unresolved: 0,
  },
  {
    name: 'rows that move no money change nothing',
    events: [['settings.snapshot', { settings: {} }], ['settings.changed', { changes: [] }], open(1), sale(1, 100), qr(1), paid(1),
      ['alert.raised', { alert: 1, sale: 1, kind: 'paid_late', previousStatus: 'expired' }], ['alert.dismissed', { alert: 1, sale: 1 }],
      ['receipt.printed', { job: 1, sale: 1, kind: 'receipt', outcome: 'printed', attempts: 1 }],
      ['integrity.failed', { problems: [] }], ['integrity.acknowledged', { failedSeq: 1 }],
      ['backup.failed', { reason: 'close', outcome: 'no_space', neededBytes: 10, freeBytes: 1 }],
      ['migrated.alert', { alert: 2, sale: 1, kind: 'paid_late', previousStatus: 'expired', createdAt: 1, dismissedAt: null }]],
    takings: 100, paid: 100, unresolved: 0,
  },
  {
    name: 'a migrated sale gives its facts to a payment in a shift',
    events: [['migrated.sale', { sale: 1, amountCents: 900, currency: 'USD', khrPerUsd: 4000, status: 'awaiting_payment', training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'x', payTo: 'shop@aclb', md5: null, khqrString: null, createdAt: 1, expiresAt: 2, paidAt: null, paidLate: false, failureCode: null, history: [] }],
      ['shift.opened', { shift: 1, businessDate: '2026-12-01', reason: 'late_payment' }], paid(1)],
    takings: 900, paid: 900, unresolved: 0,
  },
];

test('fold: cash movements and a no-sale drawer open make the shift\'s cash section, never takings', () => {
  const [shift] = foldJournal(chain([open(1),
    ['cash.moved', { movement: 1, shift: 1, kind: 'float', currency: 'USD', amount: 2000, reason: null, training: false }],
    ['cash.moved', { movement: 2, shift: 1, kind: 'paid_out', currency: 'USD', amount: 500, reason: 'ice', training: false }],
    ['cash.moved', { movement: 3, shift: 1, kind: 'paid_in', currency: 'KHR', amount: 10_000, reason: 'x', training: true }],
    ['drawer.opened', { reason: 'no_sale', shift: 1, approver: 'cashier' }]])).shifts;
  const cash = shift!.report.cash!;
  assert.equal(shift!.report.takings.cents, 0);
  assert.deepEqual([cash.USD.float, cash.USD.paidOut.amount, cash.USD.expected, cash.KHR.expected, cash.noSaleOpens, cash.training, cash.movements.length], [2000, 500, 1500, 0, 1, 1, 3]);
});

for (const c of CASES) {
  test(`fold: ${c.name}`, () => {
    const fold = foldJournal(chain(c.events));
    assert.deepEqual(fold.unknownRows, []);
    const [shift] = fold.shifts;
    assert.ok(shift);
    assert.equal(shift.report.kind, 'X');
    assert.equal(shift.report.takings.cents, c.takings);
    assert.equal(shift.report.takings.byTender.khqr.cents, c.takings);
    assert.equal(shift.report.byStatus.paid.cents, c.paid);
    assert.equal(shift.report.unresolved.length, c.unresolved);
    assert.equal(shift.report.otherAccount.cents, c.other ?? 0);
    assert.equal(shift.report.training.paid.cents, c.training ?? 0);
  });
}

test('fold: every event type and version the till reads has an entry (a new type is a failing test until added)', () => {
  const known = Object.entries(KNOWN_EVENTS).flatMap(([type, versions]) => [...(versions as readonly number[])].map((v) => `${type}/${v}`)).sort();
  assert.deepEqual([...READ_EVENTS].sort(), known);
});

test('fold: a row of a type or version it does not know is kept in unknownRows, never skipped silently', () => {
  const fold = foldJournal(chain([open(1), ['sale.opened', { sale: 1 }, 9], ['tender.added', { sale: 1 }]]));
  assert.deepEqual(fold.unknownRows.map((r) => `${r.type}/${r.version}`), ['sale.opened/9', 'tender.added/1']);
});

test('fold: a close whose anchor names another row or hash is a difference, with what the rows give', () => {
  const rows = chain([open(1), sale(1, 100), ['shift.closed', { shift: 1, zNumber: 'K7QX2M-Z1', lastSeq: 2, headHash16: '0123456789abcdef' }]]);
  const [shift] = foldJournal(rows).shifts;
  assert.equal(shift!.report.kind, 'Z');
  assert.deepEqual(shift!.problems, [
    { kind: 'anchorSeq', stated: 2, expected: 3 },
    { kind: 'anchorHash', stated: '0123456789abcdef', expected: rows[2]!.hash.slice(0, 16) },
  ]);
});

test('fold: each Z of a real till ledger equals the Z the till stored at its close, byte for byte', (t) => {
  const till = tillLedger(t);
  sellADay(till);
  const { owner, cashier } = sellACashDay(till);
  const fold = foldJournal(till.foldRows());
  const stored = till.storedZ();
  assert.equal(stored.size, 3);
  assert.deepEqual(fold.till, till.till());
  assert.deepEqual(fold.unknownRows, []);
  for (const shift of fold.shifts) {
    assert.deepEqual(shift.problems, []);
    assert.equal(canonicalJson(shift.report as unknown as CanonicalValue), canonicalJson(stored.get(shift.shift) as unknown as CanonicalValue), `Z${shift.shift}`);
  }
  // The day is interesting: takings, another account, training, a carried-over sale, a row between close and open.
  const [z1, z2, z3] = fold.shifts;
  assert.ok(z1!.report.takings.cents > 0 && z1!.report.otherAccount.count === 1 && z1!.report.training.paid.count === 1);
  assert.equal(z1!.report.unresolved.length, 2);
  assert.equal(z2!.report.byStatus.expired.count, 1);
  assert.equal(z1!.report.format, 8);
  assert.deepEqual(z1!.report.cashiers?.map((c) => c.actor), ['system'], 'no one signed in: the POS\'s own rows');
  assert.deepEqual(z1!.report.takingsByTender?.khqr, { count: 3, amount: 1050 + 250 + 9999, exact: (1050 + 250 + 9999) * 4100 });
  assert.deepEqual([z1!.report.cash!.USD.expected, z1!.report.cash!.KHR.expected, z1!.report.cash!.noSaleOpens, z1!.report.cash!.training], [6000, 20_000, 1, 1]);
  assert.equal(z2!.report.takings.count, 2);
  assert.equal(z1!.report.envOverrides, null);
  // The day after users and cash: signed-in users, cash with change and rounding, a split, a void, a
  // refund, the owner's change of the Bakong ID (approved) and a blind count.
  const r = z3!.report;
  assert.deepEqual(r.envOverrides, { keys: ['receiptFooter'], apiKeyFromEnv: true });
  assert.deepEqual(r.cashiers?.map((c) => c.actor), [cashier]);
  assert.equal(r.openedBy, cashier);
  assert.deepEqual(r.accountChanges?.map((c) => [c.actor, c.key, c.to, c.approved]), [[owner, 'bakongId', 'owner@aclb', true]]);
  assert.equal(r.otherAccount.count, 0, 'a sale paid to the Bakong ID the owner set is takings');
  // Takings are the five completed sales at their amounts due; the voided sale's $10 is only in the drawer (in, and out as its void).
  assert.deepEqual([r.takings.count, r.takings.cents, r.takings.riel], [5, 1025 + 306 + 500 + 1000 + 700, 42_000 + 12_549 + 20_500 + 41_000 + 28_700]);
  assert.deepEqual(r.takingsByTender, {
    khqr: { count: 2, amount: 512 + 700, exact: (512 + 700) * 4100 },
    cashUSD: { count: 2, amount: 2000 - 900 + 500, exact: (2000 - 900 + 500) * 4100 }, // $20 less $9 change, and $5
    cashKHR: { count: 3, amount: -3100 + 12_500 + 20_000, exact: (-3100 + 12_500 + 20_000) * 100 }, // the 3,100 ៛ change out
    rounding: { count: 3, amount: 2500 + 4900 + 800, exact: 2500 + 4900 + 800 },
    exact: (1025 + 500 + 1000 + 700) * 4100 + 12_549 * 100,
  });
  assert.deepEqual(r.cash?.USD.cashTenders, { count: 3, amount: 2000 + 500 + 1000 });
  assert.deepEqual(r.partlyPaid, []);
  assert.deepEqual([r.change?.USD, r.change?.KHR, r.rounding], [{ count: 1, amount: 900 }, { count: 1, amount: 3100 }, { count: 3, exact: 2500 + 4900 + 800 }]);
  assert.deepEqual([r.refunds?.count, r.refunds?.cash.USD, r.voids?.count, r.voids?.USD], [1, 200, 1, 1000]);
  assert.deepEqual([r.count?.by, r.count?.USD.difference, r.count?.KHR.difference], [owner, -100, 0]);
  // Float + cash in − change − the void's and the refund's cash: what the count was against.
  assert.deepEqual([r.cash?.USD.expected, r.cash?.KHR.expected], [3000 + 3500 - 900 - 1000 - 200, 50_000 + 32_500 - 3100]);
  assert.deepEqual(fold.userNames, new Map([[owner, 'ម្ចាស់ហាង'], [cashier, 'Dara']]));
});

test('fold: in every report format (1–8) a real till\'s Zs are the Zs a till of that format stored, byte for byte', (t) => {
  const till = tillLedger(t);
  sellADay(till);
  sellACashDay(till);
  const rows = till.foldRows();
  for (const format of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
    const fold = foldJournal(rows, format);
    assert.equal(fold.shifts.length, 3);
    for (const shift of fold.shifts) {
      // What a till of that format stored at this close: what `ledger verify` recomputes it as.
      const closed = getShift(till.db, shift.shift)!;
      const z = shiftReport(till.db, { kind: 'Z', shift: closed, zNumber: closed.zNumber, closedAt: closed.closedAt, toSeq: closed.lastSeq!, format });
      assert.equal(canonicalJson(shift.report as unknown as CanonicalValue), canonicalJson(z as unknown as CanonicalValue), `format ${format}, Z${shift.shift}`);
      if (format === 8) assert.equal(canonicalJson(z as unknown as CanonicalValue), till.db.prepare('SELECT report FROM z_reports WHERE shift = ?').pluck().get(shift.shift));
    }
  }
});
