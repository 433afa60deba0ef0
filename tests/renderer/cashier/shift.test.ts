import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorText, isPaymentWatched, reportLines, saleList } from '../../../src/renderer/cashier/shift.ts';
import { parseAnchor } from '../../../src/host/ledger/journal/verify.ts';
import { en } from '../../../src/renderer/i18n/en.ts';
import { km } from '../../../src/renderer/i18n/km.ts';
import type { ShiftMoney, ShiftReport } from '../../../src/shared/contract.ts';
import { hostMessage } from '../../../src/shared/messages/index.ts';

const m = (count: number, cents: number, riel = cents * 41): ShiftMoney => ({ count, cents, riel });
const none = m(0, 0);

function report(): ShiftReport {
  return {
    format: 1, kind: 'X', till: { id: 'x', code: 'K7QX2A' }, shift: 3, zNumber: null, businessDate: '2026-12-01',
    openedAt: 1, openedBy: 'system', openReason: 'first_sale', closedAt: null, fromSeq: 10, toSeq: 20,
    anchor: { seq: 20, hash16: '0123456789abcdef' },
    takings: { ...m(2, 1300), byTender: { khqr: m(2, 1300) } },
    byStatus: { opened: m(3, 1500), paid: m(1, 1050), paidLate: m(1, 250), expired: none, cancelled: m(1, 200), failed: none },
    otherAccount: { ...m(1, 999), sales: [7] },
    training: { opened: m(2, 400), paid: m(2, 400), expired: none, cancelled: none, failed: none },
    firstSale: null, lastSale: null, unresolved: [], paidLate: [5], cancelled: [6], failed: [],
  };
}

describe('shift report helpers', () => {
  it('lists takings first and marks other accounts and training apart', () => {
    const lines = reportLines(report());
    assert.equal(lines[0]!.key, 'shift.line.takings');
    assert.deepEqual(lines[0]!.money, { ...m(2, 1300), byTender: { khqr: m(2, 1300) } });
    assert.deepEqual(lines.filter((l) => l.apart).map((l) => l.key), ['shift.line.otherAccount', 'shift.line.trainingOpened', 'shift.line.trainingPaid']);
    assert.equal(lines.find((l) => l.key === 'shift.line.paidLate')!.money.cents, 250);
    for (const line of lines) {
      assert.ok(en[line.key] && km[line.key], `${line.key} is translated`);
      assert.notEqual(km[line.key], en[line.key], `${line.key} has Khmer words`);
    }
  });

  it('writes the anchor as `ledger verify --anchor` takes it', () => {
    assert.equal(anchorText({ seq: 20, hash16: '0123456789abcdef' }), '20:0123456789abcdef');
    // What the CLI's --anchor accepts (the Z print writes the same form, z-report.ts): the till's code
    // and epoch from the Z number when there is one.
    assert.deepEqual(parseAnchor(anchorText({ seq: 20, hash16: '0123456789abcdef' })), { seq: 20, hash: '0123456789abcdef' });
    assert.equal(anchorText({ seq: 20, hash16: '0123456789abcdef' }, 'K7QX2M-Z3'), 'K7QX2M:20:0123456789abcdef');
    assert.equal(anchorText({ seq: 20, hash16: '0123456789abcdef' }, 'K7QX2M-2-Z3'), 'K7QX2M-2:20:0123456789abcdef');
    assert.deepEqual(parseAnchor('K7QX2M-2:20:0123456789abcdef'), parseAnchor(anchorText({ seq: 20, hash16: '0123456789abcdef' }, 'K7QX2M-2-Z3')));
    assert.deepEqual(parseAnchor(anchorText({ seq: 20, hash16: '0123456789abcdef' }, 'K7QX2M-2-Z3')), { seq: 20, hash: '0123456789abcdef', code: 'K7QX2M', epoch: 2 });
  });

  it('lists sale numbers, or nothing', () => {
    assert.equal(saleList([5, 6]), '#5, #6');
    assert.equal(saleList([]), null);
  });

  it('tells the watched-payment refusal apart from other refusals', () => {
    const watched = hostMessage('shift.paymentWatched', { count: 1, sales: '#4' });
    assert.equal(isPaymentWatched({ code: 'not_allowed', text: watched, message: '' }), true);
    assert.equal(isPaymentWatched({ code: 'not_allowed', text: hostMessage('shift.noneOpen'), message: '' }), false);
  });

  it('every Shift tab label has Khmer', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('shift.') || k === 'nav.shift') as Array<keyof typeof en>;
    assert.ok(keys.length > 40);
    for (const key of keys) assert.match(km[key], /[\u1780-\u17FF]/, key);
  });
});
