/**
 * USB printers attached now, for the Settings screen. Never throws: a list that may be incomplete
 * comes with `problem`, a catalog message (most often the missing udev rule on Linux, which also
 * hides names); libusb's own codes go to `details`, for the log.
 */
import type { UsbPrinterInfo } from '../../../shared/contract.ts';
import { hostMessage, type HostMessage } from '../../../shared/messages/index.ts';
import { logText } from '../types.ts';
import { formatPrinterSetting, usbIdsText } from './printer-setting.ts';
import { createLibusbBackend } from './libusb-backend.ts';
import type { UsbBackend } from './usb-backend.ts';
import { mapUsbError } from './usb-errors.ts';

export interface UsbPrinterListing {
  printers: UsbPrinterInfo[];
  problem: HostMessage | null;
  /** What went wrong in full (libusb codes), for the log only. */
  details: string[];
}

/** `usb`: defaults to libusb (loaded now, on first use); tests pass a fake. */
export async function listUsbPrinters(deps: { usb?: UsbBackend; platform?: NodeJS.Platform } = {}): Promise<UsbPrinterListing> {
  const platform = deps.platform ?? process.platform;
  const backend = deps.usb ?? createLibusbBackend(platform);
  let found: Awaited<ReturnType<UsbBackend['list']>>;
  try {
    found = await backend.list();
  } catch (error) {
    const mapped = mapUsbError(error, { printer: 'USB', phase: 'open', platform });
    return { printers: [], problem: mapped.text, details: [logText(mapped)] };
  }
  const printers: UsbPrinterInfo[] = [];
  for (const { ids, name } of found.printers) {
    const setting = formatPrinterSetting({ kind: 'usb', device: ids });
    const same = printers.find((p) => p.setting === setting);
    // Two printers of the same model share one setting: list it once (the first one found is used).
    if (same) same.name ??= name;
    else {
      const [vid, pid] = usbIdsText(ids).split(':') as [string, string];
      printers.push({ vid, pid, name, setting });
    }
  }
  const mapped = found.errors.map((error) => mapUsbError(error, { printer: 'USB', phase: 'open', platform }));
  // Permission is the problem worth naming: it also stops printing, and says how to fix it. Any other
  // failure to read a printer's name only means the list may lack something.
  const access = mapped.find((e) => e.reason === 'access_denied');
  const problem = access ? access.text : mapped.length > 0 ? hostMessage('printer.listIncomplete') : null;
  return { printers, problem, details: mapped.map(logText) };
}
