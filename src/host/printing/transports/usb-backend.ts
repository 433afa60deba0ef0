/**
 * What the USB transport and the Settings list need from libusb, as a small interface: the real one
 * (libusb-backend.ts) loads the `usb` package on first use, and tests pass a fake device, since
 * there is no USB hardware where they run.
 */
import type { UsbIds } from './printer-setting.ts';

/** An opened, claimed printer interface: one long-lived handle. */
export interface OpenedUsbPrinter {
  readonly ids: UsbIds;
  /** Manufacturer/product strings when the printer gave them, e.g. "Winbond POS58". */
  readonly name: string | null;
  /**
   * One bulk OUT transfer. Resolves only when libusb reports the transfer complete; rejects with
   * libusb's error (e.g. LIBUSB_TRANSFER_NO_DEVICE when unplugged, TIMED_OUT after `timeoutMs`),
   * carrying the bytes of `chunk` that did reach the device (see `bytesSent`).
   */
  write(chunk: Uint8Array, timeoutMs: number): Promise<void>;
  /** Clears a halt (stall) on the OUT endpoint, so transfers are accepted again. Never throws. */
  clearHalt(): Promise<void>;
  /** Still on the bus? Tells an unplug apart from another transfer error, and a stale handle after a replug. */
  isAttached(): boolean;
  /** Releases the interface, gives the kernel driver back, closes. Only called with no transfer pending. Never throws. */
  close(): Promise<void>;
}

/** A USB printer seen on the bus (device or interface class 7). */
export interface FoundUsbPrinter {
  ids: UsbIds;
  /** null when the printer could not be opened to read its strings. */
  name: string | null;
}

export interface UsbBackend {
  /**
   * Finds (by ids, or when null the one printer attached), opens and claims the printer. Throws
   * PrinterError ('not_found') when it is not on the bus, ('ambiguous') when null and several printers
   * are attached, or libusb's error from open/claim.
   */
  open(target: UsbIds | null): Promise<OpenedUsbPrinter>;
  /** Printers on the bus now, plus the errors met reading their names (e.g. LIBUSB_ERROR_ACCESS). */
  list(): Promise<{ printers: FoundUsbPrinter[]; errors: unknown[] }>;
  /**
   * Calls `listener` when a printer is plugged in (or switched on): any printer when `target` is
   * null, else one with those ids. Returns the unsubscribe. Never keeps the process alive by itself.
   */
  onAttach?(target: UsbIds | null, listener: () => void): () => void;
}

/** How many bytes of a failed write reached the device, when the error says (the libusb backend always does). */
export function bytesSent(error: unknown): number | null {
  const sent = (error as { bytesSent?: unknown } | null)?.bytesSent;
  return typeof sent === 'number' && Number.isSafeInteger(sent) && sent >= 0 ? sent : null;
}

/** Adds the count of bytes that reached the device to a write error (a non-object becomes an Error). */
export function withBytesSent(error: unknown, sent: number): Error {
  const base = error instanceof Error ? error : new Error(String(error));
  return Object.assign(base, { bytesSent: sent });
}
