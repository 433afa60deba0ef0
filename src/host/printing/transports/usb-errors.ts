/**
 * libusb failures → PrinterError with the exact cause as a catalog message (and libusb's code for the
 * log). Kept apart from the transport so it can be checked without a printer.
 *
 * What `usb` 2.x throws (read from its source, src/node_usb.cc libusbException): synchronous calls
 * (open, claim, detach) throw an Error whose message is libusb_error_name() ("LIBUSB_ERROR_ACCESS")
 * and whose `errno` is the negative libusb code; a failed transfer calls back with message
 * "LIBUSB_TRANSFER_NO_DEVICE" etc. and `errno` the positive transfer status. Its own guards throw
 * plain messages ("Device is not opened", "Can't close device with a pending request").
 */
import type { HostMessageCode } from '../../../shared/messages/index.ts';
import { PrinterError, type PrinterErrorCode } from '../types.ts';

/** The rule the .deb installs; also the name of the file to copy by hand. */
export const UDEV_RULE_FILE = '60-khqr-pos-printer.rules';

const ERROR_NAMES: Record<number, string> = {
  [-1]: 'LIBUSB_ERROR_IO',
  [-2]: 'LIBUSB_ERROR_INVALID_PARAM',
  [-3]: 'LIBUSB_ERROR_ACCESS',
  [-4]: 'LIBUSB_ERROR_NO_DEVICE',
  [-5]: 'LIBUSB_ERROR_NOT_FOUND',
  [-6]: 'LIBUSB_ERROR_BUSY',
  [-7]: 'LIBUSB_ERROR_TIMEOUT',
  [-8]: 'LIBUSB_ERROR_OVERFLOW',
  [-9]: 'LIBUSB_ERROR_PIPE',
  [-10]: 'LIBUSB_ERROR_INTERRUPTED',
  [-11]: 'LIBUSB_ERROR_NO_MEM',
  [-12]: 'LIBUSB_ERROR_NOT_SUPPORTED',
  [-99]: 'LIBUSB_ERROR_OTHER',
  1: 'LIBUSB_TRANSFER_ERROR',
  2: 'LIBUSB_TRANSFER_TIMED_OUT',
  3: 'LIBUSB_TRANSFER_CANCELLED',
  4: 'LIBUSB_TRANSFER_STALL',
  5: 'LIBUSB_TRANSFER_NO_DEVICE',
  6: 'LIBUSB_TRANSFER_OVERFLOW',
};

/** "LIBUSB_ERROR_ACCESS", "LIBUSB_TRANSFER_NO_DEVICE"…, or null for anything that is not a libusb error. */
export function libusbErrorName(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { message, errno, code } = error as { message?: unknown; errno?: unknown; code?: unknown };
  if (typeof message === 'string' && /^LIBUSB_(ERROR|TRANSFER)_[A-Z_]+$/.test(message)) return message;
  // Node's own system errors also carry a (negative) errno, but always with a `code` such as 'ENOENT'.
  if (typeof errno === 'number' && code === undefined) return ERROR_NAMES[errno] ?? null;
  return null;
}

/** Where the error happened: opening/claiming the printer, or sending a job to it. */
export type UsbPhase = 'open' | 'write';

export interface UsbErrorContext {
  /** The `{printer}` of the message: "USB 0416:5011", or "USB" when the ids are not known. */
  printer: string;
  phase: UsbPhase;
  platform?: NodeJS.Platform;
}

/** "USB 0416:5011" / "USB": how messages name a USB printer (ids only: a device's own name is not trusted text). */
export function usbPrinterLabel(ids: string | null): string {
  return ids ? `USB ${ids}` : 'USB';
}

const ACCESS: Partial<Record<NodeJS.Platform, HostMessageCode>> = {
  linux: 'printer.accessLinux',
  win32: 'printer.accessWindows',
  darwin: 'printer.accessMac',
};

export function accessDeniedError(printer: string, platform: NodeJS.Platform = process.platform, detail?: string): PrinterError {
  return new PrinterError('access_denied', ACCESS[platform] ?? 'printer.accessOther', { printer }, { detail });
}

/**
 * Maps anything a USB step threw to a PrinterError; PrinterErrors pass through unchanged. libusb's
 * own name for the error (or the thrown message) goes to `detail`, for the log.
 */
export function mapUsbError(error: unknown, ctx: UsbErrorContext): PrinterError {
  if (error instanceof PrinterError) return error;
  const { printer, phase } = ctx;
  const platform = ctx.platform ?? process.platform;
  const name = libusbErrorName(error);
  const detail = name ?? (error instanceof Error ? error.message : String(error));
  const fail = (reason: PrinterErrorCode, code: HostMessageCode) => new PrinterError(reason, code, { printer }, { detail, cause: error });
  switch (name) {
    case 'LIBUSB_ERROR_ACCESS':
      return accessDeniedError(printer, platform, detail);
    case 'LIBUSB_ERROR_NOT_SUPPORTED':
      // Windows: the printer is bound to usbprint, which libusb cannot use.
      return fail('driver', 'printer.driver');
    case 'LIBUSB_ERROR_NOT_FOUND':
      // On Windows, opening a composite device whose printer interface has no WinUSB driver says NOT_FOUND.
      if (platform === 'win32' && phase === 'open') return fail('driver', 'printer.driver');
      return fail('not_found', 'printer.notFound');
    case 'LIBUSB_ERROR_NO_DEVICE':
    case 'LIBUSB_TRANSFER_NO_DEVICE':
      return fail('disconnected', phase === 'write' ? 'printer.unplugged' : 'printer.vanished');
    case 'LIBUSB_ERROR_BUSY':
      return fail('busy', 'printer.busy');
    case 'LIBUSB_ERROR_TIMEOUT':
    case 'LIBUSB_TRANSFER_TIMED_OUT':
      return fail('io', 'printer.stoppedTakingData');
    case 'LIBUSB_ERROR_PIPE':
    case 'LIBUSB_TRANSFER_STALL':
      return fail('io', 'printer.stalled');
    case null:
      return fail('io', 'printer.failed');
    default:
      // IO, TRANSFER_ERROR, OVERFLOW, INTERRUPTED, NO_MEM, OTHER, CANCELLED…: a cable or firmware hiccup.
      return fail('io', 'printer.usbError');
  }
}
