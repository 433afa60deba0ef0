/**
 * What Settings → Printer says receipts go to, as a catalog message built from the validated
 * setting only (ids, a Windows printer name, a folder): never a name a device reported.
 */
import { hostMessage, type HostMessage } from '../../shared/messages/index.ts';
import { parsePrinterSetting, usbIdsText } from './transports/printer-setting.ts';

export function describePrinterSetting(setting: string, platform: NodeJS.Platform = process.platform): HostMessage {
  let parsed;
  try {
    parsed = parsePrinterSetting(setting, platform);
  } catch {
    return hostMessage('printer.describeInvalid');
  }
  switch (parsed.kind) {
    case 'none':
      return hostMessage('printer.describeNone');
    case 'usb':
      return parsed.device ? hostMessage('printer.describeUsb', { ids: usbIdsText(parsed.device) }) : hostMessage('printer.describeUsbOnly');
    case 'windows':
      return hostMessage('printer.describeWindows', { name: parsed.name });
    case 'file':
      return hostMessage('printer.describeFile', { dir: parsed.dir });
  }
}
