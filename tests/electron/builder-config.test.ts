// electron-builder.yml, checked offline: valid against electron-builder's own schema (so a typo
// fails here, not on the packaging machine), and the choices that matter for this app are there.
// electron-builder itself cannot run here (it downloads the Electron zip).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
// electron-builder's own YAML reader and validator (deep imports: neither is a public API).
const builderRequire = createRequire(require.resolve('app-builder-lib'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = builderRequire('./util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-builder.yml is read as untyped YAML
type Config = Record<string, any>;
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string; main: string };

test('electron-builder.yml is valid against electron-builder\'s schema', async () => {
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
});

test('it packages only the build output, without rebuilding native modules', () => {
  assert.equal(config.productName, 'KHQR Counter POS');
  assert.equal(config.productName, pkg.productName);
  assert.ok(config.appId);
  assert.deepEqual(config.files, ['out/**', 'package.json']);
  assert.equal(pkg.main, 'out/main/index.js');
  assert.equal(config.npmRebuild, false);
  assert.ok((config.asarUnpack as string[]).some((p) => p.includes('better-sqlite3') && p.endsWith('.node')));
  // The receipt fonts are loaded from disk at run time (createHost's resourcesDir), so they must ship.
  assert.deepEqual(config.extraResources, [{ from: 'resources/fonts', to: 'fonts' }, { from: 'resources/linux', to: 'linux' }]);
});

test('the .deb installs the printer udev rule through scripts that exist', () => {
  assert.equal(config.deb.afterInstall, 'resources/linux/after-install.sh');
  assert.equal(config.deb.afterRemove, 'resources/linux/after-remove.sh');
  for (const script of [config.deb.afterInstall, config.deb.afterRemove]) {
    assert.ok(existsSync(join(ROOT, script)), `${script} is missing`);
  }
  assert.ok(existsSync(join(ROOT, 'resources/linux/60-khqr-pos-printer.rules')));
});

test('fuses switch off run-as-node, NODE_OPTIONS and the inspector; targets deb, AppImage, nsis, dmg', () => {
  assert.equal(config.electronFuses.runAsNode, false);
  assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
  assert.equal(config.electronFuses.enableNodeCliInspectArguments, false);
  assert.equal(config.electronFuses.grantFileProtocolExtraPrivileges, false);
  assert.deepEqual(config.linux.target, ['deb', 'AppImage']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
});
