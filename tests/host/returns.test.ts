/**
 * Refunds and voids through the command path (src/host/commands.ts → src/host/returns.ts), as a
 * screen sends them, in training mode with the file printer: the search by receipt number, date and
 * amount (a refund's own number refused in words), a refund over the cap refused in English and Khmer,
 * a refund made and its receipt printed — the bytes in the printer's folder are exactly the refund
 * receipt rendered, naming the original sale —, an approver whose role may not approve refused, a void
 * of a paid sale refused, and arguments checked strictly.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../src/host/commands.ts';
import { readTill } from '../../src/host/ledger/journal/till.ts';
import { Refunds } from '../../src/host/ledger/refunds.ts';
import { decodeEscPosJob } from '../../src/host/printing/escpos/decode.ts';
import { receiptForReturn } from '../../src/host/printing/receipt-data.ts';
import { renderReturnReceipt } from '../../src/host/printing/receipt/return-receipt.ts';
import type { RefundSearchPage, ReturnDone } from '../../src/shared/contract.ts';
import { hostMessageText } from '../../src/shared/messages/index.ts';
import { startTrainingHost } from '../support/servers.ts';
import { signInAs } from '../support/users.ts';
import { tempDir, waitFor } from '../support/temp.ts';
import { payTrainingSale } from '../support/training-sale.ts';
import { attemptId } from '../support/cash-attempt.ts';



const files = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

test('search, a refund over the cap refused, a refund made and its receipt printed as rendered', async (t) => {
  const prints = tempDir(t);
  const { host } = startTrainingHost(t, { POS_PRINTER: `file:${prints}` });
  const owner = await signInAs(host);
  const OWNER_PIN = { userId: owner.id, pin: '1234' };
  const code = readTill(host.db)!.code;
  const sale = await payTrainingSale(host, 1025, { dismiss: true });
  await payTrainingSale(host, 300, { dismiss: true });
  await waitFor('two receipts', () => files(prints).length === 2);

  const byNumber = await runCommand(host, 'refund.search', { query: `${code}-${sale}` });
  assert.ok(byNumber.ok, JSON.stringify(byNumber));
  const found = (byNumber.value as RefundSearchPage).sales;
  assert.deepEqual(found.map((s) => [s.saleId, s.receiptNumber, s.dueAmount, s.left.usd]), [[sale, `${code}-${sale}`, 1025, 1025]]);
  const byAmount = await runCommand(host, 'refund.search', { query: '$3.00' });
  assert.deepEqual(byAmount.ok && (byAmount.value as RefundSearchPage).sales.map((s) => s.dueAmount), [300]);
  const byDate = await runCommand(host, 'refund.search', { query: (byAmount.ok && (byAmount.value as RefundSearchPage).businessDate) || '' });
  assert.deepEqual(byDate.ok && (byDate.value as RefundSearchPage).sales.map((s) => s.saleId), [sale + 1, sale], 'newest first');
  const otherTill = await runCommand(host, 'refund.search', { query: `ZZZZZZ-${sale}` });
  assert.deepEqual(otherTill.ok && (otherTill.value as RefundSearchPage).sales, []);

  const refund = (amount: number, extra: object = {}) => runCommand(host, 'refund.create', {
    saleId: sale, currency: 'USD', amount, method: 'cash', reference: null, reason: 'wrong size', approver: OWNER_PIN, ...extra,
  });
  const over = await refund(1026);
  assert.ok(!over.ok);
  assert.equal(over.error.text.code, 'refund.overCap');
  assert.equal(over.error.message, `That is more than is left to refund on sale ${sale}: at most $10.25 or 41,000៛.`);
  assert.match(hostMessageText(over.error.text, 'km'), /លើសពីចំនួនដែលនៅសល់/);

  const made = await refund(500, { reason: 'ទំនិញខូច' });
  assert.ok(made.ok, JSON.stringify(made));
  const done = made.value as ReturnDone;
  assert.equal(done.number, `${code}-R1`);
  assert.deepEqual(done.returned, [{ currency: 'USD', amount: 500 }]);
  assert.equal(done.drawer?.outcome, 'training', 'never kicked in training');
  assert.equal(done.printJob.kind, 'refund');

  // A refund's number is not a sale: searching for it says so, in words.
  const ofRefund = await runCommand(host, 'refund.search', { query: done.number });
  assert.ok(!ofRefund.ok);
  assert.equal(ofRefund.error.message, `${code}-R1 is a refund: a refund cannot be refunded. Search for the sale it refunds.`);

  await waitFor('the refund receipt', () => files(prints).length === 3);
  const printed = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files(prints)[2]!))));
  const stored = new Refunds(host.db).get(1)!;
  assert.deepEqual([stored.reason, stored.training, stored.approver, stored.actor], ['ទំនិញខូច', true, `user:${owner.id}`, `user:${owner.id}`]);
  const data = receiptForReturn({ kind: 'refund', refund: stored }, host.ledger.get(sale)!.merchantName, host.settings.current(), code, { sale: 1, doc: 1 });
  assert.equal(data.saleNumber, `${code}-${sale}`, 'the refund receipt names the original sale');
  const expected = renderReturnReceipt(data);
  assert.deepEqual([printed.raster!.width, printed.raster!.height], [expected.width, expected.height]);
  assert.ok(Buffer.from(printed.raster!.data).equals(Buffer.from(expected.data)), 'printed exactly as rendered');
  // Another amount draws other dots: the receipt shows what was returned.
  const other = renderReturnReceipt({ ...data, returned: [{ currency: 'USD', amount: 501 }] });
  assert.ok(!Buffer.from(other.data).equals(Buffer.from(expected.data)));

  const left = await runCommand(host, 'refund.search', { query: String(sale) });
  assert.deepEqual(left.ok && (left.value as RefundSearchPage).sales[0]!.left, { usd: 525, khr: 21_000, khrCash: 21_000 });
  assert.deepEqual(left.ok && (left.value as RefundSearchPage).sales[0]!.refunds.map((r) => [r.number, r.amount, r.reason]), [[`${code}-R1`, 500, 'ទំនិញខូច']]);
});

test('a cashier cannot approve; a paid sale cannot be voided; arguments are checked strictly', async (t) => {
  const { host } = startTrainingHost(t);
  const owner = await signInAs(host);
  const OWNER_PIN = { userId: owner.id, pin: '1234' };
  const sale = await payTrainingSale(host, 500, { dismiss: true });
  const input = { saleId: sale, currency: 'USD' as const, amount: 100, method: 'cash' as const, reference: null, reason: 'x' };
  await assert.rejects(host.returns.refund(input, { actor: 'cashier', approval: { approver: 'cashier', role: 'cashier' } }), (error: { text?: { code: string } }) => error.text?.code === 'approval.notApprover');
  await assert.rejects(host.returns.void({ saleId: sale, reason: 'x' }, { actor: 'cashier', approval: { approver: 'cashier', role: 'cashier' } }), (error: { text?: { code: string } }) => error.text?.code === 'approval.notApprover');
  assert.deepEqual(new Refunds(host.db).forSale(sale), [], 'nothing written');
  // Through the command: a cashier's own PIN does not approve.
  const cashier = await signInAs(host, 'cashier');
  const byCashier = await runCommand(host, 'refund.create', { ...input, approver: { userId: cashier.id, pin: '5678' } });
  assert.deepEqual(!byCashier.ok && byCashier.error.text.code, 'auth.notApprover');

  const voided = await runCommand(host, 'sale.void', { saleId: sale, reason: 'x', approver: OWNER_PIN });
  assert.ok(!voided.ok);
  assert.equal(voided.error.text.code, 'void.notOpen');
  assert.match(hostMessageText(voided.error.text, 'km'), /ការលក់ដែលបានបង់ប្រាក់/);

  const base = { saleId: sale, currency: 'USD', amount: 100, method: 'cash', reference: null, reason: 'x', approver: OWNER_PIN };
  const bad: Array<[object, string]> = [
    [{ ...base, approver: { userId: 'owner', pin: '12' } }, 'approval.pinFormat'],
    [{ ...base, approver: { userId: 'owner', pin: '1234', role: 'owner' } }, 'approval.pinFormat'],
    [{ ...base, method: 'khqr' }, 'request.expectedArguments'],
    [{ ...base, currency: 'EUR' }, 'cash.currency'],
    [{ ...base, amount: '100' }, 'refund.amountUsd'],
    [{ ...base, extra: 1 }, 'request.expectedArguments'],
    [{ ...base, reference: 5 }, 'refund.reference'],
  ];
  for (const [args, code] of bad) {
    const reply = await runCommand(host, 'refund.create', args);
    assert.ok(!reply.ok);
    assert.equal(reply.error.text.code, code, JSON.stringify(args));
  }
  const query = await runCommand(host, 'refund.search', { query: 'hello' });
  assert.ok(!query.ok);
  assert.equal(query.error.text.code, 'refund.searchQuery');
});

test('a cash sale of $10.25 paid with $20: the refund cap is $10.25 (what was paid less the $9.75 change), not $20', async (t) => {
  const { host } = startTrainingHost(t);
  const owner = await signInAs(host);
  host.saveSettings({ khrPerUsd: 4000 });
  const tendered = await runCommand(host, 'cash.tender', { due: { currency: 'USD', amount: 1025 }, tender: { currency: 'USD', amount: 2000 }, attempt: attemptId() });
  assert.ok(tendered.ok, JSON.stringify(tendered));
  const sale = (tendered.value as { sale: { id: number; settlement: { change: { usd: number; khr: number } } } }).sale;
  assert.deepEqual(sale.settlement.change, { usd: 900, khr: 3000 }, '$9 and 3,000៛ back');
  const found = await runCommand(host, 'refund.search', { query: String(sale.id) });
  assert.deepEqual(found.ok && (found.value as RefundSearchPage).sales[0]!.left, { usd: 1025, khr: 41_000, khrCash: 41_000 });

  const refund = (currency: 'USD' | 'KHR', amount: number) => runCommand(host, 'refund.create', {
    saleId: sale.id, currency, amount, method: 'cash', reference: null, reason: 'returned', approver: { userId: owner.id, pin: '1234' },
  });
  const over = await refund('USD', 1026);
  assert.ok(!over.ok);
  assert.equal(over.error.message, `That is more than is left to refund on sale ${sale.id}: at most $10.25 or 41,000៛.`);
  assert.ok((await refund('KHR', 20_000)).ok, 'a part in riel: $5.00 of it');
  const second = await refund('USD', 526);
  assert.ok(!second.ok, 'what was already refunded comes off too');
  assert.equal(second.error.message, `That is more than is left to refund on sale ${sale.id}: at most $5.25 or 21,000៛.`);
  assert.ok((await refund('USD', 525)).ok, 'exactly what is left');
  assert.equal((await refund('USD', 1)).ok, false);
});
