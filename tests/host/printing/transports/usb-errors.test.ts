import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { accessDeniedError, libusbErrorName, mapUsbError, type UsbErrorContext } from '../../../../src/host/printing/transports/usb-errors.ts';
import { PrinterError } from '../../../../src/host/printing/types.ts';
import { hostMessageText } from '../../../../src/shared/messages/index.ts';

/** What `usb` 2.x hands over: an Error named by libusb_error_name() with the numeric code as errno. */
const libusb = (message: string, errno: number) => Object.assign(new Error(message), { errno });
const printer = 'USB 0416:5011';
const linuxWrite: UsbErrorContext = { printer, phase: 'write', platform: 'linux' };
const linuxOpen: UsbErrorContext = { printer, phase: 'open', platform: 'linux' };

test('every libusb error and transfer status maps to a code', () => {
  const table: Array<[string, number, string, UsbErrorContext?]> = [
    ['LIBUSB_ERROR_ACCESS', -3, 'access_denied'],
    ['LIBUSB_ERROR_NOT_FOUND', -5, 'not_found', linuxOpen],
    ['LIBUSB_ERROR_NO_DEVICE', -4, 'disconnected'],
    ['LIBUSB_TRANSFER_NO_DEVICE', 5, 'disconnected'],
    ['LIBUSB_ERROR_BUSY', -6, 'busy'],
    ['LIBUSB_ERROR_NOT_SUPPORTED', -12, 'driver'],
    ['LIBUSB_ERROR_TIMEOUT', -7, 'io'],
    ['LIBUSB_TRANSFER_TIMED_OUT', 2, 'io'],
    ['LIBUSB_ERROR_PIPE', -9, 'io'],
    ['LIBUSB_TRANSFER_STALL', 4, 'io'],
    ['LIBUSB_ERROR_IO', -1, 'io'],
    ['LIBUSB_TRANSFER_ERROR', 1, 'io'],
    ['LIBUSB_TRANSFER_CANCELLED', 3, 'io'],
    ['LIBUSB_TRANSFER_OVERFLOW', 6, 'io'],
    ['LIBUSB_ERROR_OVERFLOW', -8, 'io'],
    ['LIBUSB_ERROR_INTERRUPTED', -10, 'io'],
    ['LIBUSB_ERROR_NO_MEM', -11, 'io'],
    ['LIBUSB_ERROR_OTHER', -99, 'io'],
  ];
  for (const [name, errno, code, ctx] of table) {
    const byMessage = mapUsbError(libusb(name, errno), ctx ?? linuxWrite);
    assert.ok(byMessage instanceof PrinterError);
    assert.equal(byMessage.reason, code, name);
    assert.ok(byMessage.message.includes(printer), `${name}: the message names the printer`);
    assert.ok(hostMessageText(byMessage.text, 'km').includes(printer), `${name}: so does the Khmer one`);
    assert.doesNotMatch(JSON.stringify(byMessage.text), /LIBUSB/, `${name}: libusb's code is not in the message`);
    assert.equal(byMessage.detail, name, `${name}: it goes to the log`);
    // Only the number (e.g. an error re-created elsewhere) gives the same answer.
    const byErrno = mapUsbError(Object.assign(new Error('something'), { errno }), ctx ?? linuxWrite);
    assert.equal(byErrno.reason, code, `${name} by errno`);
  }
});

test('the errno table agrees with the constants of the installed usb package', () => {
  const loaded = createRequire(import.meta.url)('usb') as { usb: Record<string, unknown> };
  const usb = loaded.usb; // 2.x: the legacy API and its constants live under `usb`
  const names = Object.keys(usb).filter((key) => /^LIBUSB_(ERROR_|TRANSFER_(ERROR|TIMED_OUT|CANCELLED|STALL|NO_DEVICE|OVERFLOW)$)/.test(key));
  assert.ok(names.length >= 19, names.join());
  for (const name of names) {
    assert.equal(libusbErrorName({ errno: usb[name] }), name, name);
  }
});

