import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseApiBaseUrl } from '../../../src/host/config/api-url.ts';
import { readEnv } from '../../../src/host/config/env.ts';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../src/host/config/settings.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { tempDir } from '../../support/temp.ts';

test('API URLs must be https, except to this machine', () => {
  assert.equal(parseApiBaseUrl('https://bakongapi-dev.shop/'), 'https://bakongapi-dev.shop');
  assert.equal(parseApiBaseUrl('http://127.0.0.1:8790'), 'http://127.0.0.1:8790');
  assert.equal(parseApiBaseUrl('http://localhost:8790'), 'http://localhost:8790');
  assert.equal(parseApiBaseUrl('http://[::1]:8790'), 'http://[::1]:8790');
  for (const bad of ['http://bakongapi-dev.shop', 'http://127.0.0.1.evil.com', 'ftp://x', 'https://u:p@x.com', 'https://x.com/?a=1', 'not a url']) {
    assert.throws(() => parseApiBaseUrl(bad), ConfigError, bad);
  }
});

test('environment overrides are read strictly', () => {
  const env = readEnv({ POS_DATA_DIR: '/tmp/x', POS_BAKONG_API_URL: 'http://127.0.0.1:1', POS_BAKONG_ID: 'a@b', POS_MERCHANT_NAME: 'Shop' });
  assert.equal(env.dataDir, '/tmp/x');
  assert.deepEqual(env.overrides, { apiBaseUrl: 'http://127.0.0.1:1', bakongId: 'a@b', merchantName: 'Shop' });
  assert.throws(() => readEnv({ POS_BAKONG_API_URL: 'http://bakongapi-dev.shop' }), /POS_BAKONG_API_URL: .*https/);
});

test('settings persist in the ledger and survive a restart', (t) => {
  const dir = tempDir(t);
  const db = openLedger(dir);
  const store = new SettingsStore(db, {});
  assert.deepEqual(store.current(), DEFAULT_SETTINGS);
  store.save({ merchantName: 'ហាងកាហ្វេ', bakongId: 'cafe@aclb', khrPerUsd: 4100, language: 'km', allowedAccounts: ['relay@aclb'] });
  db.close();
  const reopened = openLedger(dir);
  t.after(() => reopened.close());
  const again = new SettingsStore(reopened, {}).current();
  assert.equal(again.merchantName, 'ហាងកាហ្វេ');
  assert.equal(again.bakongId, 'cafe@aclb');
  assert.equal(again.khrPerUsd, 4100);
  assert.equal(again.language, 'km');
  assert.deepEqual(again.allowedAccounts, ['relay@aclb']);
});

test('bad settings are refused with a reason and change nothing', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const store = new SettingsStore(db, {});
  const cases: Array<[unknown, RegExp]> = [
    [{ merchantName: '' }, /1 to 25/],
    [{ merchantName: 'x'.repeat(26) }, /1 to 25/],
    [{ bakongId: 'no-at-sign' }, /name@bank/],
    [{ khrPerUsd: 4000.5 }, /whole number/],
    [{ khrPerUsd: '4000' }, /whole number/],
    [{ apiBaseUrl: 'http://example.com' }, /https/],
    [{ language: 'fr' }, /Language/],
    [{ colour: 'red' }, /Unknown setting/],
    [{ merchantName: 'OK', khrPerUsd: 1 }, /between/],
  ];
  for (const [input, message] of cases) assert.throws(() => store.save(input), message, JSON.stringify(input));
  assert.deepEqual(store.current(), DEFAULT_SETTINGS);
});

test('settings fixed by the environment win, are reported locked, and cannot be changed', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const store = new SettingsStore(db, { bakongId: 'env@aclb' });
  assert.equal(store.current().bakongId, 'env@aclb');
  assert.deepEqual(store.view().lockedByEnv, ['bakongId']);
  assert.throws(() => store.save({ bakongId: 'other@aclb' }), /Set by the environment/);
  // A form sending the locked value back unchanged is fine.
  assert.equal(store.save({ bakongId: 'env@aclb', merchantName: 'Shop' }).merchantName, 'Shop');
});
