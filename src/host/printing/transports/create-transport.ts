/**
 * The one place a printer setting becomes a PrinterTransport (the print queue's host keeps one per
 * setting). A setting that does not parse gives a transport whose jobs fail with the reason, rather
 * than an exception that would stop the POS from starting over a bad stored value.
 */
import type { PrinterTransport } from '../types.ts';
import { FileTransport, type FileIo } from './file-transport.ts';
import { createLibusbBackend } from './libusb-backend.ts';
import { NoneTransport } from './none-transport.ts';
import { parsePrinterSetting, type PrinterSetting } from './printer-setting.ts';
import type { UsbBackend } from './usb-backend.ts';
import { UsbTransport, type UsbTransportOptions } from './usb-transport.ts';
import { WindowsTransport, type WindowsDeps } from './windows-transport.ts';

export interface TransportDeps {
  /** USB access; defaults to libusb through the `usb` package, loaded on the first USB job. Tests pass a fake. */
  usb?: UsbBackend;
  /** File-system calls of the file transport; tests make them fail. */
  fileIo?: FileIo;
  /** Shapes error messages (udev rule vs Zadig); defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Chunk size and per-transfer timeout of USB jobs. */
  usbOptions?: Omit<UsbTransportOptions, 'platform'>;
  /** The private folder (under the data directory) for `windows:` job files and scripts. */
  spoolDir?: string;
  /** `windows:` runs PowerShell through this; tests pass a fake. */
  windows?: Omit<WindowsDeps, 'spoolDir'>;
}

export function createTransport(setting: string, deps: TransportDeps = {}): PrinterTransport {
  const platform = deps.platform ?? process.platform;
  let parsed: PrinterSetting;
  try {
    parsed = parsePrinterSetting(setting, platform);
  } catch (error) {
    return new NoneTransport((error as Error).message);
  }
  switch (parsed.kind) {
    case 'none':
      return new NoneTransport();
    case 'file':
      return new FileTransport(parsed.dir, deps.fileIo ? { io: deps.fileIo } : {});
    case 'usb':
      return new UsbTransport(parsed.device, deps.usb ?? createLibusbBackend(platform), { ...deps.usbOptions, platform });
    case 'windows':
      // The spooler is Windows' own: elsewhere this setting can only fail, so say so rather than try.
      if (platform !== 'win32' || !deps.spoolDir) return new NoneTransport('windows: printers exist only on Windows (or no spool folder was given)');
      return new WindowsTransport(parsed.name, { ...deps.windows, spoolDir: deps.spoolDir });
  }
}
