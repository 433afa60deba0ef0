/**
 * A receipt cut off mid-image and retried, through the real USB transport and libusb backend over a
 * fake `usb` module: everything the printer received across the failed attempt and the retry is read
 * back with the strict decoder, as the printer would read it. No image data may be read as text and
 * no retry byte eaten as image data; a halted endpoint is cleared before the retry; plugging the
 * printer back in retries at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscPosJob } from '../../../../src/host/printing/escpos/decode.ts';
import { encodeRasterJob } from '../../../../src/host/printing/escpos/encode.ts';
import { createTransport } from '../../../../src/host/printing/transports/create-transport.ts';
import { createLibusbBackend } from '../../../../src/host/printing/transports/libusb-backend.ts';
import type { Bitmap } from '../../../../src/host/printing/types.ts';
import { FakeUsbModule, libusbError, type FakeDevice } from './fake-usb-module.ts';
import { jobFailure } from './printer-failure.ts';

const PRINTER = { vid: 0x0416, pid: 0x5011, product: 'POS80' };

/** An 80 mm receipt-sized image (576 dots, 600 rows = 3 slices), no zero bytes in its data. */
function receiptImage(): Bitmap {
  const data = new Uint8Array(72 * 600);
  for (let i = 0; i < data.length; i++) data[i] = (i % 253) + 1;
  return { width: 576, height: 600, data };
}

function setUp(specs = [PRINTER]) {
  const usb = new FakeUsbModule(specs);
  const transport = createTransport('usb:0416:5011', {
    usb: createLibusbBackend('linux', () => usb),
    platform: 'linux',
    usbOptions: { chunkSize: 4096, transferTimeoutMs: 10_000, settleMs: 0, attachSettleMs: 0 },
  });
  return { usb, transport, printer: usb.devices[0]! };
}

/** What the printer read, in order: every byte its OUT endpoint(s) took, across handles and replugs. */
function printerRead(...devices: FakeDevice[]) {
  return decodeEscPosJob(Uint8Array.from(devices.flatMap((d) => d.out.received)));
}

function assertCleanRetry(devices: FakeDevice[], image: Bitmap) {
  const read = printerRead(...devices);
  assert.deepEqual(read.commands.filter((c) => c.kind === 'unknown'), [], 'no byte read as text or as an unknown command');
  const kinds = read.commands.map((c) => c.kind);
  assert.equal(kinds.filter((k) => k === 'init').length, 2, 'the cut-off attempt, then the retry');
  const retryStart = read.commands.findLast((c) => c.kind === 'init')!.offset;
  const stream = Uint8Array.from(devices.flatMap((d) => d.out.received));
  const retry = decodeEscPosJob(stream.subarray(retryStart));
  assert.deepEqual(retry.raster, image, 'the retried receipt is whole');
  assert.deepEqual(retry.commands.slice(-2).map((c) => c.kind), ['feed', 'cut']);
}

test('paper out mid-image (transfer timed out part-way): the retry finishes the old image block with blank rows, then prints whole', async () => {
  const image = receiptImage();
  const job = encodeRasterJob(image);
  const { usb, transport, printer } = setUp();
  // The third transfer times out after 1,000 of its 4,096 bytes: inside the first slice's image data.
  printer.out.plans.push('complete', 'complete', { fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 1000 });
  const error = await jobFailure(transport, job);
  assert.equal(error.reason, 'io');
  assert.match(error.message, /out of paper/);
  assert.equal(printer.out.received.length, 2 * 4096 + 1000);

  await transport.print(job, { jobId: 1 }); // paper loaded: the queue retries
  assert.equal(printer.out.clearHalts, 1, 'the endpoint was cleared before the retry');
  assertCleanRetry([printer], image);
  const cut = 2 * 4096 + 1000;
  const block = decodeEscPosJob(job).commands.find((c) => c.offset < cut && cut < c.offset + c.length)!;
  assert.equal(block.kind, 'raster', 'the cut was inside an image block');
  await transport.close();
  assert.equal(usb.listenerCount('attach'), 0);
});

