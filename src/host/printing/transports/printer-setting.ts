/**
 * The printer setting: one short string kept in the settings table and accepted from POS_PRINTER.
 *
 *   none             no printer: receipts are skipped
 *   usb              the USB printer (device or interface class 7), only when exactly one is attached
 *   usb:0416:5011    the USB printer with that vendor:product id (4 hex digits each)
 *   windows:<name>   the installed Windows printer of that name, through the spooler (RAW)
 *   file:/abs/dir    every job's bytes as one file in that folder (tests, demos, support)
 *
 * Parsed strictly: the string comes from a form field or an environment variable, and a typo must
 * be reported in words instead of silently meaning "no printer" or "some other printer".
 */
import { posix, win32 } from 'node:path';
import { PosError } from '../../../shared/errors.ts';
import { hostMessage, type HostMessageCode, type MessageParams } from '../../../shared/messages/index.ts';

export interface UsbIds {
  vid: number;
  pid: number;
}

export type PrinterSetting =
  | { kind: 'none' }
  /** `device: null` means the one USB printer attached (refused when there are several). */
  | { kind: 'usb'; device: UsbIds | null }
  /** `name`: as Windows shows it ("POS-80C", "\\server\receipts"). */
  | { kind: 'windows'; name: string }
  | { kind: 'file'; dir: string };

/**
 * A setting that does not parse, as a catalog message (src/shared/messages/printer.ts). The value
 * typed is never repeated in it: it came from a form or the environment, not from the POS.
 */
export class PrinterSettingError extends PosError {
  override name = 'PrinterSettingError';
  constructor(code: HostMessageCode, params?: MessageParams) {
    super('invalid_request', hostMessage(code, params));
  }
}

/** Longer than any real folder path; stops a pasted document from being stored as a setting. */
const MAX_LENGTH = 1024;
/** Windows keeps printer names to 220 characters. */
export const MAX_WINDOWS_PRINTER_NAME = 220;

/** "0416:5011": the ids as lsusb and Zadig show them. */
export function usbIdsText(ids: UsbIds): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(ids.vid)}:${hex(ids.pid)}`;
}

export function parsePrinterSetting(value: unknown, platform: NodeJS.Platform = process.platform): PrinterSetting {
  if (typeof value !== 'string') throw new PrinterSettingError('printer.settingNotText');
  if (value.length === 0) throw new PrinterSettingError('printer.settingEmpty');
  if (value.length > MAX_LENGTH) throw new PrinterSettingError('printer.settingTooLong', { max: MAX_LENGTH });
  // Control characters (NUL, newline…) have no place in a setting and can truncate paths in C code.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new PrinterSettingError('printer.settingControl');
  if (value !== value.trim()) throw new PrinterSettingError('printer.settingSpaces');

  if (value === 'none') return { kind: 'none' };
  if (value === 'usb') return { kind: 'usb', device: null };
  if (value.startsWith('usb:')) return { kind: 'usb', device: parseUsbIds(value) };
  if (value.startsWith('file:')) return { kind: 'file', dir: parseFileDir(value.slice('file:'.length), platform) };
  if (value.startsWith('windows:')) return { kind: 'windows', name: parseWindowsName(value.slice('windows:'.length)) };

  const lower = value.toLowerCase();
  if (lower === 'none' || lower === 'usb' || lower.startsWith('usb:') || lower.startsWith('file:') || lower.startsWith('windows:')) {
    throw new PrinterSettingError('printer.settingLowercase');
  }
  throw new PrinterSettingError('printer.settingUnknown');
}

function parseUsbIds(value: string): UsbIds {
  const match = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(value);
  if (!match) throw new PrinterSettingError('printer.settingUsbIds');
  const ids = { vid: Number.parseInt(match[1]!, 16), pid: Number.parseInt(match[2]!, 16) };
  if (ids.vid === 0) throw new PrinterSettingError('printer.settingVendorZero');
  return ids;
}

/**
 * A Windows printer name, strictly: it is passed to PowerShell as an argument (never into a script),
 * and these rules also keep that argument plain: no quotes (they would end it), no leading "-" (it
 * would read as a parameter), no commas (Windows does not allow them in printer names). A shared
 * printer is "\\server\name"; otherwise no backslash.
 */
function parseWindowsName(name: string): string {
  const ok =
    name.length >= 1 &&
    name.length <= MAX_WINDOWS_PRINTER_NAME &&
    name === name.trim() &&
    !/["'`,]/.test(name) &&
    !name.startsWith('-') &&
    (!name.includes('\\') || /^\\\\[^\\]+\\[^\\]+$/.test(name));
  if (!ok) throw new PrinterSettingError('printer.settingWindowsName', { max: MAX_WINDOWS_PRINTER_NAME });
  return name;
}

function parseFileDir(dir: string, platform: NodeJS.Platform): string {
  const path = platform === 'win32' ? win32 : posix;
  const example = platform === 'win32' ? 'C:\\pos\\prints' : '/var/lib/khqr-pos/prints';
  if (dir === '') throw new PrinterSettingError('printer.settingFolderMissing', { example });
  if (!path.isAbsolute(dir) || (platform === 'win32' && /^[\\/](?![\\/])/.test(dir))) {
    // A relative folder would depend on where the POS happened to be started; "~" is not expanded.
    throw new PrinterSettingError('printer.settingFolderRelative', { example });
  }
  const segments = dir.split(platform === 'win32' ? /[\\/]/ : '/');
  if (segments.includes('..')) throw new PrinterSettingError('printer.settingFolderDots');
  let normal = path.normalize(dir);
  if (normal.length > 1 && normal.endsWith(path.sep) && normal !== path.parse(normal).root) normal = normal.slice(0, -1);
  if (normal === path.parse(normal).root) throw new PrinterSettingError('printer.settingFolderRoot');
  return normal;
}

/** The canonical string for a setting: what is stored, shown and compared (hex in lowercase). */
export function formatPrinterSetting(setting: PrinterSetting): string {
  switch (setting.kind) {
    case 'none':
      return 'none';
    case 'usb':
      return setting.device ? `usb:${usbIdsText(setting.device)}` : 'usb';
    case 'windows':
      return `windows:${setting.name}`;
    case 'file':
      return `file:${setting.dir}`;
  }
}
