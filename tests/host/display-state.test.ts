/**
 * What the customer display is given for a cash sale (views.ts buildDisplayState): the amount in both
 * currencies, the cash handed over, what is left and the change; a partly paid sale is not "Paid",
 * and a voided one says so. Only amounts: no account, no error, no history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../src/host/config/settings.ts';
import type { StoredSale } from '../../src/host/ledger/sale-rows.ts';
import { buildDisplayState } from '../../src/host/views.ts';
import type { SaleView, TenderView } from '../../src/shared/contract.ts';
import { saleView } from '../support/sale-view.ts';

const stored = (view: SaleView): StoredSale => ({ ...view, apiBaseUrl: 'http://127.0.0.1:1', finalCheckAt: null });
const tender = (extra: Partial<TenderView>): TenderView => ({
  id: 1, kind: 'cash', currency: 'KHR', amount: 20_000, status: 'paid', createdAt: 0, paidAt: 0, paidLate: false, overpaid: false,
  expiresAt: null, receivingAccount: null, failureReason: null, attempt: null, ...extra,
});
const display = (sale: SaleView) => buildDisplayState({ settings: DEFAULT_SETTINGS, training: true, current: stored(sale), watching: false, now: 1 });

describe('the customer display of a cash sale', () => {
  it('partly paid: tendering, with what was handed over and what is left in both currencies', () => {
    const sale = saleView('paid', {
      saleStatus: 'open', currency: 'KHR', dueAmount: 40_000, amountCents: 1000, amountRiel: 40_000, tenders: [tender({})],
      settlement: { covered: false, remaining: { usd: 500, khr: 20_000 }, change: { usd: 0, khr: 0 }, roundingExact: 0 },
    });
    const state = display(sale);
    assert.equal(state.phase, 'tendering');
    assert.deepEqual([state.amountCents, state.amountRiel], [1000, 40_000]);
    assert.deepEqual(state.cash, { tendered: [{ currency: 'KHR', amount: 20_000 }], remaining: { usd: 500, khr: 20_000 }, change: { usd: 0, khr: 0 } });
  });

  it('paid: the change, each part in its own currency; a KHQR tender is not cash handed over', () => {
    const sale = saleView('paid', {
      tenders: [tender({}), tender({ id: 2, kind: 'khqr', currency: 'USD', amount: 100 })],
      settlement: { covered: true, remaining: { usd: 0, khr: 0 }, change: { usd: 100, khr: 3_000 }, roundingExact: 0 },
    });
    const state = display(sale);
    assert.equal(state.phase, 'paid');
    assert.deepEqual(state.cash, { tendered: [{ currency: 'KHR', amount: 20_000 }], remaining: { usd: 0, khr: 0 }, change: { usd: 100, khr: 3_000 } });
  });

  it('voided: says so; a KHQR-only sale carries no cash', () => {
    assert.equal(display(saleView('paid', { saleStatus: 'voided', tenders: [tender({})] })).phase, 'voided');
    const qr = display(saleView('awaiting_payment', { tenders: [tender({ kind: 'khqr', currency: 'USD', amount: 1250, status: 'awaiting_payment' })] }));
    assert.equal(qr.phase, 'awaiting');
    assert.equal(qr.cash, null);
  });

  it('idle: no amount, no cash', () => {
    const state = buildDisplayState({ settings: DEFAULT_SETTINGS, training: true, current: null, watching: false, now: 1 });
    assert.deepEqual([state.phase, state.amountCents, state.amountRiel, state.cash], ['idle', null, null, null]);
  });
});
