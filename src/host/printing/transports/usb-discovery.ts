/**
 * USB printers attached now, for the Settings screen. Never throws: a list that may be incomplete
 * comes with `problem` in words (most often the missing udev rule on Linux, which also hides names).
 */
import type { UsbPrinterInfo } from '../../../shared/contract.ts';
import { formatPrinterSetting, usbIdsText } from './printer-setting.ts';
import { createLibusbBackend } from './libusb-backend.ts';
import type { UsbBackend } from './usb-backend.ts';
import { mapUsbError } from './usb-errors.ts';

export interface UsbPrinterListing {
  printers: UsbPrinterInfo[];
  problem: string | null;
}

/** `usb`: defaults to libusb (loaded now, on first use); tests pass a fake. */
export async function listUsbPrinters(deps: { usb?: UsbBackend; platform?: NodeJS.Platform } = {}): Promise<UsbPrinterListing> {
  const platform = deps.platform ?? process.platform;
  const backend = deps.usb ?? createLibusbBackend(platform);
  let found: Awaited<ReturnType<UsbBackend['list']>>;
  try {
    found = await backend.list();
  } catch (error) {
    return { printers: [], problem: mapUsbError(error, { printer: 'the USB printers', phase: 'open', platform }).message };
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
  const mapped = found.errors.map((error) => mapUsbError(error, { printer: 'the USB printer', phase: 'open', platform }));
  // Permission is the problem worth naming first: it also stops printing, and says how to fix it.
  const problem = mapped.find((e) => e.code === 'access_denied') ?? mapped[0] ?? null;
  return { printers, problem: problem ? problem.message : null };
}
