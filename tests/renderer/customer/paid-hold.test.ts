import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAID_HOLD_MS, paidHoldLeft } from '../../../src/renderer/customer/paid-hold.ts';

const PAID_AT = 1_800_000_000_000;

test('"Paid" stays for the hold after paidAt on the host clock, then Welcome', () => {
  // This screen's clock runs 5 s behind the host's: offset +5 s.
  const offset = 5_000;
  assert.equal(paidHoldLeft(PAID_AT, PAID_AT, PAID_AT - offset, offset), PAID_HOLD_MS);
  assert.equal(paidHoldLeft(PAID_AT, PAID_AT, PAID_AT - offset + 4_000, offset), PAID_HOLD_MS - 4_000);
  assert.equal(paidHoldLeft(PAID_AT, PAID_AT, PAID_AT - offset + PAID_HOLD_MS, offset), 0);
  assert.equal(paidHoldLeft(PAID_AT, PAID_AT, PAID_AT + 60_000, 0), 0, 'never negative');
});

test('a display opened (or a state pushed) later does not start the hold again', () => {
  const later = PAID_AT + 60_000;
  assert.equal(paidHoldLeft(PAID_AT, later, later, 0), 0);
});

test('without paidAt (an older host) the hold counts from the state itself', () => {
  assert.equal(paidHoldLeft(null, PAID_AT, PAID_AT, 0), PAID_HOLD_MS);
  assert.ok(PAID_HOLD_MS >= 3_000 && PAID_HOLD_MS <= 10_000, 'a few seconds');
});
