/**
 * One writer per table, one transaction per payment: the sale (sales.ts), its receipt job
 * (print-jobs.ts) and a late payment's alert (alerts.ts) commit together or not at all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment, type PaymentTables } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { tempDir } from '../../support/temp.ts';

const NEW_SALE = {
  amountCents: 1050, khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
};
const ENDED = ['awaiting_payment', 'expired', 'cancelled'] as const;

function tables(t: { after(fn: () => void): void }): PaymentTables {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  return { db, sales: new SalesLedger(db), printJobs: new PrintJobs(db), alerts: new Alerts(db) };
}

function expiredSale(parts: PaymentTables): number {
  const sale = parts.sales.create(NEW_SALE);
  parts.sales.attachQr(sale.id, { md5: 'a'.repeat(32), khqrString: '000201…', expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' });
  parts.sales.markExpired(sale.id, 'test');
  return sale.id;
}

test('a payment on time owes its receipt and raises no alert', (t) => {
  const parts = tables(t);
  const sale = parts.sales.create(NEW_SALE);
  parts.sales.attachQr(sale.id, { md5: 'b'.repeat(32), khqrString: '000201…', expiresAt: Date.now() + 60_000, payTo: 'shop@aclb' });
  const paid = recordPayment(parts, sale.id, 'ok', ENDED);
  assert.equal(paid?.tender.status, 'paid');
  assert.equal(paid?.sale.saleStatus, 'completed');
  assert.deepEqual(parts.printJobs.latest(10).map((job) => [job.saleId, job.kind]), [[sale.id, 'receipt']]);
  assert.deepEqual(parts.alerts.open(), []);
  assert.equal(recordPayment(parts, sale.id, 'again', ENDED), null, 'paid once');
  assert.equal(parts.printJobs.latest(10).length, 1, 'one receipt');
});

test('a late payment raises its alert, in the cashier\'s words, beside the receipt', (t) => {
  const parts = tables(t);
  const id = expiredSale(parts);
  assert.equal(recordPayment(parts, id, 'late', ENDED)?.tender.paidLate, true);
  const [alert] = parts.alerts.open();
  assert.deepEqual(alert?.message, { code: 'alert.paidAfterExpiry', params: { sale: id, amount: '$10.50' } });
  assert.match(englishText(alert!.message), /sale #1 \(\$10\.50\) was paid after it had expired/);
  assert.equal(parts.printJobs.latest(10).length, 1);
  assert.equal(parts.alerts.dismiss(alert!.id), true);
  assert.equal(parts.alerts.dismiss(alert!.id), false);
});

test('when one of the three writes fails, none of them is kept', (t) => {
  const parts = tables(t);
  const id = expiredSale(parts);
  parts.db.exec(`CREATE TEMP TRIGGER alerts_fail BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  assert.throws(() => recordPayment(parts, id, 'late', ENDED), /disk full/);
  assert.equal(parts.sales.get(id)!.status, 'expired');
  assert.equal(parts.printJobs.latest(10).length, 0);
  parts.db.exec('DROP TRIGGER alerts_fail');
  assert.equal(recordPayment(parts, id, 'late', ENDED)?.tender.status, 'paid', 'recorded once the disk has room');
});
