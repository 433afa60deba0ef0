import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyedAmount, keyedMoney, pressKeyIn, splitDisplayIn, switchKeyedCurrency } from '../../../src/renderer/cashier/keyed-money.ts';
import type { KeypadKey } from '../../../src/renderer/cashier/keypad.ts';

const keys = (currency: 'USD' | 'KHR', presses: KeypadKey[]) => presses.reduce((text, key) => pressKeyIn(currency, text, key).text, '');

describe('keying riel', () => {
  it('takes whole riel as digits, 00 included, without a leading zero', () => {
    assert.equal(keys('KHR', ['1', '2', '5', '00']), '12500');
    assert.equal(keys('KHR', ['0', '5']), '5');
    assert.equal(keys('KHR', ['00', '00']), '0');
    assert.equal(keyedAmount('KHR', '12500'), 12_500);
    assert.deepEqual(keyedMoney('KHR', '12500'), { currency: 'KHR', amount: 12_500 });
    assert.equal(keyedMoney('KHR', ''), null);
    assert.equal(keyedMoney('KHR', '0'), null);
  });

  it('refuses the decimal point and more than 400,000,000 ៛, saying why', () => {
    assert.deepEqual(pressKeyIn('KHR', '125', '.'), { text: '125', refused: 'rielWhole' });
    assert.deepEqual(pressKeyIn('KHR', '400000000', '0'), { text: '400000000', refused: 'rielTooLarge' });
    assert.deepEqual(pressKeyIn('KHR', '40000000', '0'), { text: '400000000', refused: null });
    assert.deepEqual(pressKeyIn('KHR', '40000000', '1'), { text: '40000000', refused: 'rielTooLarge' });
    assert.deepEqual(pressKeyIn('KHR', '40000001', '0'), { text: '40000001', refused: 'rielTooLarge' });
  });

  it('dollars are keyed as before (cents, two decimals)', () => {
    assert.equal(keys('USD', ['1', '0', '.', '2', '5']), '10.25');
    assert.equal(keyedAmount('USD', '10.25'), 1025);
  });

  it('shows riel formatted, all of it typed', () => {
    assert.deepEqual(splitDisplayIn('KHR', '12500'), { typed: '12,500៛', pending: '' });
    assert.deepEqual(splitDisplayIn('KHR', ''), { typed: '', pending: '0៛' });
    assert.deepEqual(splitDisplayIn('USD', '10.5'), { typed: '$10.5', pending: '0' });
  });
});

describe('switching the keyed currency', () => {
  it('keeps digits that are an amount in the other currency, else starts again', () => {
    assert.equal(switchKeyedCurrency('12500', 'KHR'), '12500');
    assert.equal(switchKeyedCurrency('12500', 'USD'), '12500');
    assert.equal(switchKeyedCurrency('10.5', 'KHR'), '');
    assert.equal(switchKeyedCurrency('400000000', 'USD'), '');
    assert.equal(switchKeyedCurrency('', 'USD'), '');
  });
});
