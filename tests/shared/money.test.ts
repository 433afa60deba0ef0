import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AmountError, MAX_CHARGE_CENTS, assertChargeCents, centsToDecimal, centsToRiel, formatRiel, formatUsd, parseUsdToCents,
  usdNumberToCents,
} from '../../src/shared/money.ts';

test('USD text parses to exact cents', () => {
  assert.equal(parseUsdToCents('10.50'), 1050);
  assert.equal(parseUsdToCents('10.5'), 1050);
  assert.equal(parseUsdToCents('10'), 1000);
  assert.equal(parseUsdToCents('0.07'), 7);
  // 0.1 + 0.2 style float error cannot creep in: 1.15 * 100 is 114.99999999999999 as a float.
  assert.equal(parseUsdToCents('1.15'), 115);
});

test('malformed USD text is refused, not guessed', () => {
  for (const bad of ['', ' 1', '1 ', '-1', '+1', '1e3', '1.234', '01', '1,000', '.5', '5.', 'NaN', '0x10', '１']) {
    assert.throws(() => parseUsdToCents(bad), AmountError, `accepted ${JSON.stringify(bad)}`);
  }
});

test('API numbers convert to cents only when they have at most two decimals', () => {
  assert.equal(usdNumberToCents(10.5), 1050);
  assert.equal(usdNumberToCents(0.29), 29);
  assert.throws(() => usdNumberToCents(10.505), AmountError);
  assert.throws(() => usdNumberToCents(-1), AmountError);
  assert.throws(() => usdNumberToCents('10.5'), AmountError);
  assert.throws(() => usdNumberToCents(Number.NaN), AmountError);
  assert.throws(() => usdNumberToCents(1e21), AmountError);
});

test('charge amounts must be positive whole cents within the limit', () => {
  assertChargeCents(1);
  assertChargeCents(MAX_CHARGE_CENTS);
  for (const bad of [0, -5, 10.5, MAX_CHARGE_CENTS + 1, '1050', null, Number.NaN]) {
    assert.throws(() => assertChargeCents(bad), AmountError, `accepted ${String(bad)}`);
  }
});

test('formatting for people and for the API', () => {
  assert.equal(formatUsd(1050), '$10.50');
  assert.equal(formatUsd(123456789), '$1,234,567.89');
  assert.equal(centsToDecimal(1050), '10.50');
  assert.equal(centsToDecimal(7), '0.07');
  assert.equal(formatRiel(42000), '42,000៛');
});

test('riel equivalents round to the nearest 100 riel', () => {
  assert.equal(centsToRiel(1050, 4000), 42000);
  assert.equal(centsToRiel(1, 4100), 0); // 41 riel rounds down
  assert.equal(centsToRiel(2, 4100), 100); // 82 riel rounds up
  assert.equal(centsToRiel(1234, 4075), 50300); // 50,285.5 → 50,300
});
