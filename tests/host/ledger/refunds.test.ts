/**
 * Voids and refunds in the ledger (src/host/ledger/sale-voids.ts, refunds.ts, migration 018): the
 * refund's cap (full, partial, a second partial, over the cap refused in catalog words, a refund of an
 * unpaid sale refused), a refund in the other currency capped exactly at the sale's rate, a bank
 * transfer's reference, a void giving back the cash tendered per currency, the actor and approver on
 * each row and journal row; the tables' guards against a second connection; and `verifyProjection`
 * naming a void or refund rewritten, removed or planted with the guards dropped and put back.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { Refunds } from '../../../src/host/ledger/refunds.ts';
import { SaleVoids } from '../../../src/host/ledger/sale-voids.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { saleRows } from '../../../src/host/export/sales-rows.ts';
import { CashMovements } from '../../../src/host/ledger/cash-movements.ts';
import { renderZReport } from '../../../src/host/printing/receipt/z-report.ts';
import { REPORT_FORMAT, verifyZReports } from '../../../src/host/reports/shift-report.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import type { ShiftReport } from '../../../src/shared/contract.ts';
import { asFormat } from '../../support/z-formats.ts';
import { tenderCash } from '../../support/cash-tender.ts';
import { tempDir } from '../../support/temp.ts';

/** The signed-in user who makes the refunds and voids here (a command's actor: auth/actor-context.ts). */
const CASHIER = 'user:3c9e2f10-6b7a-4d2e-9f1c-5a8b7c6d5e4f' as const;
const OWNER = { actor: CASHIER, approver: 'system', training: false } as const;

