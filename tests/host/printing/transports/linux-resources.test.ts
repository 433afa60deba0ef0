/**
 * The Linux pieces that let USB printers work without root: the udev rule and the .deb scripts that
 * install it. The scripts are electron-builder templates, so they are rendered the way it renders
 * them, syntax-checked, and their printer part is run in a scratch root with a stand-in udevadm.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UDEV_RULE_FILE } from '../../../../src/host/printing/transports/usb-errors.ts';
import { tempDir } from '../../../support/temp.ts';

const resources = new URL('../../../../resources/linux/', import.meta.url).pathname;
const templates = new URL('../../../../node_modules/app-builder-lib/templates/linux/', import.meta.url).pathname;
const PRODUCT = 'KHQR Counter POS';

/** As app-builder-lib's FpmTarget writeConfigFile(): ${letters} must be a known macro, or packaging fails. */
function render(file: string): string {
  const macros: Record<string, string> = { executable: 'khqr-counter-pos', sanitizedProductName: PRODUCT, productFilename: PRODUCT };
  return readFileSync(join(resources, file), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_, name: string) => {
    if (!(name in macros)) throw new Error(`Macro ${name} is not defined (in ${file})`);
    return macros[name]!;
  });
}

function printerPart(script: string): string {
  const part = /# >>> khqr-pos udev rule\n([\s\S]*?)# <<< khqr-pos udev rule/.exec(script);
  assert.ok(part, 'the printer part is marked');
  return part[1]!;
}

/** A scratch root with the packaged app's resources and a udevadm that records its calls. */
function scratch(t: { after(fn: () => void): void }, udevadmStatus = 0) {
  const root = tempDir(t);
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'udevadm'), `#!/bin/sh\necho "$*" >> "${root}/udevadm.log"\nexit ${udevadmStatus}\n`);
  chmodSync(join(bin, 'udevadm'), 0o755);
  const run = (part: string, ...args: string[]) =>
    spawnSync('bash', ['-c', part, 'postinst', ...args], {
      encoding: 'utf8',
      env: { ...process.env, KHQR_POS_TEST_ROOT: root, PATH: `${bin}:${process.env.PATH}` },
    });
  const calls = () => (existsSync(join(root, 'udevadm.log')) ? readFileSync(join(root, 'udevadm.log'), 'utf8').trim().split('\n') : []);
  return { root, run, calls, installed: join(root, 'lib/udev/rules.d', UDEV_RULE_FILE) };
}

