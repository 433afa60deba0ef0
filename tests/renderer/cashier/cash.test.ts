/**
 * The Shift tab's cash panel logic (src/renderer/cashier/cash.ts) and the shared cash rules
 * (src/shared/rules/cash.ts): amounts as a cashier types them in each currency, the lines of the cash
 * table, and the reason rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShiftCash } from '../../../src/shared/contract.ts';
import { isCashReason, parseRielText } from '../../../src/shared/rules/cash.ts';
import { cashLines, typedAmount } from '../../../src/renderer/cashier/cash.ts';
import { translate } from '../../../src/renderer/i18n/index.ts';

test('amounts as typed: dollars and cents, riel in hundreds with or without commas or Khmer digits', () => {
  const cases: Array<[Parameters<typeof typedAmount>[0], string, number | null, boolean?]> = [
    ['USD', '12.50', 1250], ['USD', '$5', 500], ['USD', ' 0.01 ', 1], ['USD', '0', null], ['USD', '0', 0, true],
    ['USD', '1.234', null], ['USD', '-5', null], ['USD', '1e3', null], ['USD', '100000.01', null],
    ['KHR', '20000', 20_000], ['KHR', '20,000', 20_000], ['KHR', '២០០០០', 20_000], ['KHR', '20,000៛', 20_000],
    ['KHR', '150', null], ['KHR', '2,00,00', null], ['KHR', '20000.5', null], ['KHR', '0', 0, true], ['KHR', '400,000,100', null],
  ];
  for (const [currency, text, expected, allowZero] of cases) {
    assert.equal(typedAmount(currency, text, { allowZero }), expected, `${currency} ${JSON.stringify(text)}`);
  }
  assert.equal(parseRielText('1,000,000'), 1_000_000);
});

test('a reason is 1–60 characters as a person counts them, with no control or bidi-override characters', () => {
  assert.equal(isCashReason('ទិញទឹកកក'), true);
  assert.equal(isCashReason('x'.repeat(60)), true);
  assert.equal(isCashReason('x'.repeat(61)), false);
  assert.equal(isCashReason(''), false);
  for (const bad of ['a\tb', 'a\u0000', 'pay\u202egnp', 'x\u2066y', 'a\u007f']) assert.equal(isCashReason(bad), false, JSON.stringify(bad));
});

test('the cash table: float (or not set), movements with counts, expected in drawer last, labelled in both languages', () => {
  const cash: ShiftCash = {
    USD: { float: 5000, paidIn: { count: 1, amount: 1000 }, paidOut: { count: 2, amount: 300 }, drops: { count: 0, amount: 0 }, expected: 5700 },
    KHR: { float: null, paidIn: { count: 0, amount: 0 }, paidOut: { count: 0, amount: 0 }, drops: { count: 1, amount: 20_000 }, expected: -20_000 },
    noSaleOpens: 0, movements: [], training: 0,
  };
  const lines = cashLines(cash);
  assert.deepEqual(lines.map((l) => l.key), ['cash.line.float', 'cash.line.paidIn', 'cash.line.paidOut', 'cash.line.drops', 'cash.line.expected']);
  assert.deepEqual(lines[0]!.khr, { count: null, amount: null }, 'a float not entered is "not set", not 0');
  assert.deepEqual(lines[2]!.usd, { count: 2, amount: 300 });
  assert.equal(lines[4]!.total, true);
  assert.equal(translate('en', 'cash.line.expected'), 'Expected in drawer');
  assert.equal(translate('km', 'cash.line.expected'), 'គួរមានក្នុងថត');
});
