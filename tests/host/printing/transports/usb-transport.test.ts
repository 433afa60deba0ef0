/**
 * The USB transport against a fake device (there is no USB hardware where tests run). The fake acts
 * like node-usb where it matters: a transfer completes later than it is submitted, a second transfer
 * while one is pending or a close with one pending is a violation ("Can't close device with a pending
 * request"), and an unplugged device fails transfers with LIBUSB_TRANSFER_NO_DEVICE.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEscPosJob } from '../../../../src/host/printing/escpos/decode.ts';
import { encodeRasterJob } from '../../../../src/host/printing/escpos/encode.ts';
import { createTransport } from '../../../../src/host/printing/transports/create-transport.ts';
import type { UsbIds } from '../../../../src/host/printing/transports/printer-setting.ts';
import type { OpenedUsbPrinter, UsbBackend } from '../../../../src/host/printing/transports/usb-backend.ts';
import { PrinterError } from '../../../../src/host/printing/types.ts';
import { jobFailure } from './printer-failure.ts';

const libusbError = (message: string, errno: number) => Object.assign(new Error(message), { errno });
const NO_DEVICE = () => libusbError('LIBUSB_TRANSFER_NO_DEVICE', 5);
const TRANSFER_ERROR = () => libusbError('LIBUSB_TRANSFER_ERROR', 1);

interface PendingWrite {
  chunk: Uint8Array;
  timeoutMs: number;
  complete(): void;
  fail(error: Error): void;
}

class FakePrinter implements OpenedUsbPrinter {
  readonly ids: UsbIds;
  readonly name = 'POS58 Printer';
  attached = true;
  closed = false;
  /** Bytes of completed transfers, in order. */
  received: number[] = [];
  pending: PendingWrite | null = null;
  readonly violations: string[];
  readonly #auto: boolean;

  constructor(ids: UsbIds, auto: boolean, violations: string[]) {
    this.ids = ids;
    this.#auto = auto;
    this.violations = violations;
  }

  write(chunk: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Device is not opened'));
    if (this.pending) this.violations.push('a transfer was submitted while another was pending');
    if (!this.attached) return Promise.reject(libusbError('LIBUSB_ERROR_NO_DEVICE', -4));
    return new Promise((resolve, reject) => {
      const copy = chunk.slice();
      this.pending = {
        chunk: copy,
        timeoutMs,
        complete: () => {
          this.pending = null;
          this.received.push(...copy);
          resolve();
        },
        fail: (error) => {
          this.pending = null;
          reject(error);
        },
      };
      // Completion arrives later than submission, as libusb's completion callback does.
      if (this.#auto) setImmediate(() => this.pending?.complete());
    });
  }

  isAttached(): boolean {
    return this.attached;
  }

  clearHalts = 0;
  async clearHalt(): Promise<void> {
    if (this.pending) this.violations.push('clearHalt() with a transfer pending');
    this.clearHalts += 1;
  }

  async close(): Promise<void> {
    if (this.pending) this.violations.push("close() with a transfer pending (Can't close device with a pending request)");
    if (this.closed) this.violations.push('closed twice');
    this.closed = true;
  }
}

class FakeBackend implements UsbBackend {
  readonly opened: FakePrinter[] = [];
  readonly violations: string[] = [];
  openErrors: unknown[] = [];
  auto = true;
  ids: UsbIds = { vid: 0x0416, pid: 0x5011 };

  async open(target: UsbIds | null): Promise<OpenedUsbPrinter> {
    if (target && (target.vid !== this.ids.vid || target.pid !== this.ids.pid)) throw new PrinterError('not_found', 'printer.usbNotPlugged', { ids: '0416:5011' });
    const error = this.openErrors.shift();
    if (error) throw error;
    if (this.opened.some((p) => !p.closed)) this.violations.push('opened while another handle was still open');
    const printer = new FakePrinter(this.ids, this.auto, this.violations);
    this.opened.push(printer);
    return printer;
  }

  async list() {
    return { printers: [], errors: [] };
  }

  get current(): FakePrinter {
    return this.opened.at(-1)!;
  }
}

function setUp(setting = 'usb:0416:5011', options: { auto?: boolean; chunkSize?: number; platform?: NodeJS.Platform } = {}) {
  const usb = new FakeBackend();
  usb.auto = options.auto ?? true;
  const transport = createTransport(setting, {
    usb,
    platform: options.platform ?? 'linux',
    usbOptions: { chunkSize: options.chunkSize ?? 4, transferTimeoutMs: 1234, settleMs: 0 },
  });
  return { usb, transport };
}

