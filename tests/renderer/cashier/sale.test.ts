import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeypadKey } from '../../../src/renderer/cashier/keypad.ts';
import {
  acceptsKey,
  canCharge,
  enterAction,
  isOver,
  errorShownAsFailedSale,
  outcomeNote,
  saleChip,
  saleStage,
} from '../../../src/renderer/cashier/sale.ts';
import { en } from '../../../src/renderer/i18n/en.ts';
import { km } from '../../../src/renderer/i18n/km.ts';
import type { WatchView } from '../../../src/shared/contract.ts';
import { SALE_STATUSES } from '../../../src/shared/contract.ts';
import { saleView } from '../../support/sale-view.ts';

const sale = saleView;

const watching: WatchView = { apiUnreachable: false, lastError: null, lastCheckedAt: 1000, cannotSave: false };
const unreachable: WatchView = { apiUnreachable: true, lastError: { code: 'api.network' }, lastCheckedAt: 1000, cannotSave: false };

describe('keypad while a payment is being taken', () => {
  const amountKeys: KeypadKey[] = ['0', '1', '5', '9', '00', '.'];

  it('refuses digits and the point while the sale is creating or awaiting payment', () => {
    for (const status of ['creating', 'awaiting_payment'] as const) {
      for (const key of amountKeys) assert.equal(acceptsKey(key, sale(status)), false, `${key} during ${status}`);
    }
  });

  it('always lets Backspace and Clear take away', () => {
    for (const status of SALE_STATUSES) {
      assert.equal(acceptsKey('backspace', sale(status)), true);
      assert.equal(acceptsKey('clear', sale(status)), true);
    }
  });

  it('takes every key with no sale or a finished one', () => {
    for (const current of [null, undefined, sale('paid'), sale('expired'), sale('cancelled'), sale('failed')]) {
      for (const key of amountKeys) assert.equal(acceptsKey(key, current), true);
    }
  });
});

describe('keys around a charge', () => {
  it('refuses amount keys while a charge is on its way, even before its sale shows', () => {
    for (const key of ['5', '00', '.'] as const) assert.equal(acceptsKey(key, null, true), false, key);
    assert.equal(acceptsKey('backspace', null, true), true);
  });

  it('Enter charges a keyed amount, and is New sale once the sale is over with nothing keyed', () => {
    assert.equal(enterAction('5', null), 'charge');
    assert.equal(enterAction('', null), 'charge', 'nothing to do: Charge stays off');
    assert.equal(enterAction('5', sale('paid')), 'charge', 'a new amount keyed after a sale charges it');
    for (const status of ['paid', 'expired', 'cancelled', 'failed'] as const) {
      assert.equal(enterAction('', sale(status)), 'newSale', status);
      assert.equal(enterAction('0.', sale(status)), 'newSale', `${status}, zero keyed`);
    }
    assert.equal(enterAction('', sale('awaiting_payment')), 'charge', 'waiting: Enter does not clear the sale');
  });
});

describe('outcome note', () => {
  it('an expired or cancelled QR still watched is "not paid yet", never unpaid for sure', () => {
    assert.equal(outcomeNote(sale('expired'), watching), 'payment.stillChecking');
    assert.equal(outcomeNote(sale('cancelled'), watching), 'payment.stillChecking');
    assert.equal(outcomeNote(sale('expired'), unreachable), 'payment.stillChecking', 'after an outage too');
    assert.equal(outcomeNote(sale('cancelled'), unreachable), 'payment.stillChecking');
  });

  it('says it timed out unpaid only once the watch has ended', () => {
    assert.equal(outcomeNote(sale('expired'), null), 'payment.expiredHint');
    assert.equal(outcomeNote(sale('cancelled'), null), 'payment.cancelledHint');
  });

  it('has nothing to add for other outcomes', () => {
    for (const status of ['creating', 'awaiting_payment', 'paid', 'failed'] as const) {
      assert.equal(outcomeNote(sale(status), watching), null);
      assert.equal(outcomeNote(sale(status), null), null);
    }
  });

  it('the words are the ones the cashier needs, in both languages', () => {
    assert.equal(en['payment.stillChecking'], 'Not paid yet — still checking for a late payment');
    assert.match(km['payment.stillChecking'], /[\u1780-\u17FF]/);
    assert.doesNotMatch(en['payment.stillChecking'], /timed out|unpaid/i);
  });
});

