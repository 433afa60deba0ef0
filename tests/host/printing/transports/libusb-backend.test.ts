/**
 * The real libusb backend: how it loads the installed `usb` package (2.x) and, against a fake `usb`
 * module shaped like the package's legacy API, what it claims and sends.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type * as UsbPackage from 'usb';
import { usbBindings, type UsbModule, type UsbOutEndpoint } from '../../../../src/host/printing/transports/libusb-backend.ts';
import { PrinterError } from '../../../../src/host/printing/types.ts';

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
    assert.throws(() => usbBindings(shape), (error: unknown) => error instanceof PrinterError && error.code === 'driver' && /usb package 2\.x/.test(error.message));
  }
  const legacy = { getDeviceList: () => [], LIBUSB_TRANSFER_TYPE_BULK: 2, INIT_ERROR: 0 };
  assert.equal(usbBindings(legacy), legacy, '1.x exported the API directly');
});
