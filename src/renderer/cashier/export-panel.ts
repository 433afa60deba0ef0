/**
 * The Export panel's pure rules (tests/renderer/cashier/export-panel.test.ts): today's business date
 * (Cambodia, UTC+07:00 all year), the form checked into `export.create` arguments before anything
 * is sent, and the arguments of "export this Z" for the Shift tab. The host checks everything again.
 */
import type { ExportCreateArgs } from '../../shared/contract.ts';
import type { MessageKey } from '../i18n/en.ts';

export type ExportFormatChoice = 'csv' | 'xlsx';

export interface ExportForm {
  from: string;
  to: string;
  format: ExportFormatChoice;
}

const OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's business date in Cambodia, YYYY-MM-DD (the default of both ends of the range). */
export function cambodiaToday(now: number): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}

export function defaultExportForm(now: number): ExportForm {
  const today = cambodiaToday(now);
  return { from: today, to: today, format: 'csv' };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form as `export.create` arguments, or the message key of what is wrong with it. */
export function exportArgs(form: ExportForm): { ok: true; args: ExportCreateArgs } | { ok: false; problem: MessageKey } {
  if (!DATE.test(form.from) || !DATE.test(form.to)) return { ok: false, problem: 'export.datesMissing' };
  if (form.from > form.to) return { ok: false, problem: 'export.datesReversed' };
  return { ok: true, args: { format: form.format, from: form.from, to: form.to } };
}

/** "Export this Z": the arguments for one closed shift's sales (its shift number). */
export function exportZArgs(shift: number, format: ExportFormatChoice = 'xlsx'): ExportCreateArgs {
  return { format, z: shift };
}
