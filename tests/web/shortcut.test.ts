/** The cashier shortcut file: opens the keyed address, readable by this user only, replaced at each start. */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SHORTCUT_NAME, shortcutHtml, writeCashierShortcut } from '../../src/web/shortcut.ts';
import { tempDir } from '../support/temp.ts';

const URL_WITH_KEY = 'http://127.0.0.1:8780/cashier/#key=abcDEF_123-xyz';

test('the shortcut redirects to the keyed cashier address and links to it', () => {
  const html = shortcutHtml(URL_WITH_KEY);
  assert.match(html, /<meta http-equiv="refresh" content="0; url=http:\/\/127\.0\.0\.1:8780\/cashier\/#key=abcDEF_123-xyz">/);
  assert.match(html, /<a href="http:\/\/127\.0\.0\.1:8780\/cashier\/#key=abcDEF_123-xyz">/);
  assert.doesNotMatch(shortcutHtml('http://127.0.0.1/"><script>'), /<script>/, 'escaped');
});

test('it is written 0600 in the data directory, also over an older file that was readable by others', { skip: process.platform === 'win32' }, (t) => {
  const dir = tempDir(t);
  const file = join(dir, SHORTCUT_NAME);
  writeFileSync(file, 'old', { mode: 0o644 });
  writeFileSync(`${file}.tmp`, 'crashed half-way', { mode: 0o644 });
  assert.equal(writeCashierShortcut(dir, URL_WITH_KEY), file);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(file, 'utf8'), shortcutHtml(URL_WITH_KEY));
});
