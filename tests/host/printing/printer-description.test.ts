/**
 * What Settings says the receipts go to: a catalog message from the validated setting, so a Khmer
 * screen reads it in Khmer, and nothing a device reported (its USB name) is in it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describePrinterSetting } from '../../../src/host/printing/printer-description.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';

test('each kind of setting is described in both languages from the setting alone', () => {
  const cases: Array<[string, string, string]> = [
    ['none', 'printer.describeNone', 'No printer'],
    ['usb', 'printer.describeUsbOnly', 'The USB printer (only one may be attached)'],
    ['usb:0416:5011', 'printer.describeUsb', 'USB printer 0416:5011'],
    ['windows:POS-80C', 'printer.describeWindows', 'Windows printer "POS-80C"'],
    ['file:/var/pos/prints', 'printer.describeFile', 'Files in /var/pos/prints'],
    ['usb:nope', 'printer.describeInvalid', 'The printer setting is not valid'],
  ];
  for (const [setting, code, english] of cases) {
    const message = describePrinterSetting(setting, 'linux');
    assert.equal(message.code, code, setting);
    assert.equal(hostMessageText(message, 'en'), english, setting);
    assert.match(hostMessageText(message, 'km'), /[\u1780-\u17ff]/, setting);
    assert.doesNotMatch(hostMessageText(message, 'km'), /printer|USB printer/i, `${setting}: no English words on a Khmer screen`);
  }
});
