import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addNote, cashTendered, exactText, isPartlyPaid, nextChangeOption, noteLabel, previewTender, targetOf, type CashTarget,
} from '../../../src/renderer/cashier/cash-tender.ts';
import type { TenderView } from '../../../src/shared/contract.ts';
import { saleView } from '../../support/sale-view.ts';

const newSale = (due: CashTarget['due'], khrPerUsd = 4000): CashTarget => ({ due, khrPerUsd, saleId: null, tendered: [] });
const tender = (extra: Partial<TenderView>): TenderView => ({
  id: 1, kind: 'cash', currency: 'USD', amount: 500, status: 'paid', createdAt: 0, paidAt: 0, paidLate: false, overpaid: false,
  expiresAt: null, receivingAccount: null, failureReason: null, attempt: null, ...extra,
});

describe('what taking the typed cash would do', () => {
  it('13,000 ៛ paid with 20,000 ៛: $1 and 3,000 ៛ by default, $1.75 all in dollars, 7,000 ៛ all in riel', () => {
    const sale = newSale({ currency: 'KHR', amount: 13_000 });
    const note = { currency: 'KHR' as const, amount: 20_000 };
    assert.deepEqual(previewTender(sale, note, 'default'), { kind: 'covered', change: { usd: 100, khr: 3_000 } });
    assert.deepEqual(previewTender(sale, note, 'usd'), { kind: 'covered', change: { usd: 175, khr: 0 } });
    assert.deepEqual(previewTender(sale, note, 'khr'), { kind: 'covered', change: { usd: 0, khr: 7_000 } });
  });

  it('under-tendered: what would still be due, in both currencies', () => {
    assert.deepEqual(previewTender(newSale({ currency: 'KHR', amount: 40_000 }), { currency: 'KHR', amount: 20_000 }, 'default'),
      { kind: 'short', remaining: { usd: 500, khr: 20_000 } });
  });

  it('nothing typed: what is due now; a keying error is refused in the catalog\'s words', () => {
    assert.deepEqual(previewTender(newSale({ currency: 'USD', amount: 1025 }, 4100), null, 'default'), { kind: 'nothing', remaining: { usd: 1025, khr: 42_000 } });
    const refused = previewTender(newSale({ currency: 'USD', amount: 1025 }), { currency: 'USD', amount: 12_000 }, 'default');
    assert.equal(refused.kind, 'refused');
    assert.equal(refused.kind === 'refused' && refused.message.code, 'cash.changeTooLarge');
  });

  it('counts what an open sale already took: $12.50, $5 then 40,000 ៛ gives $2 and 2,000 ៛', () => {
    const sale = saleView('paid', { saleStatus: 'open', tenders: [tender({ amount: 500 })] });
    const target = targetOf(sale);
    assert.deepEqual(target.tendered, [{ currency: 'USD', amount: 500 }]);
    assert.deepEqual(previewTender(target, { currency: 'KHR', amount: 40_000 }, 'default'), { kind: 'covered', change: { usd: 200, khr: 2_000 } });
  });
});

describe('quick cash, Exact and the change choice', () => {
  it('notes add up, within the till\'s limit', () => {
    assert.equal(addNote('USD', '', 2_000), '20');
    assert.equal(addNote('USD', '20', 2_000), '40');
    assert.equal(addNote('USD', '0.5', 100), '1.50');
    assert.equal(addNote('KHR', '5000', 20_000), '25000');
    assert.equal(addNote('KHR', '399950000', 100_000), null);
  });

  it('Exact is what remains in the currency; nothing left is nothing', () => {
    assert.equal(exactText('USD', { usd: 525, khr: 21_000 }), '5.25');
    assert.equal(exactText('KHR', { usd: 525, khr: 21_000 }), '21000');
    assert.equal(exactText('USD', { usd: 0, khr: 0 }), null);
  });

  it('labels notes as printed, and cycles default → all dollars → all riel', () => {
    assert.equal(noteLabel('USD', 2_000), '$20');
    assert.equal(noteLabel('KHR', 20_000), '20,000៛');
    assert.equal(nextChangeOption('default'), 'usd');
    assert.equal(nextChangeOption('usd'), 'khr');
    assert.equal(nextChangeOption('khr'), 'default');
  });
});

describe('a sale partly paid in cash', () => {
  it('is open with a paid tender and no QR pending', () => {
    const cash = tender({});
    assert.equal(isPartlyPaid(saleView('paid', { saleStatus: 'open', tenders: [cash] })), true);
    assert.equal(isPartlyPaid(saleView('expired', { saleStatus: 'open', tenders: [cash, tender({ id: 2, kind: 'khqr', status: 'expired' })] })), true);
    assert.equal(isPartlyPaid(saleView('awaiting_payment', { tenders: [cash, tender({ id: 2, kind: 'khqr', status: 'awaiting_payment' })] })), false);
    assert.equal(isPartlyPaid(saleView('paid', { tenders: [cash] })), false, 'completed');
    assert.equal(isPartlyPaid(saleView('expired', { tenders: [tender({ kind: 'khqr', status: 'expired' })] })), false, 'nothing paid');
    assert.equal(isPartlyPaid(null), false);
  });

  it('gives back only its cash on a void', () => {
    const sale = saleView('paid', { saleStatus: 'open', tenders: [tender({}), tender({ id: 2, currency: 'KHR', amount: 1000 }), tender({ id: 3, kind: 'khqr', status: 'expired' })] });
    assert.deepEqual(cashTendered(sale), [{ currency: 'USD', amount: 500 }, { currency: 'KHR', amount: 1000 }]);
  });
});
