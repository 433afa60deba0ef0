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
 *   endpoint timeout is 0 = wait for ever);
 * - a job cut off part-way (timeout, paper out, unplugged) leaves the printer inside an image block,
 *   waiting for the rest of its data: before anything else is sent to it, that block is finished
 *   with zeros (escpos/resume.ts), so the retry's bytes are never read as image data and the rest of
 *   the old image is never read as text. The endpoint's halt (stall) is cleared first;
 * - while a job waits on a missing printer, plugging one in (the `attach` event) tells the queue to
 *   retry at once instead of after its backoff.
 */
import { PrinterError, type PrintMeta, type PrinterTransport } from '../types.ts';
import { usbIdsText, type UsbIds } from './printer-setting.ts';
import { completionAfter, type Delivered } from '../escpos/resume.ts';
import { bytesSent, type OpenedUsbPrinter, type UsbBackend } from './usb-backend.ts';
import { libusbErrorName, mapUsbError, usbPrinterLabel } from './usb-errors.ts';

export interface UsbTransportOptions {
  platform?: NodeJS.Platform;
  /** Bytes per bulk transfer. */
  chunkSize?: number;
  /** A transfer still not complete after this long fails the job as 'io' (paper out, cover open, jammed). */
  transferTimeoutMs?: number;
  /** After a generic transfer error, how long to let the OS notice an unplug before asking whether the printer is still there. */
  settleMs?: number;
  /** After a printer is plugged in, how long to let the OS set it up (Linux: the udev rule's access) before retrying. */
  attachSettleMs?: number;
}

const DEFAULTS = { chunkSize: 4096, transferTimeoutMs: 10_000, settleMs: 250, attachSettleMs: 500 };

export class UsbTransport implements PrinterTransport {
  readonly #target: UsbIds | null;
  readonly #backend: UsbBackend;
  readonly #options: Required<Omit<UsbTransportOptions, 'platform'>> & { platform: NodeJS.Platform };
  #handle: OpenedUsbPrinter | null = null;
  /** What the last opened printer was, so the description can name it. */
  #seen: { ids: UsbIds; name: string | null } | null = null;
  #chain: Promise<void> = Promise.resolve();
  #closing: Promise<void> | null = null;
  /** The job cut off last and how much of it the printer took: its block in flight is finished before anything else is sent. */
  #interrupted: { job: Uint8Array; delivered: Delivered } | null = null;
  /** The last attempt failed: the endpoint may be halted, so clear it before sending. */
  #recovering = false;
  readonly #reconnectListeners = new Set<() => void>();
  #stopWatching: (() => void) | null = null;

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

