import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPatch, parseAccountLines, toDraft } from '../../../src/renderer/cashier/settings-form.ts';
import type { LoadedSettings } from '../../../src/renderer/cashier/settings-form.ts';

const loaded: LoadedSettings = {
  merchantName: 'Sokha Cafe',
  bakongId: 'sokha@aclb',
  apiBaseUrl: '',
  khrPerUsd: 4000,
  language: 'en',
  allowedAccounts: ['relay@bank'],
  graceMinutes: 30,
  lockedByEnv: ['apiBaseUrl'],
};

describe('settings form', () => {
  it('sends backupsKept as a whole number when changed, refuses anything else, and skips it for an older host', () => {
    const withBackups: LoadedSettings = { ...loaded, backupsKept: 14 };
    assert.equal(toDraft(withBackups).backupsKept, '14');
    assert.deepEqual(buildPatch(withBackups, { ...toDraft(withBackups), backupsKept: ' 30 ' }), { ok: true, patch: { backupsKept: 30 } });
    assert.deepEqual(buildPatch(withBackups, { ...toDraft(withBackups), backupsKept: '1.5' }), { ok: false, invalid: 'backupsKept' });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), backupsKept: '30' }), { ok: true, patch: {} });
  });

  it('sends the drawer settings that changed (pin as 2, 5 or both; pulse times as numbers), refuses unsafe pulse times, skips them for an older host', () => {
    const withDrawer: LoadedSettings = { ...loaded, drawerEnabled: false, drawerPin: 2, drawerPulseOnMs: 100, drawerPulseOffMs: 500 };
    const draft = toDraft(withDrawer);
    assert.deepEqual([draft.drawerEnabled, draft.drawerPin, draft.drawerPulseOnMs, draft.drawerPulseOffMs], [false, '2', '100', '500']);
    assert.deepEqual(buildPatch(withDrawer, draft), { ok: true, patch: {} });
    assert.deepEqual(buildPatch(withDrawer, { ...draft, drawerEnabled: true, drawerPin: 'both', drawerPulseOnMs: ' 150 ' }),
      { ok: true, patch: { drawerEnabled: true, drawerPin: 'both', drawerPulseOnMs: 150 } });
    assert.deepEqual(buildPatch(withDrawer, { ...draft, drawerPin: '5' }), { ok: true, patch: { drawerPin: 5 } });
    for (const drawerPulseOnMs of ['101', '300', '48', '', '1e2']) {
      assert.deepEqual(buildPatch(withDrawer, { ...draft, drawerPulseOnMs }), { ok: false, invalid: 'drawerPulseOnMs' }, drawerPulseOnMs);
    }
    assert.deepEqual(buildPatch(withDrawer, { ...draft, drawerPulseOffMs: '80' }), { ok: false, invalid: 'drawerPulseOffMs' }, 'shorter than the pulse');
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), drawerEnabled: true }), { ok: true, patch: {} });
  });

  it('sends nothing when nothing changed', () => {
    assert.deepEqual(buildPatch(loaded, toDraft(loaded)), { ok: true, patch: {} });
  });

  it('sends only the changed fields, as numbers and lists', () => {
    const draft = {
      ...toDraft(loaded),
      merchantName: 'Sokha Coffee',
      khrPerUsd: ' 4100 ',
      allowedAccounts: 'relay@bank\n\n  other@bank ',
      graceMinutes: '45',
      language: 'km' as const,
    };
    assert.deepEqual(buildPatch(loaded, draft), {
      ok: true,
      patch: {
        merchantName: 'Sokha Coffee',
        khrPerUsd: 4100,
        language: 'km',
        allowedAccounts: ['relay@bank', 'other@bank'],
        graceMinutes: 45,
      },
    });
  });

  it('never sends a field fixed by the environment', () => {
    const result = buildPatch(loaded, { ...toDraft(loaded), apiBaseUrl: 'https://x.example' });
    assert.deepEqual(result, { ok: true, patch: {} });
  });

  it('refuses a rate or grace period that is not a whole number', () => {
    for (const khrPerUsd of ['4000.5', '-1', '4,000', 'abc', '']) {
      assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), khrPerUsd }), { ok: false, invalid: 'khrPerUsd' }, khrPerUsd);
    }
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), graceMinutes: '1.5' }), { ok: false, invalid: 'graceMinutes' });
  });

  it('refuses an account ID the host would refuse, by the same shared rule', () => {
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), bakongId: 'sokha at aclb' }), { ok: false, invalid: 'bakongId' });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), bakongId: `${'s'.repeat(28)}@aclb` }), { ok: false, invalid: 'bakongId' });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), allowedAccounts: 'relay@bank\nសួស្តី@bank' }), { ok: false, invalid: 'allowedAccounts' });
    // Clearing the Bakong ID (back to training) is allowed.
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), bakongId: '' }), { ok: true, patch: { bakongId: '' } });
  });

  it('can clear the extra accounts, and copes with a host that lacks the newer fields', () => {
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), allowedAccounts: '  ' }), {
      ok: true,
      patch: { allowedAccounts: [] },
    });
    const { allowedAccounts: _a, graceMinutes: _g, ...older } = loaded;
    const draft = toDraft(older);
    assert.equal(draft.allowedAccounts, '');
    assert.deepEqual(buildPatch(older, { ...draft, allowedAccounts: 'x@y', graceMinutes: '9' }), { ok: true, patch: {} });
  });

  it('splits accounts on lines and commas', () => {
    assert.deepEqual(parseAccountLines(' a@b ,c@d\n\ne@f\r\n'), ['a@b', 'c@d', 'e@f']);
  });
});
