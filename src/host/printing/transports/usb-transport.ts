/**
 * `usb` / `usb:vvvv:pppp`: ESC/POS bytes over a USB bulk OUT endpoint, designed against the known
 * failure reports:
 * - one long-lived handle, opened on the first job and reused; dropped and reopened after an unplug
 *   (checked before each job, so a printer unplugged and replugged while idle just works);
 * - a job resolves only when every bulk transfer has completed, and jobs run one at a time on a
 *   promise chain, so the device is never closed with a transfer pending ("Can't close device with a
 *   pending request"): close() waits its turn behind the job in progress;
 * - a job is sent in chunks, each with a timeout, so a printer that stops taking data (paper out,
 *   cover open) fails the job in words instead of hanging the queue forever (`usb`'s default
 *   endpoint timeout is 0 = wait for ever).
 */
import { PrinterError, type PrinterTransport } from '../types.ts';
import { usbIdsText, type UsbIds } from './printer-setting.ts';
import type { OpenedUsbPrinter, UsbBackend } from './usb-backend.ts';
import { libusbErrorName, mapUsbError } from './usb-errors.ts';

export interface UsbTransportOptions {
  platform?: NodeJS.Platform;
  /** Bytes per bulk transfer. */
  chunkSize?: number;
  /** A transfer still not complete after this long fails the job as 'io' (paper out, cover open, jammed). */
  transferTimeoutMs?: number;
  /** After a generic transfer error, how long to let the OS notice an unplug before asking whether the printer is still there. */
  settleMs?: number;
}

const DEFAULTS = { chunkSize: 4096, transferTimeoutMs: 10_000, settleMs: 250 };

export class UsbTransport implements PrinterTransport {
  readonly #target: UsbIds | null;
  readonly #backend: UsbBackend;
  readonly #options: Required<Omit<UsbTransportOptions, 'platform'>> & { platform: NodeJS.Platform };
  #handle: OpenedUsbPrinter | null = null;
  /** What the last opened printer was, so the description can name it. */
  #seen: { ids: UsbIds; name: string | null } | null = null;
  #chain: Promise<void> = Promise.resolve();
  #closing: Promise<void> | null = null;

  constructor(target: UsbIds | null, backend: UsbBackend, options: UsbTransportOptions = {}) {
    this.#target = target;
    this.#backend = backend;
    this.#options = { ...DEFAULTS, platform: process.platform, ...stripUndefined(options) };
  }

  /** "USB printer 0416:5011 (POS58)", or before the first job with `usb`: "USB printer (the only one attached)". */
  get description(): string {
    const ids = this.#target ?? this.#seen?.ids;
    if (!ids) return 'USB printer (the only one attached)';
    const name = this.#seen && this.#seen.ids.vid === ids.vid && this.#seen.ids.pid === ids.pid ? this.#seen.name : null;
    return `USB printer ${usbIdsText(ids)}${name ? ` (${name})` : ''}`;
  }

  print(job: Uint8Array, _meta: { jobId: number }): Promise<void> {
    if (this.#closing) {
      // 'disconnected', not 'not_configured': the queue retries, and by then holds the new transport.
      return Promise.reject(new PrinterError('disconnected', `The connection to ${this.description} was closed (the printer setting changed); the job will be tried again.`));
    }
    const bytes = new Uint8Array(job); // a copy (Buffer#slice would not be one): the caller may reuse its buffer while this job waits
    const run = this.#chain.then(() => this.#send(bytes));
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Waits for the job in progress (and any already queued), then releases the printer. */
  close(): Promise<void> {
    this.#closing ??= this.#chain.then(() => this.#drop());
    return this.#closing;
  }

  async #send(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    const printer = await this.#open();
    const { chunkSize, transferTimeoutMs } = this.#options;
    try {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        await printer.write(bytes.subarray(at, at + chunkSize), transferTimeoutMs);
      }
    } catch (error) {
      const mapped = await this.#writeError(error, printer);
      // Whatever went wrong, this handle may be dead or its endpoint halted: the next job reopens.
      await this.#drop();
      throw mapped;
    }
  }

  async #open(): Promise<OpenedUsbPrinter> {
    if (this.#handle && !attached(this.#handle)) await this.#drop(); // unplugged since the last job
    if (this.#handle) return this.#handle;
    try {
      this.#handle = await this.#backend.open(this.#target);
    } catch (error) {
      throw mapUsbError(error, { printer: this.description, phase: 'open', platform: this.#options.platform });
    }
    this.#seen = { ids: this.#handle.ids, name: this.#handle.name };
    return this.#handle;
  }

  async #writeError(error: unknown, printer: OpenedUsbPrinter): Promise<PrinterError> {
    const ctx = { printer: this.description, phase: 'write' as const, platform: this.#options.platform };
    const mapped = mapUsbError(error, ctx);
    if (mapped.code === 'disconnected') return mapped;
    // An unplug mid-transfer often reports a plain LIBUSB_TRANSFER_ERROR (EPROTO on Linux), and the
    // device list may lag a moment behind: give it time, then ask whether the printer is still there.
    if (libusbErrorName(error) !== null && this.#options.settleMs > 0) await sleep(this.#options.settleMs);
    if (!attached(printer)) return mapUsbError({ message: 'LIBUSB_TRANSFER_NO_DEVICE', errno: 5 }, ctx);
    return mapped;
  }

  async #drop(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    if (handle) await handle.close().catch(() => {});
  }
}

/** A failing presence check must not turn into a second error: assume still there. */
function attached(printer: OpenedUsbPrinter): boolean {
  try {
    return printer.isAttached();
  } catch {
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
