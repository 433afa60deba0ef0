/**
 * The blind count's form (src/renderer/cashier/count.ts): what the cashier types becomes the
 * `shift.count` arguments the host accepts (shared/rules/count.ts), or is refused before sending.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currencyCountInput, differenceKind, drawerCountInput, emptyCountForm, typedNoteCount } from '../../../src/renderer/cashier/count.ts';
import { countedAmount } from '../../../src/shared/rules/count.ts';

test('notes typed per denomination become a count the host adds up the same way', () => {
  const usd = currencyCountInput('USD', { mode: 'notes', notes: { 100: '2', 500: '', 2000: '១' }, total: '' });
  assert.deepEqual(usd, { notes: { 100: 2, 2000: 1 } }, 'empty is none; Khmer digits are digits');
  assert.equal(countedAmount('USD', usd), 2200);
  const khr = currencyCountInput('KHR', { mode: 'notes', notes: { 100000: '1', 100: '3' }, total: '' });
  assert.equal(countedAmount('KHR', khr), 100_300);
});

test('a total is typed as money in its currency; empty is 0', () => {
  assert.deepEqual(currencyCountInput('USD', { mode: 'total', notes: {}, total: '$43.21' }), { total: 4321 });
  assert.deepEqual(currencyCountInput('KHR', { mode: 'total', notes: {}, total: '87,700' }), { total: 87_700 });
  assert.deepEqual(currencyCountInput('KHR', { mode: 'total', notes: {}, total: ' ' }), { total: 0 });
  assert.equal(currencyCountInput('KHR', { mode: 'total', notes: {}, total: '150' }), null, 'riel in hundreds');
  assert.equal(currencyCountInput('USD', { mode: 'total', notes: {}, total: '-1' }), null);
});

test('a note count that is not a whole number refuses the whole count', () => {
  for (const text of ['1.5', '-1', 'two', '1 000', '1000001']) assert.equal(typedNoteCount(text), null, text);
  const form = emptyCountForm();
  form.USD.notes['500'] = 'x';
  assert.equal(drawerCountInput(form), null);
  assert.deepEqual(drawerCountInput(emptyCountForm()), { USD: { notes: {} }, KHR: { notes: {} } });
});

test('a difference is over, short or even', () => {
  assert.equal(differenceKind({ counted: 1, notes: null, expected: 0, difference: 1 }), 'over');
  assert.equal(differenceKind({ counted: 0, notes: null, expected: 1, difference: -1 }), 'short');
  assert.equal(differenceKind({ counted: 1, notes: null, expected: 1, difference: 0 }), 'even');
});
