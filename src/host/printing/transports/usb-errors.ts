/**
 * libusb failures → PrinterError with the exact cause in words. Kept apart from the transport so it
 * can be checked without a printer.
 *
 * What `usb` 2.x throws (read from its source, src/node_usb.cc libusbException): synchronous calls
 * (open, claim, detach) throw an Error whose message is libusb_error_name() ("LIBUSB_ERROR_ACCESS")
 * and whose `errno` is the negative libusb code; a failed transfer calls back with message
 * "LIBUSB_TRANSFER_NO_DEVICE" etc. and `errno` the positive transfer status. Its own guards throw
 * plain messages ("Device is not opened", "Can't close device with a pending request").
 */
import { PrinterError } from '../types.ts';

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
  /** e.g. "USB printer 0416:5011" or "the USB printer". */
  printer: string;
  phase: UsbPhase;
  platform?: NodeJS.Platform;
}

const RELOAD = 'sudo udevadm control --reload-rules && sudo udevadm trigger';

export function accessDeniedMessage(printer: string, platform: NodeJS.Platform = process.platform): string {
  const linux = `on Linux the udev rule is missing (install the .deb, or copy resources/linux/${UDEV_RULE_FILE} to /etc/udev/rules.d/, run "${RELOAD}", then unplug and replug the printer; running the POS with sudo is not the fix)`;
  const windows = 'on Windows the printer needs the WinUSB driver (install it with Zadig) and no other program may be using it';
  if (platform === 'linux') return `No permission to use ${printer}: ${linux}.`;
  if (platform === 'win32') return `No permission to use ${printer}: ${windows}.`;
  if (platform === 'darwin') return `No permission to use ${printer}: macOS or another program has it (quit other printing programs and remove the printer from System Settings → Printers).`;
  return `No permission to use ${printer}: ${linux}; ${windows}.`;
}

export function driverMessage(printer: string): string {
  return `The POS cannot talk to ${printer} directly: install the WinUSB driver for it with Zadig (zadig.akeo.ie; pick the printer, choose WinUSB, Replace Driver). This takes the printer away from the Windows print spooler.`;
}

/** Maps anything a USB step threw to a PrinterError; PrinterErrors pass through unchanged. */
export function mapUsbError(error: unknown, ctx: UsbErrorContext): PrinterError {
  if (error instanceof PrinterError) return error;
  const { printer, phase } = ctx;
  const platform = ctx.platform ?? process.platform;
  const name = libusbErrorName(error);
  switch (name) {
    case 'LIBUSB_ERROR_ACCESS':
      return new PrinterError('access_denied', accessDeniedMessage(printer, platform));
    case 'LIBUSB_ERROR_NOT_SUPPORTED':
      // Windows: the printer is bound to usbprint, which libusb cannot use.
      return new PrinterError('driver', driverMessage(printer));
    case 'LIBUSB_ERROR_NOT_FOUND':
      // On Windows, opening a composite device whose printer interface has no WinUSB driver says NOT_FOUND.
      if (platform === 'win32' && phase === 'open') return new PrinterError('driver', driverMessage(printer));
      return new PrinterError('not_found', `${printer} was not found: is it plugged in and switched on?`);
    case 'LIBUSB_ERROR_NO_DEVICE':
    case 'LIBUSB_TRANSFER_NO_DEVICE':
      return new PrinterError(
        'disconnected',
        phase === 'write'
          ? `${printer} was unplugged or switched off while printing; this receipt did not finish. Plug it back in and switch it on.`
          : `${printer} disappeared while it was being opened: check the cable and that it is switched on.`,
      );
    case 'LIBUSB_ERROR_BUSY':
      return new PrinterError(
        'busy',
        `${printer} is in use by another program or by the system's printer driver (on Linux the usblp kernel module, which the POS could not detach). Close other printing programs, or remove the printer from the system's printer list, and try again.`,
      );
    case 'LIBUSB_ERROR_TIMEOUT':
    case 'LIBUSB_TRANSFER_TIMED_OUT':
      return new PrinterError('io', `${printer} stopped accepting data: is it out of paper, is the cover open, or is the paper jammed?`);
    case 'LIBUSB_ERROR_PIPE':
    case 'LIBUSB_TRANSFER_STALL':
      return new PrinterError('io', `${printer} refused the data (USB endpoint stalled): switch the printer off and on again.`);
    case null:
      return new PrinterError('io', `Problem with ${printer}: ${(error as Error)?.message ?? String(error)}`);
    default:
      // IO, TRANSFER_ERROR, OVERFLOW, INTERRUPTED, NO_MEM, OTHER, CANCELLED…: a cable or firmware hiccup.
      return new PrinterError('io', `USB error talking to ${printer} (${name}): check the cable, then switch the printer off and on again.`);
  }
}