function ledger(t: TestContext, dir = tempDir(t)) {
  let clock = Date.parse('2026-12-01T02:00:00Z');
  const now = () => (clock += 1000);
  const db = openLedger(dir);
  t.after(() => db.close());
  const sales = new SalesLedger(db, now);
  let md5 = 0;
  /** A KHQR sale of `cents`, paid. */
  const paidSale = (cents: number, training = false): number => {
    const tender = sales.create({ amountCents: cents, khrPerUsd: 4100, training, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
    sales.attachQr(tender.id, { md5: (++md5).toString(16).padStart(32, '0'), khqrString: `KHQR-${md5}`, expiresAt: clock + 600_000, payTo: 'shop@aclb' });
    sales.markPaid(tender.id, 'paid');
    return tender.saleId;
  };
  return { dir, db, sales, paidSale, now, refunds: new Refunds(db, now), voids: new SaleVoids(db, now), shifts: new Shifts(db, now) };
}

const refusal = (fn: () => unknown): { code?: string; en?: string; km?: string } => {
  try {
    fn();
  } catch (error) {
    const text = (error as { text?: Parameters<typeof hostMessageText>[0] }).text;
    return text ? { code: text.code, en: hostMessageText(text, 'en'), km: hostMessageText(text, 'km') } : { code: String(error) };
  }
  return {};
};

const cash = (saleId: number, currency: 'USD' | 'KHR', amount: number, reason = 'wrong size') => ({ saleId, currency, amount, method: 'cash' as const, reference: null, reason });

test('a refund is capped at what was paid less earlier refunds: partial, a second partial, then over the cap refused in words', (t) => {
  const { paidSale, refunds } = ledger(t);
  const sale = paidSale(1025);
  assert.deepEqual(refunds.refundable(sale), { exact: 1025 * 4100, usd: 1025, khr: 42_025, khrCash: 42_000 });
  refunds.make(cash(sale, 'USD', 500), OWNER);
  // $5.25 left is 21,525 ៛: 20,000 ៛ in notes is under it.
  refunds.make(cash(sale, 'KHR', 20_000), OWNER);
  const left = refunds.refundable(sale)!;
  assert.deepEqual(left, { exact: 525 * 4100 - 2_000_000, usd: 37, khr: 1525, khrCash: 1500 });
  const over = refusal(() => refunds.make(cash(sale, 'USD', 38), OWNER));
  assert.equal(over.code, 'refund.overCap');
  assert.equal(over.en, `That is more than is left to refund on sale ${sale}: at most $0.37 or 1,500៛.`);
  assert.match(over.km ?? '', /1,500៛/);
  assert.equal(refunds.make(cash(sale, 'USD', 37), OWNER).amount, 37, 'exactly what is left (in whole cents) is allowed');
  assert.equal(refunds.forSale(sale).length, 3, 'the refusal wrote nothing');
});

test('a full refund leaves nothing; a second is refused; an unpaid or unknown sale is refused; a training sale is refunded in training only', (t) => {
  const { sales, paidSale, refunds } = ledger(t);
  const sale = paidSale(250);
  const full = refunds.make(cash(sale, 'USD', 250, 'ទំនិញខូច'), OWNER);
  assert.deepEqual([full.currency, full.amount, full.method, full.reference, full.reason], ['USD', 250, 'cash', null, 'ទំនិញខូច']);
  assert.equal(refusal(() => refunds.make(cash(sale, 'USD', 1), OWNER)).code, 'refund.nothingLeft');
  const open = sales.create({ amountCents: 100, khrPerUsd: 4100, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' }).saleId;
  assert.equal(refusal(() => refunds.make(cash(open, 'USD', 1), OWNER)).code, 'refund.notCompleted');
  assert.equal(refusal(() => refunds.make(cash(999, 'USD', 1), OWNER)).code, 'refund.noSuchSale');
  const practice = paidSale(300, true);
  assert.equal(refusal(() => refunds.make(cash(practice, 'USD', 100), OWNER)).code, 'refund.trainingMismatch');
  assert.equal(refunds.make(cash(practice, 'USD', 100), { ...OWNER, training: true }).training, true);
});

test('the amount, reason and reference are checked strictly, in catalog words', (t) => {
  const { paidSale, refunds } = ledger(t);
  const sale = paidSale(5000);
  const cases: Array<[Parameters<Refunds['make']>[0], string]> = [
    [cash(sale, 'KHR', 150), 'refund.amountKhrCash'],
    [cash(sale, 'USD', 0), 'refund.amountUsd'],
    [cash(sale, 'USD', 1.5), 'refund.amountUsd'],
    [cash(sale, 'USD', 100, ''), 'refund.reason'],
    [cash(sale, 'USD', 100, 'x'.repeat(61)), 'refund.reason'],
    [cash(sale, 'USD', 100, 'ok\u202edlrow'), 'refund.reason'],
    [cash(sale, 'USD', 100, 'a\nb'), 'refund.reason'],
    [{ saleId: sale, currency: 'USD', amount: 100, method: 'bank_transfer', reference: '  ', reason: 'late' }, 'refund.reference'],
    [{ saleId: sale, currency: 'USD', amount: 100, method: 'bank_transfer', reference: 'r'.repeat(41), reason: 'late' }, 'refund.reference'],
  ];
  for (const [input, code] of cases) assert.equal(refusal(() => refunds.make(input, OWNER)).code, code, JSON.stringify(input));
  const bank = refunds.make({ saleId: sale, currency: 'KHR', amount: 4101, method: 'bank_transfer', reference: ' ABA 123456 ', reason: 'overpaid' }, OWNER);
  assert.deepEqual([bank.method, bank.reference, bank.amount], ['bank_transfer', 'ABA 123456', 4101], 'a bank transfer may be any whole riel');
});

test('every refund and void is journaled with its actor and approver, and the projection checks', (t) => {
  const { db, paidSale, refunds, voids, sales, now } = ledger(t);
  const sale = paidSale(1000);
  refunds.make({ saleId: sale, currency: 'USD', amount: 300, method: 'bank_transfer', reference: 'TX-9', reason: 'overcharged' }, OWNER);
  const open = sales.create({ amountCents: 2000, khrPerUsd: 4100, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  sales.markCancelled(open.id, 'cashier cancelled');
  tenderCash(db, open.saleId, 'USD', 1000, now());
  tenderCash(db, open.saleId, 'KHR', 20_000, now());
  tenderCash(db, open.saleId, 'USD', 500, now());
  const voided = voids.void({ saleId: open.saleId, reason: 'customer left' }, { actor: CASHIER, approver: 'system' });
  assert.deepEqual([voided.returnedUsd, voided.returnedKhr], [1500, 20_000], 'the cash tendered goes back, per currency');
  assert.equal(sales.get(open.saleId)?.saleStatus, 'voided');
  const journal = db.prepare(`SELECT type, actor, payload FROM journal WHERE type IN ('refund.made', 'sale.voided') ORDER BY seq`).all() as Array<{ type: string; actor: string; payload: string }>;
  assert.deepEqual(journal.map((r) => [r.type, r.actor, (JSON.parse(r.payload) as { approver: string }).approver]), [['refund.made', CASHIER, 'system'], ['sale.voided', CASHIER, 'system']]);
  assert.deepEqual(JSON.parse(journal[1]!.payload), { sale: open.saleId, void: 1, shift: 1, returnedUsd: 1500, returnedKhr: 20_000, reason: 'customer left', training: false, approver: 'system' });
  assert.deepEqual(verifyProjection(db), { ok: true, sales: 2, problem: null });
  assert.equal(refusal(() => voids.void({ saleId: open.saleId, reason: 'again' }, { actor: CASHIER, approver: 'system' })).code, 'void.notOpen');
  assert.equal(refusal(() => refunds.make(cash(open.saleId, 'USD', 1), OWNER)).code, 'refund.notCompleted', 'a voided sale is never refunded');
});

test('a void is refused for a paid sale, a sale with no cash, a QR still waiting, or a KHQR payment', (t) => {
  const { db, paidSale, voids, sales, now } = ledger(t);
  const by = { actor: CASHIER, approver: 'system' } as const;
  const make = () => sales.create({ amountCents: 2000, khrPerUsd: 4100, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  const paid = paidSale(100);
  assert.equal(refusal(() => voids.void({ saleId: paid, reason: 'x' }, by)).code, 'void.notOpen');
  const waiting = make();
  tenderCash(db, waiting.saleId, 'USD', 100, now());
  assert.equal(refusal(() => voids.void({ saleId: waiting.saleId, reason: 'x' }, by)).code, 'void.qrPending');
  sales.markCancelled(waiting.id, 'cancelled');
  const none = make();
  sales.markCancelled(none.id, 'cancelled');
  const noCash = refusal(() => voids.void({ saleId: none.saleId, reason: 'x' }, by));
  assert.equal(noCash.code, 'void.noCash');
  assert.match(noCash.km ?? '', /PIN/);
  assert.equal(voids.void({ saleId: waiting.saleId, reason: 'x' }, by).returnedUsd, 100);
});

test('the X and Z count refunds and voids per currency with actor and approver; cash given back comes out of the expected drawer', (t) => {
  const { db, paidSale, refunds, voids, sales, shifts, now } = ledger(t);
  new CashMovements(db, now).setFloat({ usdCents: 5000, riel: 100_000 }, { actor: CASHIER, training: false });
  const sale = paidSale(2000);
  refunds.make(cash(sale, 'USD', 300), OWNER);
  refunds.make(cash(sale, 'KHR', 4000), { ...OWNER, approver: 'cashier' });
  refunds.make({ saleId: sale, currency: 'USD', amount: 200, method: 'bank_transfer', reference: 'ABA-77', reason: 'late' }, OWNER);
  refunds.make(cash(paidSale(900, true), 'USD', 900), { ...OWNER, training: true });
  const open = sales.create({ amountCents: 2000, khrPerUsd: 4100, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  sales.markCancelled(open.id, 'cancelled');
  tenderCash(db, open.saleId, 'USD', 1000, now());
  tenderCash(db, open.saleId, 'KHR', 8000, now());
  voids.void({ saleId: open.saleId, reason: 'left' }, { actor: CASHIER, approver: 'system' });

  const x = shifts.xReport();
  assert.equal(x.format, REPORT_FORMAT);
  assert.deepEqual({ ...x.refunds, list: x.refunds?.list.length }, { count: 3, USD: 500, KHR: 4000, cash: { USD: 300, KHR: 4000 }, list: 4 });
  assert.deepEqual(x.refunds?.list.map((r) => [r.refund, r.method, r.actor, r.approver, r.training]), [
    [1, 'cash', CASHIER, 'system', false], [2, 'cash', CASHIER, 'cashier', false], [3, 'bank_transfer', CASHIER, 'system', false], [4, 'cash', CASHIER, 'system', true],
  ]);
  assert.deepEqual({ ...x.voids, list: x.voids?.list.map((v) => [v.sale, v.returnedUsd, v.returnedKhr, v.actor, v.approver]) },
    { count: 1, USD: 1000, KHR: 8000, list: [[open.saleId, 1000, 8000, CASHIER, 'system']] });
  // A bank transfer and a training refund never touched the drawer; the voided sale's cash came in (format 6) and went back.
  assert.deepEqual([x.cash?.USD.cashTenders, x.cash?.USD.refunds, x.cash?.USD.voids, x.cash?.USD.expected], [{ count: 1, amount: 1000 }, { count: 1, amount: 300 }, { count: 1, amount: 1000 }, 5000 + 1000 - 300 - 1000]);
  assert.deepEqual([x.cash?.KHR.cashTenders, x.cash?.KHR.refunds, x.cash?.KHR.voids, x.cash?.KHR.expected], [{ count: 1, amount: 8000 }, { count: 1, amount: 4000 }, { count: 1, amount: 8000 }, 100_000 + 8000 - 4000 - 8000]);

  // The export: each sale's refunds and void, in its own columns.
  const exported = new Map([...saleRows(db, { start: 0, end: Number.MAX_SAFE_INTEGER })].map((r) => [r.id, r]));
  assert.deepEqual([exported.get(sale)?.refund_count, exported.get(sale)?.refunded_cents, exported.get(sale)?.refunded_riel, exported.get(sale)?.voided], [3, 500, 4000, 0]);
  assert.equal(exported.get(open.saleId)?.voided, 1);

  const z = shifts.close();
  assert.deepEqual([z.refunds, z.voids, z.cash], [x.refunds, x.voids, x.cash], 'the Z holds what the X showed');
  assert.equal(verifyZReports(db), null, 'the stored Z is the sum of its journal rows');
  // The printed Z carries them: more lines than the same Z without them (format 4).
  const withReturns = renderZReport({ paperWidth: 80, merchantName: 'S', report: z, copy: false });
  const without = renderZReport({ paperWidth: 80, merchantName: 'S', report: asFormat(z, 4) as unknown as ShiftReport, copy: false });
  assert.ok(withReturns.height > without.height + 10 * 20, `${withReturns.height} rows against ${without.height}`);
});

/** A shift with a refund and a void, closed, and a second with another refund; the raw file. */
function shop(t: TestContext): { raw: Db } {
  const dir = tempDir(t);
  const { db, paidSale, refunds, voids, sales, shifts, now } = ledger(t, dir);
  const first = paidSale(1000);
  refunds.make(cash(first, 'USD', 200), OWNER);
  const open = sales.create({ amountCents: 2000, khrPerUsd: 4100, training: false, merchantName: 'S', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  sales.markCancelled(open.id, 'cancelled');
  tenderCash(db, open.saleId, 'KHR', 8000, now());
  voids.void({ saleId: open.saleId, reason: 'left' }, { actor: CASHIER, approver: 'system' });
  shifts.close();
  refunds.make(cash(first, 'KHR', 4000), OWNER);
  db.close();
  const raw = new Database(join(dir, LEDGER_FILE));
  t.after(() => raw.close());
  return { raw };
}

/** `sql` through a second connection with every trigger dropped, each put back exactly as it was. */
function rewrite(db: Db, sql: string): void {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
  db.exec(sql);
  for (const trigger of triggers) db.exec(trigger.sql);
}

test('the guards refuse, whatever the pragmas: changing, deleting or replacing a refund or void, a refund of an open sale or in a closed shift, a second void', (t) => {
  const { raw } = shop(t);
  for (const pragmas of ['PRAGMA recursive_triggers = OFF; PRAGMA foreign_keys = OFF', 'PRAGMA recursive_triggers = ON; PRAGMA foreign_keys = ON']) {
    raw.exec(pragmas);
    const attempts = [
      'UPDATE refunds SET amount = 1 WHERE id = 1',
      `UPDATE refunds SET approver = 'cashier' WHERE id = 1`,
      'DELETE FROM refunds WHERE id = 2',
      `INSERT OR REPLACE INTO refunds (id, sale_id, shift, currency, amount, method, reference, reason, training, actor, approver, at, seq) VALUES (2, 1, 2, 'USD', 1, 'cash', NULL, 'x', 0, 'cashier', 'system', 1, 990)`,
      `INSERT INTO refunds (sale_id, shift, currency, amount, method, reference, reason, training, actor, approver, at, seq) VALUES (1, 1, 'USD', 1, 'cash', NULL, 'x', 0, 'cashier', 'system', 1, 991)`,
      `INSERT INTO refunds (sale_id, shift, currency, amount, method, reference, reason, training, actor, approver, at, seq) VALUES (2, 2, 'USD', 1, 'cash', NULL, 'x', 0, 'cashier', 'system', 1, 992)`,
      'UPDATE sale_voids SET returned_khr = 0 WHERE id = 1',
      'DELETE FROM sale_voids WHERE id = 1',
      `INSERT INTO sale_voids (sale_id, shift, returned_usd, returned_khr, reason, training, actor, approver, at, seq) VALUES (2, 2, 0, 0, 'x', 0, 'cashier', 'system', 1, 993)`,
      `UPDATE sales SET status = 'open' WHERE id = 2`,
    ];
    for (const sql of attempts) assert.throws(() => raw.exec(sql), /cannot|never|once|refund is|constraint/i, sql);
  }
  assert.equal(raw.prepare('SELECT COUNT(*) FROM refunds').pluck().get(), 2);
});

const TAMPER: Array<[string, string, RegExp, 'refund' | 'void' | 'sale']> = [
  ['a refund lowered', 'UPDATE refunds SET amount = 100 WHERE id = 1', /refund 1 has amount 100, the journal says 200/, 'refund'],
  ['a refund\'s approver rewritten', `UPDATE refunds SET approver = 'cashier' WHERE id = 1`, /refund 1 has approver "cashier", the journal says "system"/, 'refund'],
  ['a refund removed', 'DELETE FROM refunds WHERE id = 2', /refund 2 is in the journal but missing from the refunds table/, 'refund'],
  ['a refund planted', `INSERT INTO refunds (id, sale_id, shift, currency, amount, method, reference, reason, training, actor, approver, at, seq) VALUES (3, 1, 2, 'USD', 500, 'cash', NULL, 'x', 0, 'cashier', 'system', 1, 999)`, /refund 3 is in the refunds table but no journal row records it/, 'refund'],
  ['what a void gave back raised', 'UPDATE sale_voids SET returned_khr = 80000 WHERE id = 1', /void 1 has returned_khr 80000, the journal says 8000/, 'void'],
  ['a void removed', 'DELETE FROM sale_voids WHERE id = 1', /void 1 is in the journal but missing from the sale_voids table/, 'void'],
  ['a voided sale reopened', `UPDATE sales SET status = 'open' WHERE id = 2`, /sale 2 has status "open", the journal says "voided"/, 'sale'],
];

for (const [what, sql, named, kind] of TAMPER) {
  test(`verify names ${what} with the guards dropped and put back`, (t) => {
    const { raw } = shop(t);
    assert.equal(verifyProjection(raw).ok, true, 'untouched');
    rewrite(raw, sql);
    const report = verifyProjection(raw);
    assert.equal(report.ok, false);
    assert.match(report.problem?.text ?? '', named);
    if (kind !== 'sale') assert.ok(report.problem?.[kind] !== undefined, `named as a ${kind}`);
  });
}
