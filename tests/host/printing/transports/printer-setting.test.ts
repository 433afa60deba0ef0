import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatPrinterSetting,
  parsePrinterSetting,
  PrinterSettingError,
  usbIdsText,
} from '../../../../src/host/printing/transports/printer-setting.ts';
import { PosError } from '../../../../src/shared/errors.ts';
import { hostMessageText } from '../../../../src/shared/messages/index.ts';

test('valid printer settings parse to the typed union', () => {
  assert.deepEqual(parsePrinterSetting('none'), { kind: 'none' });
  assert.deepEqual(parsePrinterSetting('usb'), { kind: 'usb', device: null });
  assert.deepEqual(parsePrinterSetting('usb:0416:5011'), { kind: 'usb', device: { vid: 0x0416, pid: 0x5011 } });
  assert.deepEqual(parsePrinterSetting('usb:04B8:0E15'), { kind: 'usb', device: { vid: 0x04b8, pid: 0x0e15 } });
  assert.deepEqual(parsePrinterSetting('file:/var/lib/khqr-pos/prints', 'linux'), { kind: 'file', dir: '/var/lib/khqr-pos/prints' });
  assert.deepEqual(parsePrinterSetting('file:/tmp/prints/', 'linux'), { kind: 'file', dir: '/tmp/prints' });
  assert.deepEqual(parsePrinterSetting('file:/tmp//a/./b', 'linux'), { kind: 'file', dir: '/tmp/a/b' });
  assert.deepEqual(parsePrinterSetting('file:/media/pos/ស្តុក', 'linux'), { kind: 'file', dir: '/media/pos/ស្តុក' });
  assert.deepEqual(parsePrinterSetting('file:C:\\pos\\prints', 'win32'), { kind: 'file', dir: 'C:\\pos\\prints' });
  assert.deepEqual(parsePrinterSetting('file:C:/pos/prints', 'win32'), { kind: 'file', dir: 'C:\\pos\\prints' });
  assert.deepEqual(parsePrinterSetting('file:\\\\server\\share\\prints', 'win32'), { kind: 'file', dir: '\\\\server\\share\\prints' });
});

test('the canonical form is lowercase hex and round-trips', () => {
  assert.equal(formatPrinterSetting(parsePrinterSetting('usb:04B8:0E15')), 'usb:04b8:0e15');
  for (const value of ['none', 'usb', 'usb:0416:5011', 'usb:ffff:0001', 'file:/srv/prints']) {
    const once = formatPrinterSetting(parsePrinterSetting(value, 'linux'));
    assert.equal(once, value);
    assert.equal(formatPrinterSetting(parsePrinterSetting(once, 'linux')), once);
  }
  assert.equal(usbIdsText({ vid: 0x416, pid: 0x5011 }), '0416:5011');
  assert.equal(usbIdsText({ vid: 1, pid: 2 }), '0001:0002');
});

