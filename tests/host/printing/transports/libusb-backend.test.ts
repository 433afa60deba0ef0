/**
 * The real libusb backend: how it loads the installed `usb` package (2.x) and, against a fake `usb`
 * module shaped like the package's legacy API, what it claims and sends.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type * as UsbPackage from 'usb';
import { createTransport } from '../../../../src/host/printing/transports/create-transport.ts';
import { createLibusbBackend, usbBindings, type UsbModule, type UsbOutEndpoint } from '../../../../src/host/printing/transports/libusb-backend.ts';
import { listUsbPrinters } from '../../../../src/host/printing/transports/usb-discovery.ts';
import { PrinterError } from '../../../../src/host/printing/types.ts';
import { FakeUsbModule, type FakeDevice } from './fake-usb-module.ts';
import { failure } from './printer-failure.ts';

// Compile-time: the installed package's own typings fit the small types the backend is written against.
type Fits<T extends UsbModule> = T;
type FitsOut<T extends UsbOutEndpoint> = T;
export type InstalledUsbFits = [Fits<typeof UsbPackage.usb>, FitsOut<UsbPackage.OutEndpoint>];

test('the installed usb package (2.x) loads as the legacy API with the constants the backend uses', () => {
  const loaded = createRequire(import.meta.url)('usb') as { usb: UsbModule } & Partial<UsbModule>;
  assert.equal(typeof loaded.getDeviceList, 'function', 'the 2.x top level has getDeviceList…');
  assert.equal(loaded.LIBUSB_TRANSFER_TYPE_BULK, undefined, '…but not the constants: using it directly would find no bulk endpoint');
  const usb = usbBindings(loaded);
  assert.equal(usb, loaded.usb);
  assert.equal(usb.LIBUSB_TRANSFER_TYPE_BULK, 2);
  assert.equal(typeof (usb as unknown as { on: unknown }).on, 'function', 'hotplug events (attach/detach) are there');
  assert.equal(usb.INIT_ERROR, 0);
});

test('a usb module of another shape (3.x is WebUSB only) is refused in words', () => {
  for (const shape of [{}, { getDeviceList: () => [] }, { usb: { webusb: {} } }, null]) {
    assert.throws(() => usbBindings(shape), (error: unknown) => error instanceof PrinterError && error.reason === 'driver' && /usb package 2\.x/.test(error.message));
  }
  const legacy = { getDeviceList: () => [], LIBUSB_TRANSFER_TYPE_BULK: 2, INIT_ERROR: 0 };
  assert.equal(usbBindings(legacy), legacy, '1.x exported the API directly');
});

const RECEIPT_PRINTER = { vid: 0x0416, pid: 0x5011, manufacturer: 'Winbond', product: 'POS58 Printer' };
const OFFICE_PRINTER = { vid: 0x04b8, pid: 0x0202, manufacturer: 'EPSON', product: 'L3150 Series', kind: 'composite' as const };
const KEYBOARD = { vid: 0x046d, pid: 0xc31c, product: 'Keyboard', kind: 'other' as const };

function usbTransport(setting: string, fake: FakeUsbModule) {
  return createTransport(setting, { usb: createLibusbBackend('linux', () => fake), platform: 'linux', usbOptions: { chunkSize: 64, transferTimeoutMs: 5000, settleMs: 0 } });
}

test('setting usb with several printers attached: refused in words listing them, and no device is opened or claimed', async () => {
  const fake = new FakeUsbModule([KEYBOARD, OFFICE_PRINTER, RECEIPT_PRINTER]);
  const transport = usbTransport('usb', fake);
  const error = await failure(transport.print(Uint8Array.of(0x1b, 0x40), { jobId: 1 }));
  assert.equal(error.reason, 'ambiguous');
  assert.match(error.message, /^2 USB printers are attached \(04b8:0202, 0416:5011\).*choose the receipt printer in Settings → Printer/);
  for (const device of fake.devices) {
    assert.equal(device.opens, 0, `${device.deviceDescriptor.idVendor.toString(16)} was never opened`);
    assert.equal(device.claimed, false);
    assert.deepEqual(device.out.received, []);
  }
  await transport.close();

  // The Settings list names both (it opens them only to read their strings), so the owner can pick one.
  const listing = await listUsbPrinters({ usb: createLibusbBackend('linux', () => fake), platform: 'linux' });
  assert.deepEqual(
    listing.printers.map((p) => [p.setting, p.name]),
    [['usb:04b8:0202', 'EPSON L3150 Series'], ['usb:0416:5011', 'Winbond POS58 Printer']],
  );
  assert.ok(fake.devices.every((d) => !d.claimed && !d.isOpen));
});

test('setting usb with one printer (and other USB devices): that printer is used', async () => {
  const fake = new FakeUsbModule([KEYBOARD, RECEIPT_PRINTER]);
  const transport = usbTransport('usb', fake);
  await transport.print(Uint8Array.of(0x1b, 0x40), { jobId: 1 });
  const [keyboard, printer] = fake.devices as [FakeDevice, FakeDevice];
  assert.deepEqual(printer.out.received, [0x1b, 0x40]);
  assert.equal(keyboard.opens, 0, 'the keyboard is never opened');
  assert.match(transport.description, /^USB printer 0416:5011 \(Winbond POS58 Printer\)$/);
  await transport.close();
  assert.equal(printer.claimed, false, 'released on close');
  assert.equal(printer.allInterfaces[0]!.kernelDriver, true, 'usblp given back');
});

test('a chosen printer (usb:vid:pid) with others attached: only that one is opened', async () => {
  const fake = new FakeUsbModule([OFFICE_PRINTER, RECEIPT_PRINTER]);
  const transport = usbTransport('usb:0416:5011', fake);
  await transport.print(Uint8Array.of(0x1b, 0x40), { jobId: 1 });
  const [office, receipt] = fake.devices as [FakeDevice, FakeDevice];
  assert.equal(office.opens, 0);
  assert.deepEqual(receipt.out.received, [0x1b, 0x40]);
  await transport.close();
});
