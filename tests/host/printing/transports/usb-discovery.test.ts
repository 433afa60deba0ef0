import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrinterError } from '../../../../src/host/printing/types.ts';
import type { FoundUsbPrinter, UsbBackend } from '../../../../src/host/printing/transports/usb-backend.ts';
import { listUsbPrinters } from '../../../../src/host/printing/transports/usb-discovery.ts';
import { englishText, hostMessageText } from '../../../../src/shared/messages/index.ts';

const libusb = (message: string, errno: number) => Object.assign(new Error(message), { errno });

function backend(list: () => Promise<{ printers: FoundUsbPrinter[]; errors: unknown[] }>): UsbBackend {
  return { open: () => Promise.reject(new Error('not used')), list };
}

test('attached printers are listed with ids, names and the setting to store', async () => {
  const usb = backend(async () => ({
    printers: [
      { ids: { vid: 0x0416, pid: 0x5011 }, name: 'Winbond POS58' },
      { ids: { vid: 0x04b8, pid: 0x0e15 }, name: null },
      { ids: { vid: 0x0416, pid: 0x5011 }, name: 'Winbond POS58' }, // a second printer of the same model
    ],
    errors: [],
  }));
  assert.deepEqual(await listUsbPrinters({ usb, platform: 'linux' }), {
    details: [],
    printers: [
      { vid: '0416', pid: '5011', name: 'Winbond POS58', setting: 'usb:0416:5011' },
      { vid: '04b8', pid: '0e15', name: null, setting: 'usb:04b8:0e15' },
    ],
    problem: null,
  });
});

test('printers that cannot be opened are still listed, without names, with the reason', async () => {
  const usb = backend(async () => ({
    printers: [{ ids: { vid: 0x0416, pid: 0x5011 }, name: null }, { ids: { vid: 0x0fe6, pid: 0x811e }, name: null }],
    errors: [libusb('LIBUSB_ERROR_TIMEOUT', -7), libusb('LIBUSB_ERROR_ACCESS', -3)],
  }));
  const linux = await listUsbPrinters({ usb, platform: 'linux' });
  assert.equal(linux.printers.length, 2);
  assert.ok(linux.printers.every((p) => p.name === null));
  assert.deepEqual(linux.problem, { code: 'printer.accessLinux', params: { printer: 'USB' } }, 'permission is the problem named first');
  assert.match(englishText(linux.problem!), /No permission.*udev rule.*60-khqr-pos-printer\.rules/);
  assert.match(hostMessageText(linux.problem!, 'km'), /គ្មានសិទ្ធិ.*udev/);
  assert.match(linux.details.join('\n'), /\[LIBUSB_ERROR_TIMEOUT\][\s\S]*\[LIBUSB_ERROR_ACCESS\]/, 'libusb codes go to the log');
  assert.doesNotMatch(JSON.stringify(linux.problem), /LIBUSB/);
  const windows = await listUsbPrinters({ usb, platform: 'win32' });
  assert.match(englishText(windows.problem!), /WinUSB.*Zadig/);

  // Names that could not be read for another reason: the list may lack something, libusb's code only in the details.
  const other = await listUsbPrinters({ usb: backend(async () => ({ printers: [], errors: [libusb('LIBUSB_ERROR_IO', -1)] })), platform: 'linux' });
  assert.deepEqual(other.problem, { code: 'printer.listIncomplete' });
  assert.doesNotMatch(JSON.stringify(other.problem), /LIBUSB/);
  assert.match(other.details.join(), /LIBUSB_ERROR_IO/);
});


test('the list never throws: a failing backend gives an empty list and the problem in words', async () => {
  const broken = backend(async () => {
    throw new PrinterError('driver', 'printer.usbLoad', undefined, { detail: 'no prebuilt binary' });
  });
  const failed = await listUsbPrinters({ usb: broken });
  assert.deepEqual([failed.printers, failed.problem], [[], { code: 'printer.usbLoad' }]);
  assert.match(failed.details.join(), /no prebuilt binary/);
  const weird = backend(() => Promise.reject('not even an Error'));
  const result = await listUsbPrinters({ usb: weird });
  assert.deepEqual(result.printers, []);
  assert.deepEqual(result.problem, { code: 'printer.failed', params: { printer: 'USB' } });
  assert.match(result.details.join(), /not even an Error/, 'what was thrown goes to the log, not the screen');
});
