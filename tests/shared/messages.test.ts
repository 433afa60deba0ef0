/** The host's message catalog: every message in both languages, with the same placeholders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOST_MESSAGES, fillPlaceholders, hostMessageText } from '../../src/shared/messages/index.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1] ?? '').sort();

test('every host message has English and Khmer text with the same placeholders', () => {
  for (const [code, entry] of Object.entries(HOST_MESSAGES) as Array<[string, { en: string; km: string }]>) {
    assert.match(code, /^[a-z]+\.[a-zA-Z0-9_.]+$/, `${code}: codes are <area>.<what>`);
    assert.ok(entry.en.trim().length > 0, `${code}: English text`);
    assert.ok(entry.km.trim().length > 0, `${code}: Khmer text`);
    assert.match(entry.km, /[\u1780-\u17ff]/, `${code}: the Khmer text is written in Khmer`);
    assert.deepEqual(placeholders(entry.km), placeholders(entry.en), `${code}: same placeholders`);
  }
});

test('placeholders are filled from params, unknown ones left visible', () => {
  assert.equal(fillPlaceholders('HTTP {status} ({code})', { status: 502 }), 'HTTP 502 ({code})');
});

test('an unknown code (a newer host) shows the code rather than nothing', () => {
  assert.equal(hostMessageText({ code: 'future.thing' as never }, 'km'), 'future.thing');
});
