/** Keyed riel, Money checks and formatting, as tables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_RIEL, assertMoney, formatExact, formatMoney, inBothCurrencies, khr, parseRiel, usd,
} from '../../../src/shared/cash/index.ts';
import { englishText } from '../../../src/shared/messages/index.ts';
import { AmountError } from '../../../src/shared/money.ts';

test('keyed riel parses to whole riel', () => {
  for (const [text, riel] of [['0', 0], ['100', 100], ['12500', 12500], ['12550', 12550], [String(MAX_RIEL), MAX_RIEL]] as const) {
    assert.equal(parseRiel(text), riel, text);
  }
});

test('malformed or too large keyed riel is refused without repeating it', () => {
  const refused: Array<[string, string]> = [
    ['', 'cash.rielFormat'], [' 100', 'cash.rielFormat'], ['100 ', 'cash.rielFormat'], ['-100', 'cash.rielFormat'],
    ['+100', 'cash.rielFormat'], ['100.0', 'cash.rielFormat'], ['12,500', 'cash.rielFormat'], ['12 500', 'cash.rielFormat'],
    ['0100', 'cash.rielFormat'], ['1e5', 'cash.rielFormat'], ['១០០', 'cash.rielFormat'], ['100៛', 'cash.rielFormat'],
    [String(MAX_RIEL + 1), 'cash.rielTooLarge'], ['99999999999999999999999', 'cash.rielTooLarge'],
  ];
  for (const [text, code] of refused) {
    assert.throws(() => parseRiel(text), (error: unknown) => {
      assert.ok(error instanceof AmountError, text);
      assert.equal(error.text.code, code, text);
      if (text.length > 1) assert.ok(!englishText(error.text).includes(text.trim()), `${text}: ${englishText(error.text)}`);
      return true;
    });
  }
  assert.equal(englishText({ code: 'cash.rielTooLarge', params: { max: '400,000,000៛' } }).includes('400,000,000៛'), true);
});

test('Money is checked strictly: currency, whole minor units, positive, within the limit', () => {
  assertMoney(usd(1));
  assertMoney(khr(1));
  assertMoney(khr(MAX_RIEL));
  const refused: Array<[unknown, string]> = [
    [null, 'cash.currency'], ['100', 'cash.currency'], [{ currency: 'EUR', amount: 1 }, 'cash.currency'], [{ amount: 1 }, 'cash.currency'],
    [usd(0), 'request.amountZero'], [usd(-1), 'request.amountZero'], [usd(0.5), 'request.amountWholeCents'],
    [usd(10_000_001), 'request.amountTooLarge'], [khr(0), 'cash.rielZero'], [khr(1.5), 'cash.rielWhole'],
    [{ currency: 'KHR', amount: '100' }, 'cash.rielWhole'], [khr(Number.NaN), 'cash.rielWhole'], [khr(MAX_RIEL + 1), 'cash.rielTooLarge'],
  ];
  for (const [value, code] of refused) {
    assert.throws(() => assertMoney(value), (e: AmountError) => e.text.code === code, JSON.stringify(value));
  }
});

test('formatting for people: each currency as keyed, rounding lines to the hundredth of a riel', () => {
  assert.equal(formatMoney(usd(1025)), '$10.25');
  assert.equal(formatMoney(khr(12500)), '12,500៛');
  const exact: Array<[number, string]> = [
    [0, '0៛'], [2500, '25៛'], [-5000, '-50៛'], [-3125, '-31.25៛'], [4900, '49៛'], [-5, '-0.05៛'], [123_456_789, '1,234,567.89៛'],
  ];
  for (const [value, text] of exact) assert.equal(formatExact(value), text, String(value));
});

test('an amount in both currencies: riel rounded to 100៛, cents half up', () => {
  assert.deepEqual(inBothCurrencies(usd(1050), 4000), { usd: 1050, khr: 42000 });
  assert.deepEqual(inBothCurrencies(usd(1025), 4100), { usd: 1025, khr: 42000 });
  assert.deepEqual(inBothCurrencies(khr(12500), 4100), { usd: 305, khr: 12500 });
  assert.deepEqual(inBothCurrencies(khr(12540), 4000), { usd: 314, khr: 12540 });
});