describe('Sell tab chip', () => {
  it('is absent without a sale', () => {
    assert.equal(saleChip(null, 0, 0), null);
    assert.equal(saleChip(undefined, 0, 0), null);
  });

  it('counts down while waiting, on the host clock', () => {
    const waiting = sale('awaiting_payment', { expiresAt: 100_000 });
    // Local clock 2 s behind the host: 12 s are left, not 14.
    const chip = saleChip(waiting, 86_000, 2_000);
    assert.deepEqual(chip, { tone: 'busy', label: 'chip.awaiting', spoken: 'chip.awaitingLong', remaining: 12_000 });
    assert.equal(saleChip(waiting, 200_000, 0)?.remaining, 0, 'never negative');
    assert.equal(saleChip(sale('awaiting_payment'), 0, 0)?.remaining, null, 'no expiry known');
  });

  it('says each outcome, with a steady accessible name', () => {
    assert.equal(saleChip(sale('paid'), 0, 0)?.label, 'chip.paid');
    assert.equal(saleChip(sale('paid'), 0, 0)?.tone, 'ok');
    assert.equal(saleChip(sale('expired'), 0, 0)?.label, 'chip.expired');
    assert.equal(saleChip(sale('cancelled'), 0, 0)?.label, 'chip.cancelled');
    assert.equal(saleChip(sale('failed'), 0, 0)?.tone, 'bad');
    assert.equal(saleChip(sale('creating'), 0, 0)?.label, 'chip.creating');
    for (const status of SALE_STATUSES) {
      const chip = saleChip(sale(status, { expiresAt: 5_000 }), 0, 0)!;
      assert.ok(en[chip.label] && en[chip.spoken], status);
      assert.doesNotMatch(en[chip.spoken], /\d/, 'the accessible name does not tick');
      if (status !== 'awaiting_payment') assert.equal(chip.remaining, null);
    }
    assert.equal(en['chip.paid'], 'Paid ✓');
    assert.equal(en['chip.expired'], 'Expired');
  });
});

describe('a failed charge is told once', () => {
  const error = { code: 'api_error' as const, text: { code: 'api.network' as const }, message: 'Cannot reach the payment service' };

  it('by the payment panel when the charge created the sale shown as failed', () => {
    assert.equal(errorShownAsFailedSale(error, { command: 'charge', priorSaleId: null }, sale('failed')), true);
    assert.equal(errorShownAsFailedSale(error, { command: 'charge', priorSaleId: 6 }, sale('failed')), true);
  });

  it('by the banner otherwise', () => {
    // The charge was refused before any sale was made: the failed sale on screen is an older one.
    assert.equal(errorShownAsFailedSale(error, { command: 'charge', priorSaleId: 7 }, sale('failed')), false);
    // The new sale is not (yet) shown as failed.
    assert.equal(errorShownAsFailedSale(error, { command: 'charge', priorSaleId: null }, sale('creating')), false);
    assert.equal(errorShownAsFailedSale(error, { command: 'charge', priorSaleId: null }, null), false);
    // Not a command that makes a sale (e.g. Check now).
    assert.equal(errorShownAsFailedSale(error, { command: 'other', priorSaleId: 6 }, sale('failed')), false);
    assert.equal(errorShownAsFailedSale(error, null, sale('failed')), false);
    assert.equal(errorShownAsFailedSale(null, { command: 'charge', priorSaleId: null }, sale('failed')), false);
  });
});

describe('a sale partly paid in cash is not over', () => {
  const cash = { id: 1, kind: 'cash' as const, currency: 'USD' as const, amount: 500, status: 'paid' as const, createdAt: 0, paidAt: 0,
    paidLate: false, overpaid: false, expiresAt: null, receivingAccount: null, failureReason: null, attempt: null };

  it('Enter does not start a new sale over it, nor does Charge take a new amount', () => {
    const partly = sale('paid', { saleStatus: 'open', tenders: [cash] });
    assert.equal(isOver(partly), false);
    assert.equal(enterAction('', partly), 'charge');
    assert.equal(canCharge(1000, partly, false), false);
  });

  it('reads as partly paid, then voided or its tender\'s status', () => {
    assert.equal(saleStage(sale('paid', { saleStatus: 'open', tenders: [cash] })), 'partly');
    assert.equal(saleStage(sale('paid', { saleStatus: 'voided', tenders: [cash] })), 'voided');
    assert.equal(saleStage(sale('paid', { tenders: [cash] })), 'paid');
    assert.equal(saleStage(sale('expired')), 'expired');
  });

  it('a voided sale is over: New sale is next', () => {
    const voided = sale('paid', { saleStatus: 'voided', tenders: [cash] });
    assert.equal(isOver(voided), true);
    assert.equal(enterAction('', voided), 'newSale');
  });
});