/** Lets queued promise callbacks and setImmediate completions run. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function nextWrite(usb: FakeBackend): Promise<PendingWrite> {
  for (let i = 0; i < 50; i++) {
    const pending = usb.opened.at(-1)?.pending;
    if (pending) return pending;
    await settle(1);
  }
  throw new Error('no transfer was submitted');
}

function track(promise: Promise<unknown>) {
  const state = { done: false, error: null as unknown };
  promise.then(
    () => (state.done = true),
    (error) => ((state.done = true), (state.error = error)),
  );
  return state;
}

const job = (...values: number[]) => Uint8Array.from(values);

test('one handle is opened on the first job and reused; bytes arrive whole, in order, in chunks', async () => {
  const { usb, transport } = setUp();
  assert.equal(usb.opened.length, 0, 'nothing is opened before the first job');
  assert.equal(transport.description, 'USB printer 0416:5011');
  await transport.print(job(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), { jobId: 1 });
  await transport.print(job(11, 12), { jobId: 2 });
  assert.equal(usb.opened.length, 1);
  assert.deepEqual(usb.current.received, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(transport.description, 'USB printer 0416:5011 (POS58 Printer)');
  await transport.close();
  assert.equal(usb.current.closed, true);
  assert.deepEqual(usb.violations, []);
});

test('a job resolves only when its last transfer has completed, and uses the transfer timeout', async () => {
  const { usb, transport } = setUp('usb', { auto: false });
  assert.equal(transport.description, 'USB printer (the only one attached)');
  const state = track(transport.print(job(1, 2, 3, 4, 5, 6), { jobId: 1 }));
  const first = await nextWrite(usb);
  assert.deepEqual([...first.chunk], [1, 2, 3, 4]);
  assert.equal(first.timeoutMs, 1234);
  await settle();
  assert.equal(state.done, false, 'not resolved while the first transfer is in flight');
  first.complete();
  const second = await nextWrite(usb);
  assert.deepEqual([...second.chunk], [5, 6]);
  await settle();
  assert.equal(state.done, false, 'not resolved while the last transfer is in flight');
  second.complete();
  await settle();
  assert.equal(state.done, true);
  assert.equal(state.error, null);
  assert.equal(transport.description, 'USB printer 0416:5011 (POS58 Printer)', 'the printer is named once opened');
});

test('jobs sent together are serialized: the next starts after the previous one completed', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { chunkSize: 2 });
  const jobs = Array.from({ length: 20 }, (_, n) => job(n, n, n, n, n));
  await Promise.all(jobs.map((bytes, n) => transport.print(bytes, { jobId: n })));
  assert.deepEqual(usb.current.received, jobs.flatMap((bytes) => [...bytes]));
  assert.deepEqual(usb.violations, [], 'never two transfers in flight');
  assert.equal(usb.opened.length, 1);
});

test('close() during a transfer waits for it to complete, then closes once', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { auto: false });
  const printing = track(transport.print(job(1, 2, 3), { jobId: 1 }));
  const inFlight = await nextWrite(usb);
  const closing = track(transport.close());
  const closingAgain = transport.close();
  await settle();
  assert.equal(closing.done, false, 'close waits for the pending transfer');
  assert.equal(usb.current.closed, false);
  // A job arriving after close() was asked for is refused (retryable), not sent to a closing device.
  const late = await jobFailure(transport, job(9));
  assert.equal(late.reason, 'disconnected');
  assert.match(late.message, /closed/);
  inFlight.complete();
  await closingAgain;
  assert.equal(printing.done, true);
  assert.equal(printing.error, null, "the job in flight finished normally");
  assert.equal(closing.done, true);
  assert.equal(usb.current.closed, true);
  assert.deepEqual(usb.current.received, [1, 2, 3]);
  assert.deepEqual(usb.violations, []);
});

test('close() with jobs queued behind the one printing waits for all of them', async () => {
  const { usb, transport } = setUp('usb:0416:5011');
  const a = transport.print(job(1, 2, 3, 4, 5), { jobId: 1 });
  const b = transport.print(job(6, 7, 8, 9, 10), { jobId: 2 });
  await transport.close();
  await Promise.all([a, b]);
  assert.deepEqual(usb.current.received, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(usb.violations, []);
});

test('unplugged mid-job: that job fails as disconnected and the next job reopens the printer', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { auto: false });
  const failing = transport.print(job(1, 2, 3, 4, 5, 6, 7, 8), { jobId: 1 });
  (await nextWrite(usb)).complete();
  const second = await nextWrite(usb);
  usb.current.attached = false;
  second.fail(NO_DEVICE());
  const error = await failing.then(() => assert.fail('should fail'), (e: unknown) => e as PrinterError);
  assert.ok(error instanceof PrinterError);
  assert.equal(error.reason, 'disconnected');
  assert.match(error.message, /printer \(USB 0416:5011\) was unplugged or switched off while printing/);
  assert.equal(usb.opened[0]!.closed, true, 'the dead handle is released');

  usb.auto = true; // plugged back in
  await transport.print(job(9, 9), { jobId: 2 });
  assert.equal(usb.opened.length, 2, 'a fresh handle');
  assert.deepEqual(usb.opened[1]!.received, [9, 9]);
  assert.deepEqual(usb.violations, []);
});

test('a generic transfer error is disconnected if the printer is gone, io if it is still there', async () => {
  const gone = setUp('usb:0416:5011', { auto: false });
  const a = gone.transport.print(job(1, 2), { jobId: 1 });
  const write = await nextWrite(gone.usb);
  gone.usb.current.attached = false;
  write.fail(TRANSFER_ERROR()); // what Linux often reports (EPROTO) when the cable is pulled
  await assert.rejects(a, (e: PrinterError) => e.reason === 'disconnected');

  const there = setUp('usb:0416:5011', { auto: false });
  const b = there.transport.print(job(1, 2), { jobId: 1 });
  (await nextWrite(there.usb)).fail(TRANSFER_ERROR());
  await assert.rejects(b, (e: PrinterError) => e.reason === 'io' && /cable/.test(e.message) && e.detail === 'LIBUSB_TRANSFER_ERROR');
  there.usb.auto = true;
  await there.transport.print(job(3), { jobId: 2 });
  assert.equal(there.usb.opened.length, 2, 'after any transfer error the next job reopens');
});

test('a printer that stops taking data (paper out) fails the job with a timeout in words', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { auto: false });
  const printing = transport.print(job(1, 2, 3), { jobId: 1 });
  (await nextWrite(usb)).fail(libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2));
  await assert.rejects(printing, (e: PrinterError) => e.reason === 'io' && /out of paper/.test(e.message));
});

test('unplugged and replugged while idle: the stale handle is dropped before the next job, which prints', async () => {
  const { usb, transport } = setUp();
  await transport.print(job(1), { jobId: 1 });
  usb.opened[0]!.attached = false;
  await transport.print(job(2), { jobId: 2 });
  assert.equal(usb.opened.length, 2);
  assert.equal(usb.opened[0]!.closed, true);
  assert.deepEqual(usb.opened[1]!.received, [2]);
  assert.deepEqual(usb.violations, []);
});

test('open failures map to their cause, and are not remembered: the next job tries again', async () => {
  const linux = setUp('usb:0416:5011', { platform: 'linux' });
  linux.usb.openErrors = [libusbError('LIBUSB_ERROR_ACCESS', -3), libusbError('LIBUSB_ERROR_BUSY', -6)];
  const access = await jobFailure(linux.transport, job(1));
  assert.equal(access.reason, 'access_denied');
  assert.match(access.message, /udev rule.*60-khqr-pos-printer\.rules.*udevadm/);
  const busy = await jobFailure(linux.transport, job(1));
  assert.equal(busy.reason, 'busy');
  assert.match(busy.message, /usblp/);
  await linux.transport.print(job(1), { jobId: 3 });
  assert.equal(linux.usb.opened.length, 1);

  const windows = setUp('usb:0416:5011', { platform: 'win32' });
  windows.usb.openErrors = [libusbError('LIBUSB_ERROR_NOT_SUPPORTED', -12), libusbError('LIBUSB_ERROR_ACCESS', -3)];
  const driver = await jobFailure(windows.transport, job(1));
  assert.equal(driver.reason, 'driver');
  assert.match(driver.message, /WinUSB.*Zadig/);
  assert.match((await jobFailure(windows.transport, job(1))).message, /WinUSB/);

  const absent = setUp('usb:04b8:0e15');
  const notFound = await jobFailure(absent.transport, job(1));
  assert.equal(notFound.reason, 'not_found');
});

test('an empty job opens nothing; the bytes are taken when print() is called', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { auto: false });
  await transport.print(new Uint8Array(0), { jobId: 1 });
  assert.equal(usb.opened.length, 0);
  const buffer = Buffer.from([1, 2, 3]); // a Node Buffer, whose slice() would not copy
  const printing = transport.print(buffer, { jobId: 2 });
  buffer.fill(0);
  (await nextWrite(usb)).complete();
  await printing;
  assert.deepEqual(usb.current.received, [1, 2, 3]);
});

test('closing a transport that never printed does nothing', async () => {
  const { usb, transport } = setUp();
  await transport.close();
  assert.equal(usb.opened.length, 0);
});

test('a backend that cannot say how much of a failed transfer arrived: the old block is still finished (with zeros to spare)', async () => {
  const { usb, transport } = setUp('usb:0416:5011', { auto: false, chunkSize: 64 });
  const image = { width: 16, height: 300, data: new Uint8Array(600).fill(0xaa) };
  const job = encodeRasterJob(image);
  const printing = transport.print(job, { jobId: 1 });
  (await nextWrite(usb)).complete();
  (await nextWrite(usb)).fail(libusbError('LIBUSB_TRANSFER_TIMED_OUT', 2)); // no count: somewhere in this 64-byte transfer
  await assert.rejects(printing, (e: PrinterError) => e.reason === 'io');
  usb.auto = true;
  await transport.print(job, { jobId: 1 });
  const received = Uint8Array.from(usb.opened.flatMap((p) => p.received));
  const read = decodeEscPosJob(received);
  assert.deepEqual(read.commands.filter((c) => c.kind === 'unknown'), [], 'nothing read as text');
  assert.ok(read.commands.some((c) => c.kind === 'padding'), 'zeros to spare, ignored by the printer');
  assert.equal(usb.current.clearHalts, 1);
  const retry = decodeEscPosJob(received.subarray(read.commands.findLast((c) => c.kind === 'init')!.offset));
  assert.deepEqual(retry.raster, image);
});
