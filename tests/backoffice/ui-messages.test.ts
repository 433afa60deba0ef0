/** The back office UI's words: every message in English and Khmer, with the same placeholders in both. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UI_MESSAGES, uiText } from '../../src/backoffice/ui/messages.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]!).sort();
const KHMER = /[\u1780-\u17FF]/;

test('every UI message has English and Khmer text with the same placeholders; the Khmer is Khmer', () => {
  for (const [code, { en, km }] of Object.entries(UI_MESSAGES)) {
    assert.ok(en.trim() && km.trim(), code);
    assert.deepEqual(placeholders(km), placeholders(en), code);
    // Names (KHQR) and the language switch's other-language label are the only messages without Khmer script in km.
    if (code !== 'tender.khqr' && code !== 'nav.language') assert.match(km, KHMER, code);
  }
});

test('placeholders are filled in either language', () => {
  assert.equal(uiText('en', 'today.title', { date: '2026-12-01' }), 'Takings on 2026-12-01');
  assert.equal(uiText('km', 'today.title', { date: '2026-12-01' }), 'ចំណូលថ្ងៃ 2026-12-01');
});
