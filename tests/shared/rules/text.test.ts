/** The owner's short texts, one rule each (the Settings form and the host's settings both use these). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_RECEIPT_LINE_CHARS, charCount, isMerchantName, isReceiptLine } from '../../../src/shared/rules/text.ts';

test('characters are counted as code points, so Khmer names are measured as the KHQR limit counts them', () => {
  assert.equal(charCount('ហាងកាហ្វេ'), 9);
  assert.equal(charCount('😀'), 1);
});

test('a merchant name has 1 to 25 characters and no control characters', () => {
  assert.ok(isMerchantName('ហាងកាហ្វេ ភ្នំពេញ'));
  assert.ok(isMerchantName('x'.repeat(25)));
  for (const bad of ['', 'x'.repeat(26), 'a\u0007b', 'a\nb']) assert.equal(isMerchantName(bad), false, JSON.stringify(bad));
});

test('a receipt line has at most 48 characters and no control characters', () => {
  assert.ok(isReceiptLine(''));
  assert.ok(isReceiptLine('ក'.repeat(MAX_RECEIPT_LINE_CHARS)));
  assert.equal(isReceiptLine('x'.repeat(MAX_RECEIPT_LINE_CHARS + 1)), false);
  assert.equal(isReceiptLine('Tel\u001b012'), false);
});