test('hostile and mistyped settings are refused with a message that says what is wrong', () => {
  const cases: Array<[unknown, RegExp, NodeJS.Platform?]> = [
    ['', /empty/],
    [' none', /spaces around/],
    ['usb\n', /control characters/],
    ['NONE', /lowercase/],
    ['USB:0416:5011', /lowercase/],
    ['File:/tmp/x', /lowercase/],
    ['usb:', /4 hex digits/],
    ['usb:416:5011', /4 hex digits/],
    ['usb:0x0416:0x5011', /no 0x/],
    ['usb:0416:5011:1', /4 hex digits/],
    ['usb:0416', /4 hex digits/],
    ['usb:04165011', /4 hex digits/],
    ['usb:gggg:0000', /4 hex digits/],
    ['usb:0416:5011 ', /spaces around/],
    ['usb:0000:1234', /not a USB vendor id/],
    ['usb:０４１６:５０１１', /4 hex digits/], // full-width digits
    ['usb;rm -rf /', /Unknown printer setting/],
    ['serial:/dev/ttyS0', /Unknown printer setting/],
    ['lpt1', /Unknown printer setting/],
    ['../../../../etc/passwd', /Unknown printer setting/],
    ['file:', /needs a folder/],
    ['file:relative/dir', /absolute path/],
    ['file:~/prints', /absolute path/],
    ['file: /tmp', /absolute path/],
    ['file:/var/pos/../../etc', /must not contain "\.\."/],
    ['file:/tmp/x\u0000y', /control characters/],
    ['file:/tmp/x\ny', /control characters/],
    ['file:/tmp/\u009bx', /control characters/],
    ['file:/', /not the top of the disk/],
    ['file:///', /not the top of the disk/],
    ['file:C:\\pos', /absolute path/, 'linux'],
    ['file:C:pos', /absolute path/, 'win32'],
    ['file:\\pos', /absolute path/, 'win32'],
    ['file:C:\\', /not the top of the disk/, 'win32'],
    ['file:C:\\pos\\..\\Windows', /must not contain/, 'win32'],
    [`file:/${'a'.repeat(2000)}`, /too long/],
    [null, /must be text/],
    [42, /must be text/],
    [{ kind: 'usb' }, /must be text/],
  ];
  for (const [value, message, platform] of cases) {
    assert.throws(() => parsePrinterSetting(value, platform ?? 'linux'), (error: unknown) => {
      assert.ok(error instanceof PrinterSettingError, `${JSON.stringify(value)} should give a PrinterSettingError`);
      assert.match(error.message, message, JSON.stringify(value));
      return true;
    });
  }
});

test('a refused setting is a catalog message in both languages that never repeats what was typed', () => {
  for (const value of ['usb;rm -rf /', '../../../../etc/passwd', 'PAYMENT RECEIVED hand over the goods', 'USB:0416:5011', 'file:relative/x']) {
    assert.throws(() => parsePrinterSetting(value, 'linux'), (error: unknown) => {
      assert.ok(error instanceof PrinterSettingError && error instanceof PosError);
      assert.equal(error.code, 'invalid_request');
      assert.match(error.text.code, /^printer\.setting/);
      for (const language of ['en', 'km'] as const) {
        const text = hostMessageText(error.text, language);
        assert.ok(!text.includes(value), `${language}: "${text}" repeats "${value}"`);
      }
      assert.match(hostMessageText(error.text, 'km'), /[\u1780-\u17ff]/);
      return true;
    });
  }
});

test('windows:<printer name> is accepted strictly (it becomes a PowerShell argument)', () => {
  for (const name of ['POS-80C', 'EPSON TM-T20III Receipt', 'ម៉ាស៊ីនបោះពុម្ព', '\\\\shop-pc\\receipts', 'x'.repeat(220), 'POS (copy 1)']) {
    assert.deepEqual(parsePrinterSetting(`windows:${name}`, 'win32'), { kind: 'windows', name });
    assert.equal(formatPrinterSetting(parsePrinterSetting(`windows:${name}`, 'linux')), `windows:${name}`);
  }
  const refused: Array<[string, RegExp]> = [
    ['windows:', /printer's name as Windows shows it/],
    ['windows: POS', /printer's name/],
    ['windows:POS "80"', /no quotes/],
    ["windows:Bob's printer", /no quotes/],
    ['windows:a,b', /commas/],
    ['windows:-Path C:\\x', /not starting with "-"/],
    ['windows:C:\\printer', /printer's name/],
    ['windows:\\\\server', /printer's name/],
    [`windows:${'x'.repeat(221)}`, /1 to 220 characters/],
    ['windows:POS\u0000', /control characters/],
    ['windows:POS\r\n-Path x', /control characters/],
    ['Windows:POS', /lowercase/],
  ];
  for (const [value, message] of refused) {
    assert.throws(() => parsePrinterSetting(value, 'win32'), (error: unknown) => {
      assert.ok(error instanceof PrinterSettingError, value);
      assert.match(error.message, message, value);
      return true;
    });
  }
});
