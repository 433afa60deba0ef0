/**
 * A paid sale never changes again (migration 011): every column of the sales table is tried on a
 * paid sale, on a ledger migrated from the first version, and each UPDATE is refused — except
 * checked_at, which the watcher writes after every answer of the payment service, even one that
 * lands after the payment was recorded. A column added later makes this test fail until the
 * guard covers it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openLedger, type Db } from '../../../src/host/ledger/database.ts';
import { MIGRATIONS } from '../../../src/host/ledger/migrations/index.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { tempDir } from '../../support/temp.ts';

/** What the POS may still write on a paid sale, and why: see 011-paid-sale-is-final.ts. */
const WRITABLE_AFTER_PAYMENT = ['checked_at'];

/** A value different from the paid sale's own for each column (valid for its type and CHECKs where possible). */
const CHANGED: Record<string, string | number | null> = {
  id: 99,
  amount_cents: 1,
  currency: 'KHR',
  khr_per_usd: 4100,
  status: 'failed',
  training: 1,
  merchant_name: 'Someone Else',
  bakong_id: 'someone@wing',
  api_base_url: 'http://elsewhere.test',
  md5: 'b'.repeat(32),
  khqr_string: '000201changed',
  created_at: 5,
  updated_at: 6,
  expires_at: 7,
  paid_at: 8,
  failure_reason: 'changed',
  paid_late: 1,
  final_check_at: 9,
  pay_to: 'someone@wing',
  failure_code: 'payment.failedEarlier',
  failure_params: '{"a":1}',
};

function paidSale(t: { after(fn: () => void): void }): { db: Db; ledger: SalesLedger; id: number } {
  const dir = tempDir(t);
  // A ledger made by the first version and brought up to date, as a shop's is.
  openLedger(dir, MIGRATIONS.filter((m) => m.version === 1)).close();
  const db = openLedger(dir);
  t.after(() => db.close());
  const ledger = new SalesLedger(db);
  const sale = ledger.create({ amountCents: 1050, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  ledger.attachQr(sale.id, { md5: 'a'.repeat(32), khqrString: '000201…', expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' });
  assert.ok(ledger.markPaid(sale.id, 'ok'));
  return { db, ledger, id: sale.id };
}

function columns(db: Db): string[] {
  return (db.prepare('PRAGMA table_info(sales)').all() as Array<{ name: string }>).map((c) => c.name);
}

test('every column of the sales table is either guarded on a paid sale or known to be written after payment', (t) => {
  const { db } = paidSale(t);
  assert.deepEqual(columns(db).filter((c) => !WRITABLE_AFTER_PAYMENT.includes(c)).sort(), Object.keys(CHANGED).sort());
});

for (const column of Object.keys(CHANGED)) {
  test(`a paid sale's ${column} cannot change`, (t) => {
    const { db, id } = paidSale(t);
    const before = db.prepare('SELECT * FROM sales WHERE id = ?').get(id) as Record<string, unknown>;
    assert.throws(() => db.prepare(`UPDATE sales SET ${column} = ? WHERE id = ?`).run(CHANGED[column], id), /cannot change/);
    // NULL is a change too (clearing paid_at, a failure code, the QR…), where the column allows it.
    if (column !== 'id' && before[column] !== null) {
      assert.throws(() => db.prepare(`UPDATE sales SET ${column} = NULL WHERE id = ?`).run(id), /cannot change|NOT NULL/);
    }
    assert.deepEqual(db.prepare('SELECT * FROM sales WHERE id = ?').get(id), before);
  });
}

test('what the POS writes after a payment still works: the watcher records the answer it got', (t) => {
  const { ledger, db, id } = paidSale(t);
  ledger.markChecked(id);
  assert.equal(typeof (db.prepare('SELECT checked_at FROM sales WHERE id = ?').get(id) as { checked_at: unknown }).checked_at, 'number');
  assert.equal(ledger.markPaid(id, 'again', ['paid', 'awaiting_payment']), null, 'a second payment is not recorded');
  assert.equal(ledger.markCancelled(id, 'x'), null);
});

test('a sale not yet paid is not frozen by the guard', (t) => {
  const { db, ledger } = paidSale(t);
  const other = ledger.create({ amountCents: 200, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  db.prepare('UPDATE sales SET expires_at = 1 WHERE id = ?').run(other.id);
  assert.ok(ledger.markFailed(other.id, { code: 'payment.failedEarlier' }));
});
