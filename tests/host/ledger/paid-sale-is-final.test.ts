/**
 * A paid tender and a completed sale never change again (migration 016, as 011 did for the old
 * sales table): every column of each table is tried on a paid tender and its completed sale, on a
 * ledger migrated from the first version, and each UPDATE is refused — except a tender's
 * checked_at, which the watcher writes after every answer of the payment service, even one that
 * lands after the payment was recorded. A column added later makes this test fail until the guard
 * covers it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { tempDir } from '../../support/temp.ts';

/** What the POS may still write on a paid tender, and why: see 016-sale-and-tenders.ts. */
const WRITABLE_AFTER_PAYMENT: Record<'tenders' | 'sales', string[]> = { tenders: ['checked_at'], sales: [] };

/** A value different from the paid row's own for each column (valid for its type and CHECKs where possible). */
const CHANGED: Record<'tenders' | 'sales', Record<string, string | number | null>> = {
  tenders: {
    id: 99,
    sale_id: 98,
    kind: 'cash',
    currency: 'KHR',
    amount: 1,
    attempt: 'b'.repeat(32),
    status: 'failed',
    created_at: 5,
    updated_at: 6,
    paid_at: 8,
    paid_late: 1,
    overpaid: 1,
    api_base_url: 'http://elsewhere.test',
    md5: 'b'.repeat(32),
    khqr_string: '000201changed',
    pay_to: 'someone@wing',
    expires_at: 7,
    failure_reason: 'changed',
    failure_code: 'payment.failedEarlier',
    failure_params: '{"a":1}',
    final_check_at: 9,
  },
  sales: {
    id: 99,
    due_currency: 'KHR',
    due_amount: 1,
    khr_per_usd: 4100,
    status: 'open',
    training: 1,
    merchant_name: 'Someone Else',
    bakong_id: 'someone@wing',
    created_at: 5,
    updated_at: 6,
    completed_at: 8,
    paid_late: 1,
    change_usd: 5,
    change_khr: 100,
    rounding_exact: 10,
  },
};

function paidSale(t: { after(fn: () => void): void }): { db: Db; ledger: SalesLedger; id: number } {
  const dir = tempDir(t);
  // A ledger made by the first version and brought up to date, as a shop's is.
  openLedger(dir, MIGRATIONS.filter((m) => m.version === 1)).close();
  const db = openLedger(dir);
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const tender = ledger.create({ amountCents: 1050, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  ledger.attachQr(tender.id, { md5: 'a'.repeat(32), khqrString: '000201…', expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' });
  assert.equal(ledger.markPaid(tender.id, 'ok')?.sale.saleStatus, 'completed');
  assert.equal(tender.saleId, tender.id, 'a new ledger\'s first sale and first tender are both number 1');
  return { db, ledger, id: tender.id };
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

for (const table of ['tenders', 'sales'] as const) {
  const what = table === 'tenders' ? 'paid tender' : 'completed sale';
  test(`every column of ${table} is either guarded on a ${what} or known to be written after payment`, (t) => {
    const { db } = paidSale(t);
    assert.deepEqual(columns(db, table).filter((c) => !WRITABLE_AFTER_PAYMENT[table].includes(c)).sort(), Object.keys(CHANGED[table]).sort());
  });

  for (const column of Object.keys(CHANGED[table])) {
    test(`a ${what}'s ${column} cannot change`, (t) => {
      const { db, id } = paidSale(t);
      const before = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>;
      assert.throws(() => db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(CHANGED[table][column], id), /cannot change|CHECK constraint/);
      // NULL is a change too (clearing paid_at, a failure code, the QR…), where the column allows it.
      if (column !== 'id' && before[column] !== null) {
        assert.throws(() => db.prepare(`UPDATE ${table} SET ${column} = NULL WHERE id = ?`).run(id), /cannot change|NOT NULL|CHECK constraint/);
      }
      assert.deepEqual(db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id), before);
    });
  }
}

test('what the POS writes after a payment still works: the watcher records the answer it got', (t) => {
  const { ledger, db, id } = paidSale(t);
  ledger.markChecked(id);
  assert.equal(typeof (db.prepare('SELECT checked_at FROM tenders WHERE id = ?').get(id) as { checked_at: unknown }).checked_at, 'number');
  assert.equal(ledger.markPaid(id, 'again', ['paid', 'awaiting_payment']), null, 'a second payment is not recorded');
  assert.equal(ledger.markCancelled(id, 'x'), null);
});

test('a tender not yet paid is not frozen by the guard', (t) => {
  const { db, ledger } = paidSale(t);
  const other = ledger.create({ amountCents: 200, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  db.prepare('UPDATE tenders SET final_check_at = 1 WHERE id = ?').run(other.id);
  assert.ok(ledger.markFailed(other.id, { code: 'payment.failedEarlier' }));
});