  /** How messages name this printer: "USB 0416:5011" (ids only, never the name the device reported). */
  get #label(): string {
    const ids = this.#target ?? this.#seen?.ids;
    return usbPrinterLabel(ids ? usbIdsText(ids) : null);
  }

  print(job: Uint8Array, _meta: PrintMeta): Promise<void> {
    if (this.#closing) {
      // 'disconnected', not 'not_configured': the queue retries, and by then holds the new transport.
      return Promise.reject(new PrinterError('disconnected', 'printer.closed', { printer: this.#label }));
    }
    const bytes = new Uint8Array(job); // a copy (Buffer#slice would not be one): the caller may reuse its buffer while this job waits
    const run = this.#chain.then(() => this.#send(bytes));
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Waits for the job in progress (and any already queued), then releases the printer. */
  close(): Promise<void> {
    this.#closing ??= this.#chain.then(() => {
      this.#watch(false);
      this.#reconnectListeners.clear();
      return this.#drop();
    });
    return this.#closing;
  }

  /**
   * `listener` is called when, after a failed job, the printer (or, for `usb`, any printer) is
   * plugged in: the queue then retries at once. Returns the unsubscribe.
   */
  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  async #send(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    try {
      await this.#attempt(bytes);
      this.#recovering = false;
      this.#watch(false);
    } catch (error) {
      this.#recovering = true;
      if (error instanceof PrinterError && error.reason !== 'not_configured') this.#watch(true);
      throw error;
    }
  }

  async #attempt(bytes: Uint8Array): Promise<void> {
    const printer = await this.#open();
    try {
      // A stall (or a transfer cut off by a timeout) can leave the endpoint halted: every transfer
      // would fail until it is cleared.
      if (this.#recovering) await printer.clearHalt();
      if (this.#interrupted) {
        const { job, delivered } = this.#interrupted;
        const completion = completionAfter(job, delivered);
        if (completion.length > 0) {
          await this.#write(printer, completion, (sent, at, chunk) => {
            // Known exactly, the completion stands byte for byte for the rest of the old command: the
            // printer's place in the old job moved on by what arrived of it. Known only as a range,
            // the same zeros go again next time (NULs over are harmless; too few are not).
            if (delivered.from !== delivered.to) return;
            const base = delivered.from + at;
            this.#interrupted = { job, delivered: sent === null ? { from: base, to: base + chunk } : { from: base + sent, to: base + sent } };
          });
        }
        this.#interrupted = null;
      }
      await this.#write(printer, bytes, (sent, at, chunk) => {
        this.#interrupted = { job: bytes, delivered: sent === null ? { from: at, to: at + chunk } : { from: at + sent, to: at + sent } };
      });
    } catch (error) {
      const mapped = await this.#writeError(error, printer);
      // Whatever went wrong, this handle may be dead or its endpoint halted: the next job reopens.
      await this.#drop();
      throw mapped;
    }
  }

  /** Sends `bytes` in chunks; on a failed chunk, reports how far it got (`sent`: bytes of that chunk that arrived, null if unknown). */
  async #write(printer: OpenedUsbPrinter, bytes: Uint8Array, failedAt: (sent: number | null, at: number, chunk: number) => void): Promise<void> {
    const { chunkSize, transferTimeoutMs } = this.#options;
    for (let at = 0; at < bytes.length; at += chunkSize) {
      const chunk = bytes.subarray(at, at + chunkSize);
      try {
        await printer.write(chunk, transferTimeoutMs);
      } catch (error) {
        failedAt(bytesSent(error), at, chunk.length);
        throw error;
      }
    }
  }

  /** Listens for a printer being plugged in while a job waits on a failure; stops once a job prints or on close. */
  #watch(on: boolean): void {
    if (!on) {
      this.#stopWatching?.();
      this.#stopWatching = null;
      return;
    }
    if (this.#stopWatching || !this.#backend.onAttach || this.#closing) return;
    try {
      this.#stopWatching = this.#backend.onAttach(this.#target, () => {
        const notify = () => {
          if (this.#closing) return;
          for (const listener of this.#reconnectListeners) listener();
        };
        if (this.#options.attachSettleMs > 0) setTimeout(notify, this.#options.attachSettleMs).unref();
        else notify();
      });
    } catch {
      // USB events unavailable (libusb failed to load): the queue's backoff still retries.
    }
  }

  async #open(): Promise<OpenedUsbPrinter> {
    if (this.#handle && !attached(this.#handle)) await this.#drop(); // unplugged since the last job
    if (this.#handle) return this.#handle;
    try {
      this.#handle = await this.#backend.open(this.#target);
    } catch (error) {
      throw mapUsbError(error, { printer: this.#label, phase: 'open', platform: this.#options.platform });
    }
    this.#seen = { ids: this.#handle.ids, name: this.#handle.name };
    return this.#handle;
  }

  async #writeError(error: unknown, printer: OpenedUsbPrinter): Promise<PrinterError> {
    const ctx = { printer: this.#label, phase: 'write' as const, platform: this.#options.platform };
    const mapped = mapUsbError(error, ctx);
    if (mapped.reason === 'disconnected') return mapped;
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
