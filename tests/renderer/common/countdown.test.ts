import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clockOffset,
  countdownText,
  formatCountdown,
  remainingMs,
} from '../../../src/renderer/common/countdown.ts';
import { readRootTags, receiverName } from '../../../src/renderer/common/khqr-fields.ts';

describe('countdown formatting', () => {
  it('formats mm:ss, rounding up to whole seconds', () => {
    assert.equal(formatCountdown(15 * 60_000), '15:00');
    assert.equal(formatCountdown(14 * 60_000 + 59_001), '15:00');
    assert.equal(formatCountdown(59_000), '00:59');
    assert.equal(formatCountdown(1), '00:01');
    assert.equal(formatCountdown(0), '00:00');
    assert.equal(formatCountdown(-5000), '00:00');
    assert.equal(formatCountdown(75 * 60_000), '75:00');
  });
});

describe('clock skew', () => {
  const expiresAt = 1_700_000_600_000; // host clock
  const serverTime = 1_700_000_000_000; // host clock when the state was made: 10 minutes left

  it('uses the host clock when the screen clock is behind', () => {
    const localAtReceipt = serverTime - 90_000; // screen is 90 s slow
    const offset = clockOffset(serverTime, localAtReceipt);
    assert.equal(offset, 90_000);
    assert.equal(remainingMs(expiresAt, localAtReceipt, offset), 600_000);
    assert.equal(countdownText(expiresAt, localAtReceipt + 30_000, offset), '09:30');
  });

  it('uses the host clock when the screen clock is ahead', () => {
    const localAtReceipt = serverTime + 5 * 60_000; // screen is 5 min fast
    const offset = clockOffset(serverTime, localAtReceipt);
    assert.equal(countdownText(expiresAt, localAtReceipt, offset), '10:00');
    assert.equal(countdownText(expiresAt, localAtReceipt + 599_500, offset), '00:01');
    assert.equal(countdownText(expiresAt, localAtReceipt + 600_000, offset), '00:00');
    assert.equal(remainingMs(expiresAt, localAtReceipt + 700_000, offset), 0);
  });

  it('without the correction a fast screen would show the wrong time', () => {
    const localAtReceipt = serverTime + 5 * 60_000;
    assert.equal(countdownText(expiresAt, localAtReceipt, 0), '05:00');
  });
});

describe('KHQR fields for the card', () => {
  it('reads the receiver name from tag 59, counting code points', () => {
    const payload = '000201010212' + '5909Coffee KH' + '6010Phnom Penh' + '6304ABCD';
    assert.equal(receiverName(payload), 'Coffee KH');
    const khmer = '០១២៣';
    const tags = readRootTags(`5904${khmer}6002PP`);
    assert.equal(tags.get('59'), khmer);
    assert.equal(tags.get('60'), 'PP');
  });

  it('returns null when there is nothing to read', () => {
    assert.equal(receiverName(null), null);
    assert.equal(receiverName('000201'), null);
    assert.equal(receiverName('garbage'), null);
  });
});
