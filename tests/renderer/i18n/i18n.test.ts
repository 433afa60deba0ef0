import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../../src/renderer/i18n/en.ts';
import { km } from '../../../src/renderer/i18n/km.ts';
import { describeError, fill, placeholders, translate } from '../../../src/renderer/i18n/index.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import type { MessageKey } from '../../../src/renderer/i18n/index.ts';

const keys = Object.keys(en) as MessageKey[];

describe('i18n completeness', () => {
  it('every English key has a non-empty Khmer string', () => {
    for (const key of keys) {
      const value = (km as Record<string, unknown>)[key];
      assert.equal(typeof value, 'string', `km is missing ${key}`);
      assert.ok((value as string).trim().length > 0, `km ${key} is empty`);
      assert.ok(en[key].trim().length > 0, `en ${key} is empty`);
    }
  });

  it('Khmer has no keys English lacks', () => {
    for (const key of Object.keys(km)) assert.ok(Object.hasOwn(en, key), `unknown km key ${key}`);
  });

  it('both languages use the same placeholders', () => {
    for (const key of keys) assert.deepEqual(placeholders(km[key]), placeholders(en[key]), key);
  });

  it('Khmer strings are actually Khmer where they are not codes or numbers', () => {
    const khmer = /[\u1780-\u17FF]/;
    const exempt = new Set<MessageKey>(['sell.rate']);
    for (const key of keys) {
      if (!exempt.has(key)) assert.match(km[key], khmer, `${key} has no Khmer text`);
    }
  });

  it('the words tests and people look for are exact in English', () => {
    assert.equal(en['keypad.backspace'], 'Backspace');
    assert.equal(en['keypad.clear'], 'Clear');
    assert.equal(en['keypad.charge'], 'Charge');
    assert.equal(en['payment.paid'], 'Paid');
    assert.equal(en['display.paid'], 'Paid');
    assert.equal(en['app.training'], 'TRAINING');
    assert.equal(en['confirm.yes'], 'Cancel payment');
    assert.equal(en['confirm.no'], 'Keep waiting');
    assert.match(translate('en', 'display.qrAlt', { amount: '$10.50', name: 'My Shop' }), /KHQR/);
    assert.match(translate('km', 'display.qrAlt', { amount: '$10.50', name: 'My Shop' }), /KHQR/);
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    assert.equal(translate('en', 'payment.sale', { id: 12 }), 'Sale #12');
    assert.equal(translate('km', 'payment.sale', { id: 12 }), 'ការលក់ #12');
    assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
  });

  it('translates error codes and shows the host message in the same language as detail', () => {
    const text = { code: 'payment.qr.amount' as const, params: { asked: '$10.49', expected: '$10.50' } };
    const e = describeError('km', { code: 'verification_failed', text, message: 'The QR … asks for $10.49, not $10.50' });
    assert.equal(e.headline, km['error.verification_failed']);
    assert.equal(e.detail, hostMessageText(text, 'km'));
    assert.match(e.detail!, /\$10\.49/);
    assert.match(e.detail!, /[\u1780-\u17ff]/);
  });

  it('falls back to the English message for a message code this screen does not know', () => {
    const e = describeError('en', { code: 'brand_new' as never, text: { code: 'future.thing' as never }, message: 'Printer is out of paper' });
    assert.deepEqual(e, { headline: 'Printer is out of paper', detail: null });
  });
});
