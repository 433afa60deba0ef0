import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApiBaseUrl } from '../../../src/host/config/api-url.ts';
import { ConfigError } from '../../../src/host/config/config-error.ts';
import { readEnv } from '../../../src/host/config/env.ts';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../src/host/config/settings.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { PosError } from '../../../src/shared/errors.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
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
  assert.throws(() => readEnv({ POS_BAKONG_API_URL: 'http://bakongapi-dev.shop' }), /POS_BAKONG_API_URL is not valid: .*https/);
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

test('bad settings are refused in catalog words that name the field and what it allows, and change nothing', (t) => {
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const store = new SettingsStore(db, {});
  const cases: Array<[unknown, string, RegExp]> = [
    [{ merchantName: '' }, 'settings.merchantName', /^Merchant name: 1 to 25 characters/],
    [{ merchantName: 'x'.repeat(26) }, 'settings.merchantName', /1 to 25/],
    [{ merchantName: 'a\u0007b' }, 'settings.merchantName', /control characters/],
    [{ bakongId: 'no-at-sign' }, 'settings.bakongId', /^Bakong account ID: written name@bank.*at most 32 characters/],
    [{ bakongId: 'shop @aclb' }, 'settings.bakongId', /name@bank/],
    [{ allowedAccounts: ['relay@aclb', 'not an id'] }, 'settings.allowedAccounts', /^Other accounts a QR may pay: at most 10/],
    [{ allowedAccounts: Array.from({ length: 11 }, (_, i) => `a${i}@b`) }, 'settings.allowedAccounts', /at most 10/],
    [{ khrPerUsd: 4000.5 }, 'settings.khrPerUsd', /^KHR per USD: a whole number of riel from 1000 to 10000/],
    [{ khrPerUsd: '4000' }, 'settings.khrPerUsd', /whole number/],
    [{ graceMinutes: 0 }, 'settings.graceMinutes', /^Late-payment watch: a whole number of minutes from 1 to 60/],
    [{ apiBaseUrl: 'http://shop.invalid' }, 'settings.apiUrlNotHttps', /^API base URL: must start with https/],
    [{ apiBaseUrl: 'not a url' }, 'settings.apiUrlNotUrl', /^API base URL: not a web address/],
    [{ paperWidth: 57 }, 'settings.paperWidth', /^Paper width: 58 or 80/],
    [{ receiptFooter: ['x'.repeat(49)] }, 'settings.receiptLines', /at most 6 lines each, each at most 48 characters/],
    [{ language: 'fr' }, 'settings.language', /^Language: English or Khmer/],
    [{ colour: '<b>red</b>' }, 'settings.unknownSetting', /not a setting of this POS/],
    [[], 'settings.notObject', /cannot read/],
    [{ merchantName: 'OK', khrPerUsd: 1 }, 'settings.khrPerUsd', /from 1000 to 10000/],
    [{ drawerEnabled: 'yes' }, 'settings.drawerEnabled', /^Cash drawer: on or off/],
    [{ drawerPin: 3 }, 'settings.drawerPin', /^Cash drawer pin: 2, 5 or both/],
    [{ drawerPin: '2' }, 'settings.drawerPin', /2, 5 or both/],
    [{ drawerPulseOnMs: 48 }, 'settings.drawerPulseOn', /^Cash drawer pulse: an even whole number of milliseconds from 50 to 250/],
    [{ drawerPulseOnMs: 101 }, 'settings.drawerPulseOn', /even/],
    [{ drawerPulseOnMs: 300 }, 'settings.drawerPulseOn', /50 to 250/],
    [{ drawerPulseOffMs: 512 }, 'settings.drawerPulseOff', /from 50 to 510/],
    [{ drawerPulseOnMs: 250, drawerPulseOffMs: 200 }, 'settings.drawerPulseOrder', /cannot be shorter than the pulse/],
    [{ drawerPulseOffMs: 60 }, 'settings.drawerPulseOrder', /cannot be shorter than the pulse/],
  ];
  for (const [input, code, english] of cases) {
    assert.throws(() => store.save(input), (error: unknown) => {
      assert.ok(error instanceof ConfigError && error instanceof PosError, JSON.stringify(input));
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.text.code, code, JSON.stringify(input));
      assert.match(error.message, english);
      // The Khmer text is filled in too (no {placeholder} left), and nothing typed is repeated back.
      const khmer = hostMessageText(error.text, 'km');
      assert.doesNotMatch(khmer, /\{[a-z]+\}/i);
      assert.doesNotMatch(`${error.message} ${khmer}`, /not an id|no-at-sign|<b>|fr\b|shop\.invalid/);
      return true;
    });
  }
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