test('a stall part-way through an image header: the header is finished as written, the endpoint cleared, nothing read as text', async () => {
  const image = receiptImage();
  const job = encodeRasterJob(image);
  const secondHeader = decodeEscPosJob(job).commands.filter((c) => c.kind === 'raster')[1]!.offset;
  const { transport, printer } = setUp();
  const chunks = Math.floor(secondHeader / 4096);
  printer.out.plans.push(...Array<'complete'>(chunks).fill('complete'), { fail: libusbError('LIBUSB_TRANSFER_STALL', 4), sent: secondHeader + 5 - chunks * 4096 });
  const error = await jobFailure(transport, job);
  assert.equal(error.reason, 'io');
  assert.match(error.message, /stalled/);
  assert.equal(printer.out.received.length, secondHeader + 5);

  await transport.print(job, { jobId: 1 });
  assert.equal(printer.out.halted, false);
  assert.equal(printer.out.clearHalts, 1);
  assertCleanRetry([printer], image);
});

test('a second failure while finishing the old block picks up where it stopped', async () => {
  const image = receiptImage();
  const job = encodeRasterJob(image);
  const { transport, printer } = setUp();
  printer.out.plans.push({ fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 3000 });
  await jobFailure(transport, job);
  // The completion itself times out after 500 bytes (still out of paper).
  printer.out.plans.push({ fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 500 });
  await jobFailure(transport, job);
  await transport.print(job, { jobId: 1 });
  assertCleanRetry([printer], image);
  assert.equal(printer.out.clearHalts, 2);
});

test('finishing the old block fails after several transfers: the next attempt sends exactly the rest, no byte more or less', async () => {
  const image = receiptImage();
  const job = encodeRasterJob(image);
  const { transport, printer } = setUp();
  printer.out.plans.push({ fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 100 });
  await jobFailure(transport, job);
  // The completion (about 18 KB of blank rows) goes out in 4 KB transfers: the second one times out part-way.
  printer.out.plans.push('complete', { fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 700 });
  await jobFailure(transport, job);
  await transport.print(job, { jobId: 1 });
  assertCleanRetry([printer], image);
  const read = printerRead(printer);
  assert.deepEqual(read.commands.filter((c) => c.kind === 'padding'), [], 'the exact rest of the block: no NULs over');
  assert.equal(read.commands.filter((c) => c.kind === 'raster').length, 3 + 1, 'the first slice finished, then the whole retry');
});

test('unplugged mid-image: plugging it back in retries at once (attach event), and the printer reads the old block out before the retry', async () => {
  const image = receiptImage();
  const job = encodeRasterJob(image);
  const { usb, transport, printer } = setUp();
  let reconnects = 0;
  transport.onReconnect!(() => reconnects++);
  printer.out.plans.push('complete', { fail: libusbError('LIBUSB_TRANSFER_NO_DEVICE', 5), sent: 2500 });
  const error = await jobFailure(transport, job);
  assert.equal(error.reason, 'disconnected');
  usb.unplug(printer);
  assert.equal((await jobFailure(transport, job)).reason, 'not_found', 'while unplugged the queue keeps failing');
  assert.equal(usb.listenerCount('attach'), 1, 'listening for the printer to come back');
  assert.ok(usb.unrefs >= 1, 'the listener does not keep the POS from quitting');

  usb.plug({ vid: 0x04b8, pid: 0x0202, product: 'another printer' });
  assert.equal(reconnects, 0, 'another device coming does not retry');
  const replugged = usb.plug(PRINTER);
  assert.equal(reconnects, 1, 'the printer coming back retries at once, not after the backoff');

  await transport.print(job, { jobId: 1 });
  // Unplugging the cable does not reset a printer with its own power: it still waits for the rest of the block.
  assertCleanRetry([printer, replugged], image);
  assert.equal(usb.listenerCount('attach'), 0, 'once it prints, nothing listens any more');
  await transport.close();
});

test('close() stops listening for the printer', async () => {
  const { usb, transport, printer } = setUp();
  printer.out.plans.push({ fail: libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2), sent: 0 });
  await jobFailure(transport, Uint8Array.of(0x1b, 0x40));
  assert.equal(usb.listenerCount('attach'), 1);
  await transport.close();
  assert.equal(usb.listenerCount('attach'), 0);
});