test('the udev rule grants printers (interface class 07) to the seat user, with a group fallback', () => {
  const rule = readFileSync(join(resources, UDEV_RULE_FILE), 'utf8');
  // uaccess is applied by 73-seat-late.rules: the rule must sort before it.
  assert.ok(Number(/^(\d+)-/.exec(UDEV_RULE_FILE)![1]) < 73);
  const lines = rule.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const key = /^[A-Z_]+(\{[^}]+\})?(==|!=|\+=|=)"[^"]*"$/;
  for (const line of lines) {
    for (const part of line.split(', ')) assert.match(part, key, `udev syntax: ${line}`);
  }
  const grants = lines.filter((line) => line.includes('TAG+="uaccess"'));
  assert.ok(grants.some((line) => line.startsWith('ENV{ID_USB_INTERFACES}=="*:0701*"')));
  assert.ok(grants.every((line) => line.includes('GROUP="lp"') && line.includes('MODE="0664"')));
  assert.ok(lines.includes('SUBSYSTEM!="usb", GOTO="khqr_pos_printer_end"'));
  assert.ok(lines.includes('ENV{DEVTYPE}!="usb_device", GOTO="khqr_pos_printer_end"'), 'the device node libusb opens');
  assert.ok(lines.includes('LABEL="khqr_pos_printer_end"'));

  // The glob against real ID_USB_INTERFACES values (":" + class subclass protocol + ":" per interface).
  const glob = new RegExp(`^${'*:0701*'.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  for (const printer of [':070102:', ':070101:', ':ff0000:070102:', ':070103:030101:']) assert.match(printer, glob);
  for (const other of [':030101:', ':080650:', ':020701:', ':ff0701:', ':0a0000:']) assert.doesNotMatch(other, glob);
});

test('the .deb scripts render as electron-builder templates, pass bash -n and keep its default steps', () => {
  for (const [file, template] of [['after-install.sh', 'after-install.tpl'], ['after-remove.sh', 'after-remove.tpl']] as const) {
    const rendered = render(file);
    const check = spawnSync('bash', ['-n'], { input: rendered, encoding: 'utf8' });
    assert.equal(check.status, 0, `${file}: ${check.stderr}`);
    assert.ok(statSync(join(resources, file)).mode & 0o100, `${file} is executable`);
    // Setting afterInstall/afterRemove replaces electron-builder's own script: its steps must all be here.
    const defaults = readFileSync(join(templates, template), 'utf8').split('\n').slice(1).join('\n').trim();
    assert.ok(readFileSync(join(resources, file), 'utf8').includes(defaults), `${file} contains ${template} verbatim`);
  }
});

test('after-install copies the rule from the app resources and reloads udev', (t) => {
  const { root, run, calls, installed } = scratch(t);
  const source = join(root, 'opt', PRODUCT, 'resources', 'linux');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, UDEV_RULE_FILE), readFileSync(join(resources, UDEV_RULE_FILE)));
  const result = run(printerPart(render('after-install.sh')));
  assert.equal(result.status, 0, result.stderr);
  assert.equal(readFileSync(installed, 'utf8'), readFileSync(join(resources, UDEV_RULE_FILE), 'utf8'));
  assert.equal(statSync(installed).mode & 0o777, 0o644);
  assert.deepEqual(calls(), ['control --reload-rules', 'trigger --subsystem-match=usb --action=change']);
});

test('after-install tolerates a system without a running udev, and a package without the rule', (t) => {
  const failing = scratch(t, 1);
  const source = join(failing.root, 'opt', PRODUCT, 'resources');
  mkdirSync(source, { recursive: true });
  writeFileSync(join(source, UDEV_RULE_FILE), 'rule');
  const script = `${printerPart(render('after-install.sh'))}\nexit 0`;
  const result = failing.run(script);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(failing.installed), 'the rule is in place for the next boot');
  assert.deepEqual(failing.calls(), ['control --reload-rules'], 'no trigger after a failed reload');

  const empty = scratch(t);
  const missing = empty.run(script);
  assert.equal(missing.status, 0);
  assert.match(missing.stderr, /rule not found.*README/);
  assert.equal(existsSync(empty.installed), false);
  // The whole script ends with exit 0, so dpkg never leaves the package half-configured over udev.
  assert.match(render('after-install.sh').trimEnd(), /\nexit 0$/);
});

test('after-remove deletes the rule on remove and purge, and keeps it on upgrade', (t) => {
  const part = printerPart(render('after-remove.sh'));
  for (const [action, kept] of [['upgrade', true], ['remove', false], ['purge', false]] as const) {
    const { run, installed } = scratch(t);
    mkdirSync(join(installed, '..'), { recursive: true });
    writeFileSync(installed, 'rule');
    const result = run(part, action);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(installed), kept, action);
  }
});

/** systemd's own rules parser, in a private mount namespace so nothing on this machine changes (root only). */
function udevParse(rulesDir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  const empty = join(rulesDir, '..', 'empty');
  mkdirSync(empty, { recursive: true });
  const shell = 'mount --bind "$1" /etc/udev/rules.d && mount --bind "$2" /usr/lib/udev/rules.d && mount -t tmpfs tmpfs /run && udevadm test --action=add /sys/class/net/lo 2>&1';
  const run = spawnSync('unshare', ['-m', 'sh', '-c', shell, 'sh', rulesDir, empty], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : null;
}

test('udev itself reads the rule without complaint', (t) => {
  const rules = join(tempDir(t), 'rules');
  mkdirSync(rules);
  writeFileSync(join(rules, UDEV_RULE_FILE), readFileSync(join(resources, UDEV_RULE_FILE)));
  writeFileSync(join(rules, '61-broken.rules'), 'SUBSYSTEM=="usb", BADKEY{x}=="1"\n'); // proves the parser is really checking
  const output = udevParse(rules);
  if (output === null) return t.skip('needs root, unshare and udevadm');
  assert.match(output, new RegExp(`Reading rules file: /etc/udev/rules.d/${UDEV_RULE_FILE}`));
  assert.match(output, /61-broken\.rules:1 Invalid key 'BADKEY'/);
  const complaints = output.split('\n').filter((line) => line.includes(UDEV_RULE_FILE) && !line.startsWith('Reading rules file'));
  assert.deepEqual(complaints, []);
});