test('the causes are spelled out in words a shop owner can act on', () => {
  const access = mapUsbError(libusb('LIBUSB_ERROR_ACCESS', -3), linuxOpen);
  assert.match(access.message, /^No permission to use the printer \(USB 0416:5011\): on Linux the udev rule is missing/);
  assert.match(access.message, /Install the \.deb.*resources\/linux\/60-khqr-pos-printer\.rules.*\/etc\/udev\/rules\.d.*udevadm control --reload-rules && sudo udevadm trigger.*replug/);
  assert.match(access.message, /sudo is not the fix/);
  const windowsAccess = mapUsbError(libusb('LIBUSB_ERROR_ACCESS', -3), { ...linuxOpen, platform: 'win32' });
  assert.match(windowsAccess.message, /WinUSB driver \(install it with Zadig\)/);
  assert.doesNotMatch(windowsAccess.message, /udev/);
  const elsewhere = accessDeniedError(printer, 'freebsd').message;
  assert.match(elsewhere, /udev rule.*WinUSB/, 'an unknown platform gets both explanations');

  assert.match(mapUsbError(libusb('LIBUSB_ERROR_NOT_SUPPORTED', -12), linuxOpen).message, /WinUSB driver.*Zadig.*spooler/);
  assert.match(mapUsbError(libusb('LIBUSB_ERROR_BUSY', -6), linuxOpen).message, /another program.*usblp/);
  assert.match(mapUsbError(libusb('LIBUSB_TRANSFER_TIMED_OUT', 2), linuxWrite).message, /out of paper.*cover open/);
  assert.match(mapUsbError(libusb('LIBUSB_TRANSFER_NO_DEVICE', 5), linuxWrite).message, /unplugged or switched off while printing/);
  assert.match(mapUsbError(libusb('LIBUSB_ERROR_NO_DEVICE', -4), linuxOpen).message, /disappeared while it was being opened/);
  const io = mapUsbError(libusb('LIBUSB_ERROR_IO', -1), linuxWrite);
  assert.match(io.message, /USB error talking to the printer \(USB 0416:5011\): check the cable/);
  assert.equal(io.detail, 'LIBUSB_ERROR_IO');
});

test('NOT_FOUND while opening on Windows means the WinUSB driver is missing', () => {
  const ctx: UsbErrorContext = { printer, phase: 'open', platform: 'win32' };
  assert.equal(mapUsbError(libusb('LIBUSB_ERROR_NOT_FOUND', -5), ctx).reason, 'driver');
  assert.equal(mapUsbError(libusb('LIBUSB_ERROR_NOT_FOUND', -5), { ...ctx, phase: 'write' }).reason, 'not_found');
  assert.equal(mapUsbError(libusb('LIBUSB_ERROR_NOT_FOUND', -5), linuxOpen).reason, 'not_found');
});

test('errors that are not from libusb are not mistaken for libusb codes', () => {
  // A Node system error has a negative errno too (-2 = ENOENT), but always a `code`.
  const system = Object.assign(new Error('ENOENT: no such file'), { errno: -2, code: 'ENOENT' });
  assert.equal(libusbErrorName(system), null);
  const mapped = mapUsbError(system, linuxWrite);
  assert.equal(mapped.reason, 'io');
  assert.match(mapped.message, /Problem with the printer \(USB 0416:5011\); the details are in the POS log/);
  assert.equal(mapped.detail, 'ENOENT: no such file', 'what was thrown goes to the log only');
  assert.equal(mapUsbError(new Error("Can't close device with a pending request"), linuxWrite).reason, 'io');
  assert.equal(mapUsbError('a string', linuxWrite).reason, 'io');
  assert.equal(mapUsbError(undefined, linuxWrite).reason, 'io');
  assert.equal(libusbErrorName(libusb('LIBUSB_ERROR_ACCESS', -3)), 'LIBUSB_ERROR_ACCESS');
  assert.equal(libusbErrorName({ errno: 77 }), null);
  const original = new PrinterError('not_found', 'printer.usbNotPlugged', { ids: '0416:5011' });
  assert.equal(mapUsbError(original, linuxOpen), original, 'PrinterErrors pass through unchanged');
});
