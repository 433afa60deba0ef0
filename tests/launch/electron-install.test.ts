/**
 * The one line `npm start` prints when Electron's installer fails, from the installer's real error
 * texts (the whole download path runs end to end in start.test.ts; these are the cases a loopback
 * mirror cannot produce).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ELECTRON_MIRROR, electronMirror, explainInstallFailure } from '../../src/launch/electron-install.ts';

const stack = (first: string): string => `${first}\n    at downloadArtifact (file:///x/node_modules/@electron/get/dist/index.js:1:1)\n`;
const explain = (stderr: string, probe: (url: string) => Promise<string | null> = async () => null) =>
  explainInstallFailure(stderr, DEFAULT_ELECTRON_MIRROR, '/shop/node_modules/electron', probe);

test('a network failure is told apart by probing the mirror once', async () => {
  const probed: string[] = [];
  const reason = await explain(stack('TypeError: fetch failed'), async (url) => {
    probed.push(url);
    return 'offline: cannot look up github.com (no internet, or no DNS)';
  });
  assert.equal(reason, 'offline: cannot look up github.com (no internet, or no DNS)');
  assert.deepEqual(probed, [DEFAULT_ELECTRON_MIRROR]);
  assert.equal(await explain(stack('TypeError: terminated')), 'the download from github.com broke off (the connection dropped; try again)');
});

test('disk, permission and platform failures are named; anything else keeps its first error line', async () => {
  assert.equal(await explain(stack("Error: ENOSPC: no space left on device, write")), 'the disk is full');
  assert.equal(await explain(stack("Error: EACCES: permission denied, mkdir '/shop/node_modules/electron/dist'")),
    'no permission to write in /shop/node_modules/electron or the download cache');
  assert.match(await explain(stack('Error: Electron builds are not available on platform: aix')), /^Electron publishes no build for this system/);
  assert.equal(await explain(stack('RangeError: something new')), 'the installer failed: RangeError: something new');
  assert.equal(await explain(''), 'the installer failed without saying why');
});

test('the mirror is looked up where @electron/get looks: npm config first, then ELECTRON_MIRROR', () => {
  assert.equal(electronMirror({}), DEFAULT_ELECTRON_MIRROR);
  assert.equal(electronMirror({ ELECTRON_MIRROR: 'https://m.example/' }), 'https://m.example/');
  assert.equal(electronMirror({ ELECTRON_MIRROR: 'https://m.example/', npm_config_electron_mirror: 'https://npmrc.example/' }), 'https://npmrc.example/');
});
