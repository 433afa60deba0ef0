/** The command table: every argument parser refuses what the contract does not allow, and every refusal is in catalog words. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { COMMAND_NAMES, runCommand } from '../../src/host/commands.ts';
import type { CommandName } from '../../src/shared/contract.ts';
import { englishText, hostMessageText, isHostMessageCode } from '../../src/shared/messages/index.ts';
import { attemptId } from '../support/cash-attempt.ts';
import { startHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';
import { signInAs } from '../support/users.ts';

test('a refused request names what is expected, never echoes what was sent', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  const cases: Array<[unknown, unknown, RegExp]> = [
    ['<img src=x onerror=alert(1)>', {}, /does not know this command/],
    ['state.get', ['x'], /cannot read/],
    ['state.get', { surprise: '<b>hi</b>' }, /takes no values/],
    ['payment.cancel', { saleId: 1, extra: '<b>hi</b>' }, /expects exactly: saleId/],
    ['payment.cancel', { saleId: '1; DROP TABLE sales' }, /sale number must be a whole number/],
    ['alerts.dismiss', { id: -1 }, /alert number must be a whole number/],
    ['payment.charge', { amountCents: 1.5 }, /whole number of cents/],
  ];
  for (const [name, args, expected] of cases) {
    const reply = await runCommand(host, name, args);
    assert.ok(!reply.ok, `${String(name)} ${JSON.stringify(args)} was accepted`);
    assert.match(reply.error.message, expected);
    assert.doesNotMatch(reply.error.message, /<|DROP/, 'the request\'s own text is not echoed');
  }
  assert.equal(host.ledger.get(1), null);
});

test('every refusal a command can give carries a catalog message, in both languages, for every command', async (t) => {
  const host = startHost(t, { POS_PRINTER: `file:${join(tempDir(t), 'prints')}` });
  const owner = await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 250 })).ok, 'sale #1 waits for payment');
  const cases: Array<[CommandName, unknown, string]> = [
    ['state.get', { extra: 1 }, 'request.noArguments'],
    ['payment.charge', { amountCents: 0 }, 'request.amountZero'],
    ['payment.charge', { amountCents: 10_000_001 }, 'request.amountTooLarge'],
    ['payment.charge', { amountCents: 300 }, 'payment.inProgress'],
    ['payment.charge', { due: { currency: 'KHR', amount: 12.5 } }, 'cash.rielWhole'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'EUR', amount: 100 }, attempt: attemptId() }, 'cash.currency'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'USD', amount: 100 }, change: 'coins', attempt: attemptId() }, 'cash.changeWhole'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'USD', amount: 100 } }, 'request.expectedArguments'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'USD', amount: 100 }, attempt: 'A'.repeat(32) }, 'cash.attemptInvalid'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'USD', amount: 100 }, attempt: 7 }, 'cash.attemptInvalid'],
    ['cash.tender', { due: { currency: 'USD', amount: 100 }, tender: { currency: 'USD', amount: 100 }, attempt: attemptId() }, 'payment.inProgress'],
    ['payment.cancel', { saleId: 99 }, 'payment.noSale'],
    ['payment.checkNow', { saleId: 99 }, 'payment.noSale'],
    ['payment.newQr', { saleId: 99 }, 'payment.noSale'],
    ['sales.page', { limit: 0 }, 'request.pageLimit'],
    ['payment.dismiss', { saleId: 1 }, 'request.noArguments'],
    ['alerts.dismiss', { id: 5 }, 'alert.notFound'],
    ['integrity.acknowledge', {}, 'integrity.nothingToAcknowledge'],
    ['training.simulatePayment', { saleId: 99 }, 'payment.noQrToPay'],
    ['receipt.reprint', { saleId: 99 }, 'payment.noSale'],
    ['receipt.reprint', { saleId: 1 }, 'payment.noReceipt'],
    ['receipt.preview', { saleId: 1 }, 'payment.noReceipt'],
    ['printer.testPrint', { copies: 2 }, 'request.noArguments'],
    ['printer.list', { all: true }, 'request.noArguments'],
    ['printer.retryNow', { now: true }, 'request.noArguments'],
    ['settings.get', { key: 'bakongId' }, 'request.noArguments'],
    ['settings.save', { khrPerUsd: 1 }, 'settings.khrPerUsd'],
    ['shift.x', { extra: 1 }, 'request.noArguments'],
    ['shift.close', {}, 'shift.paymentWatched'],
    ['shift.close', { carryOver: 'yes' }, 'shift.carryOverInvalid'],
    ['shift.count', { USD: { total: 0 }, KHR: { total: 150 } }, 'shift.countInvalid'],
    ['shift.count', { USD: { total: 0 } }, 'request.expectedArguments'],
    ['shift.zList', { all: true }, 'request.noArguments'],
    ['shift.z', { shift: 5 }, 'shift.zNotFound'],
    ['shift.z', { shift: 0 }, 'shift.numberInvalid'],
    ['export.create', { format: 'pdf', from: '2026-12-01', to: '2026-12-01' }, 'export.format'],
    ['export.create', { format: 'csv', z: 0 }, 'export.zNumber'],
    ['export.create', { format: 'csv', z: 9 }, 'export.zUnknown'],
    ['shift.zReprint', { n: 5 }, 'shift.zNotFound'],
    ['shift.zReprint', { n: -1 }, 'shift.numberInvalid'],
    ['cash.setFloat', { usdCents: 10.5, riel: 0 }, 'drawer.floatAmount'],
    ['cash.setFloat', { usdCents: 0, riel: 150 }, 'drawer.floatAmount'],
    ['cash.record', { kind: 'paid_out', currency: 'USD', amount: 500, reason: 'ice' }, 'drawer.floatFirst'],
    ['cash.record', { kind: 'refund', currency: 'USD', amount: 500, reason: 'ice' }, 'drawer.kind'],
    ['cash.record', { kind: 'drop', currency: 'THB', amount: 500, reason: 'safe' }, 'cash.currency'],
    ['cash.record', { kind: 'drop', currency: 'KHR', amount: 50, reason: 'safe' }, 'drawer.amountKhr'],
    ['cash.record', { kind: 'paid_in', currency: 'USD', amount: 0, reason: 'change' }, 'drawer.amountUsd'],
    ['cash.record', { kind: 'paid_out', currency: 'USD', amount: 500, reason: '   ' }, 'drawer.reason'],
    ['cash.record', { kind: 'paid_out', currency: 'USD', amount: 500, reason: 'ice\u202e' }, 'drawer.reason'],
    ['drawer.open', { reason: 'change' }, 'request.expectedArguments'],
    ['drawer.open', { approver: { userId: 'x', pin: '12' } }, 'approval.pinFormat'],
    ['drawer.dismissProblem', { now: true }, 'request.noArguments'],
    ['sync.pair', { url: 'http://backoffice.example.com', code: '7KQM-2XHD-P9RT' }, 'sync.urlInvalid'],
    ['sync.pair', { url: 'https://backoffice.example.com', code: 7 }, 'sync.codeInvalid'],
    ['sync.now', { now: true }, 'request.noArguments'],
    ['refund.search', { query: 'R' }, 'refund.searchQuery'],
    ['refund.search', { query: 'K7QX2M-R1' }, 'refund.ofRefund'],
    ['refund.create', { saleId: 1, currency: 'USD', amount: 100, method: 'cash', reference: null, reason: 'x', approver: { userId: owner.id, pin: '1234' } }, 'refund.notCompleted'],
    ['refund.create', { saleId: 1, currency: 'USD', amount: 100, method: 'cash', reference: null, reason: 'x', approver: { userId: owner.id, pin: 'abcd' } }, 'approval.pinFormat'],
    ['sale.void', { saleId: 1, reason: 'x', approver: { userId: owner.id, pin: '1234' } }, 'void.qrPending'],
    ['sale.void', { saleId: 99, reason: 'x', approver: { userId: owner.id, pin: '1234' } }, 'void.noSuchSale'],
    ['auth.createOwner', { name: 'Someone', pin: '1234' }, 'auth.ownerExists'],
    ['auth.signIn', { userId: 'owner', pin: '1234' }, 'auth.userId'],
    ['auth.signIn', { userId: owner.id, pin: '12345678' }, 'auth.pinFormat'],
    ['auth.lock', { now: true }, 'request.noArguments'],
    ['auth.recover', { code: 'AAAA-BBBB-CCCC', pin: '1234' }, 'auth.wrongRecoveryCode'],
    ['auth.renewRecoveryCode', { print: false }, 'request.noArguments'],
    ['auth.printRecoveryCode', { code: 'AAAA-BBBB-CCCC' }, 'auth.wrongRecoveryCode'],
    ['users.list', { all: true }, 'request.noArguments'],
    ['users.add', { name: '', role: 'cashier', pin: '1234' }, 'auth.nameFormat'],
    ['users.add', { name: 'Dara', role: 'boss', pin: '1234' }, 'auth.role'],
    ['users.setRole', { userId: owner.id, role: 'cashier' }, 'auth.lastOwner'],
    ['users.resetPin', { userId: owner.id, pin: '12' }, 'auth.pinFormat'],
    ['users.deactivate', { userId: '00000000-0000-4000-8000-000000000000' }, 'auth.userNotFound'],
    ['settings.setApiKey', { apiKey: 'two words' }, 'auth.apiKeyFormat'],
  ];
  assert.deepEqual(new Set(cases.map(([name]) => name)), new Set(COMMAND_NAMES), 'a refusal for every command in the contract');
  for (const [name, args, code] of cases) {
    const reply = await runCommand(host, name, args);
    const what = `${name} ${JSON.stringify(args)}`;
    assert.ok(!reply.ok, `${what} was accepted`);
    assert.ok(isHostMessageCode(reply.error.text.code), `${what}: ${reply.error.text.code} is in the catalog`);
    assert.equal(reply.error.text.code, code, what);
    assert.equal(reply.error.message, englishText(reply.error.text), `${what}: message is the English of text`);
    assert.match(hostMessageText(reply.error.text, 'km'), /[\u1780-\u17ff]/, `${what}: said in Khmer too`);
  }
});
