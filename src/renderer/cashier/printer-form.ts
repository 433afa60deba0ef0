/**
 * The Printer part of the Settings form as pure functions (tested in Node): the printer choices to
 * offer, the printer setting ⇄ (choice, folder) in the form, and the receipt header/footer textareas.
 */
import type { UsbPrinterInfo, WindowsPrinterInfo } from '../../shared/contract.ts';
import type { Translate } from '../i18n/index.ts';

import { MAX_RECEIPT_LINES, MAX_RECEIPT_LINE_CHARS, charCount, hasControlCharacters } from '../../shared/rules/text.ts';

/** What the host accepts for receipt header and footer lines: the one rule, src/shared/rules/text.ts. */
export { MAX_RECEIPT_LINES, MAX_RECEIPT_LINE_CHARS };

/** The form's printer choice: 'none', 'usb' (first found), 'usb:vvvv:pppp', or 'file' plus a folder. */
export interface PrinterDraft {
  choice: string;
  folder: string;
}

export function splitPrinterSetting(setting: string): PrinterDraft {
  if (setting.startsWith('file:')) return { choice: 'file', folder: setting.slice('file:'.length) };
  return { choice: setting.trim() === '' ? 'none' : setting, folder: '' };
}

/** The setting to save, or null when the folder is not an absolute path. */
export function joinPrinterSetting(draft: PrinterDraft): string | null {
  if (draft.choice !== 'file') return draft.choice;
  const folder = draft.folder.trim();
  return isAbsoluteDir(folder) ? `file:${folder}` : null;
}

/** "/var/pos", "C:\pos" or "\\server\share" (the host checks it for real). */
export function isAbsoluteDir(path: string): boolean {
  return /^\//.test(path) || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]/.test(path);
}

/** "vvvv:pppp" of a 'usb:vvvv:pppp' setting, else null. */
export function usbIdOf(setting: string): string | null {
  const match = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(setting);
  return match ? `${match[1]}:${match[2]}` : null;
}

export function usbPrinterLabel(printer: UsbPrinterInfo, t: Translate): string {
  const id = `${printer.vid}:${printer.pid}`;
  const name = printer.name?.trim();
  return name ? `${name} (${id})` : t('printer.usbUnnamed', { id });
}

export interface PrinterOption {
  /** The form value: 'none' | 'usb' | 'usb:vvvv:pppp' | 'file'. */
  value: string;
  label: string;
  /** Says more under the label, e.g. that a chosen USB printer is not plugged in now. */
  note: string | null;
}

/**
 * The choices, in order: no printer, the installed Windows printers (on Windows: the recommended
 * set-up), the USB printer (refused by the host when several are attached), each USB printer attached
 * now, then save to folder. A specific printer that is saved or chosen but not there now stays in the
 * list (marked), so the form never loses the setting in force.
 */
export function printerOptions(
  printers: readonly UsbPrinterInfo[] | null,
  keep: readonly string[],
  t: Translate,
  windowsPrinters: readonly WindowsPrinterInfo[] | null = null,
): PrinterOption[] {
  const options: PrinterOption[] = [{ value: 'none', label: t('printer.none'), note: null }];
  const seen = new Set<string>();
  for (const printer of windowsPrinters ?? []) {
    if (seen.has(printer.setting)) continue;
    seen.add(printer.setting);
    const note = printer.offline ? t('printer.windowsOffline', { name: printer.name }) : printer.port;
    options.push({ value: printer.setting, label: t('printer.windowsPrinter', { name: printer.name }), note });
  }
  options.push({ value: 'usb', label: t('printer.firstUsb'), note: null });
  for (const printer of printers ?? []) {
    const key = printer.setting.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    options.push({ value: printer.setting, label: usbPrinterLabel(printer, t), note: null });
  }
  for (const setting of keep) {
    const windowsName = setting.startsWith('windows:') ? setting.slice('windows:'.length) : null;
    if (windowsName) {
      if (seen.has(setting)) continue;
      seen.add(setting);
      options.push({
        value: setting,
        label: t('printer.windowsPrinter', { name: windowsName }),
        note: printers === null ? null : t('printer.notInstalled'),
      });
      continue;
    }
    const id = usbIdOf(setting);
    if (!id || seen.has(setting.toLowerCase())) continue;
    seen.add(setting.toLowerCase());
    options.push({
      value: setting,
      label: t('printer.usbUnnamed', { id }),
      note: printers === null ? null : t('printer.notConnected'),
    });
  }
  options.push({ value: 'file', label: t('printer.folder'), note: null });
  return options;
}

/** Textarea → receipt lines: one per row, trimmed, tabs as spaces, blank rows dropped (as the host does). */
export function parseReceiptLines(text: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((line) => line.replace(/\t/g, ' ').trim())
    .filter((line) => line !== '');
}

/** Characters as the host counts them (code points: a Khmer vowel sign or subscript counts as one). */
export function lineChars(line: string): number {
  return charCount(line);
}

export interface ReceiptLinesCheck {
  lines: string[];
  /** Textarea rows (1-based) longer than the limit, with their length. */
  long: Array<{ row: number; chars: number }>;
  tooMany: boolean;
  /** Control characters other than tabs and line breaks (the host refuses them). */
  badCharacters: boolean;
  ok: boolean;
}

export function checkReceiptLines(text: string): ReceiptLinesCheck {
  const lines = parseReceiptLines(text);
  const long: ReceiptLinesCheck['long'] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const chars = lineChars(raw.replace(/\t/g, ' ').trim());
    if (chars > MAX_RECEIPT_LINE_CHARS) long.push({ row: index + 1, chars });
  });
  const tooMany = lines.length > MAX_RECEIPT_LINES;
  const badCharacters = lines.some(hasControlCharacters);
  return { lines, long, tooMany, badCharacters, ok: long.length === 0 && !tooMany && !badCharacters };
}

/** Words for a failed check, or null when the lines are fine. */
export function receiptLinesProblem(check: ReceiptLinesCheck, t: Translate): string | null {
  if (check.tooMany) return t('printer.linesTooMany', { count: check.lines.length, max: MAX_RECEIPT_LINES });
  const first = check.long[0];
  if (first) return t('printer.lineTooLong', { row: first.row, chars: first.chars, max: MAX_RECEIPT_LINE_CHARS });
  if (check.badCharacters) return t('printer.lineBadCharacters');
  return null;
}
