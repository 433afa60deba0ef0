/**
 * A KHQR paid after its sale was voided (REVIEW-9 L4): the money is recorded once, as owed back, and
 * the cashier's alert says the sale was voided — not that it "was already paid" (en and km).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import type { SaleView } from '../../../src/shared/contract.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { attemptId } from '../../support/cash-attempt.ts';
import { startTrainingHost } from '../../support/servers.ts';
import { waitFor } from '../../support/temp.ts';
import { OWNER_PIN, signInAs } from '../../support/users.ts';

test('a QR paid after its sale was voided raises an alert that says the sale was voided', async (t) => {
  const { host } = startTrainingHost(t);
  const owner = await signInAs(host);
  host.saveSettings({ khrPerUsd: 4000 });
  const cash = await runCommand(host, 'cash.tender', { due: { currency: 'USD', amount: 1000 }, tender: { currency: 'USD', amount: 500 }, attempt: attemptId() });
  assert.ok(cash.ok);
  const saleId = (cash.value as { sale: SaleView }).sale.id;
  assert.ok((await runCommand(host, 'payment.newQr', { saleId })).ok);
  assert.ok((await runCommand(host, 'payment.cancel', { saleId })).ok);
  const voided = await runCommand(host, 'sale.void', { saleId, reason: 'customer left', approver: { userId: owner.id, pin: OWNER_PIN } });
  assert.ok(voided.ok, JSON.stringify(voided));

  // The customer's app paid the cancelled QR all the same; the watcher still checks it (grace period).
  host.simulatePayment(saleId);
  const [alert] = await waitFor('the alert', () => (host.cashierState().alerts.length > 0 ? host.cashierState().alerts : null));
  assert.ok(alert);
  assert.equal(hostMessageText(alert.message, 'en'), `Paid after the void: sale #${saleId} was voided, and then $5.00 arrived for it. Give the customer this money back.`);
  assert.equal(hostMessageText(alert.message, 'km'),
    `បានបង់ក្រោយការចាត់ទុកជាមោឃៈ៖ ការលក់ #${saleId} ត្រូវបានចាត់ទុកជាមោឃៈ ហើយបន្ទាប់មកប្រាក់ $5.00 បានចូលសម្រាប់វា។ សូមប្រគល់ប្រាក់នេះត្រឡប់ទៅអតិថិជនវិញ។`);
  assert.equal(host.ledger.get(saleId)!.saleStatus, 'voided');
});
