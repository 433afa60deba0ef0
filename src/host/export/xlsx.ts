/**
 * The XLSX export, through exceljs's streaming WorkbookWriter (no zip or XML written by hand):
 * a Sales sheet with every row and a Summary sheet (the tab the workbook opens on). Rows are
 * committed as they are read and the writer waits whenever the zip or the file falls behind, so a
 * year of sales never sits in memory. The Summary is written last, from the totals of the rows
 * actually written.
 *
 * Headers are one row, English then Khmer on a second line of the same cell, so a filter or a pivot
 * table sees one header row. Amounts are numbers: USD as cents / 100 formatted 0.00 (totals are
 * added in integer cents, never from these cells), riel and rates as whole numbers. Times stay ISO
 * 8601 text with +07:00, exactly as in the CSV. Text cells are typed text, so a merchant name that
 * starts with = is shown, never run as a formula.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_STATUSES, type ExportStatus } from '../../shared/export/sale-row.ts';
import { COLUMNS } from '../../shared/export/columns.ts';
import type { ExportSaleRow } from '../../shared/export/sale-row.ts';
import type { ExportSummary, Total } from '../../shared/export/summary.ts';

/** Rows committed between two checks of the zip's and the file's buffers. */
const ROWS_PER_CHECK = 250;
/** Bytes of sheet XML that may wait for the compressor before the writer stops reading rows. */
const BACKLOG_BYTES = 512 * 1024;

const USD_FORMAT = '0.00';
const INTEGER_FORMAT = '0';

/** The parts of a (readable-stream) stream the writer looks at: how many bytes it holds. */
interface Buffered {
  _writableState?: { length: number };
  _readableState?: { length: number };
}

const held = (stream: Buffered | undefined): number => (stream?._writableState?.length ?? 0) + (stream?._readableState?.length ?? 0);

/**
 * Waits while exceljs's pipeline is behind. exceljs writes each sheet's XML into its zip entry
 * without looking at backpressure, and the zip (archiver) keeps compressed output for the file
 * however much the file lags, so the writer looks instead: while the sheet's entry and the zip
 * hold more than BACKLOG_BYTES, or the file asks to drain, it stops reading rows and looks again a
 * moment later (the streams involved give no reliable event for "less buffered"). A stalled disk
 * therefore stops the reading of rows. Rejects if the file fails or closes meanwhile.
 */
async function keepUp(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const entries = (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes ?? [];
  const zip = (workbook as unknown as { zip?: Buffered }).zip;
  for (;;) {
    if (out.errored) throw out.errored;
    if (out.destroyed) throw new Error('the export file was closed before the workbook was complete');
    const backlog = entries.reduce((sum, entry) => sum + held(entry), held(zip));
    if (backlog <= BACKLOG_BYTES && !out.writableNeedDrain) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  // Lets zlib and the file catch up with what was just committed before more rows are read.
  await immediate();
}

function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function header(sheet: ExcelJS.Worksheet, cells: readonly string[]): void {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
  row.commit();
}

/** Writes the workbook to `out` (ended when done), counting each row through `onRow`; returns once the file is complete. */
export async function writeXlsx(
  rows: Iterable<ExportSaleRow>,
  out: Writable,
  onRow: (row: ExportSaleRow) => void,
  summary: () => ExportSummary,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'KHQR Counter POS';
  // The Summary is opened on screen first (the active tab) but is the second sheet: exceljs opens a
  // sheet's zip entry when the sheet is added and the zip writes entries in turn, so a Summary added
  // first would hold every Sales row in memory until the end.
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  const sales = workbook.addWorksheet('Sales', { views: [{ state: 'frozen', ySplit: 1 }] });
  sales.columns = COLUMNS.map((column) => ({
    width: column.kind === 'text' ? 24 : 14,
    style: column.kind === 'usd' || column.kind === 'exact' ? { numFmt: USD_FORMAT } : column.kind === 'integer' ? { numFmt: INTEGER_FORMAT } : {},
  }));
  header(sales, COLUMNS.map((column) => `${column.en}\n${column.km}`));

  let sinceCheck = 0;
  for (const row of rows) {
    onRow(row);
    sales.addRow(COLUMNS.map((column) => {
      const value = column.value(row);
      // Cents and hundredths of a riel as the number they stand for (shown with two decimals).
      return (column.kind === 'usd' || column.kind === 'exact') && value !== null ? (value as number) / 100 : value;
    })).commit();
    if (++sinceCheck === ROWS_PER_CHECK) {
      sinceCheck = 0;
      await keepUp(workbook, sales, out);
    }
  }
  sales.commit();
  const summarySheet = workbook.addWorksheet('Summary');
  writeSummary(summarySheet, summary());
  summarySheet.commit();
  await workbook.commit();
}

function writeSummary(sheet: ExcelJS.Worksheet, s: ExportSummary): void {
  sheet.columns = [
    { width: 44 }, { width: 40 }, { width: 12, style: { numFmt: INTEGER_FORMAT } },
    { width: 16, style: { numFmt: USD_FORMAT } }, { width: 18, style: { numFmt: INTEGER_FORMAT } },
  ];
  const line = (en: string, km: string, ...values: Array<string | number>): void => {
    sheet.addRow([en, km, ...values]).commit();
  };
  const total = (en: string, km: string, t: Total): void => line(en, km, t.count, t.cents / 100, t.riel);
  line('Sales export', 'ការនាំចេញការលក់');
  line('From (business date)', 'ចាប់ពីថ្ងៃ', s.from);
  line('To (business date)', 'ដល់ថ្ងៃ', s.to);
  if (s.z) {
    line('Z report', 'របាយការណ៍ Z', s.z.zNumber);
    line('Shift', 'វេន', s.z.shift);
    line('Journal rows (seq)', 'ជួរទិន្នានុប្បវត្តិ (seq)', `${s.z.fromSeq}–${s.z.anchor.seq}`);
    line('Anchor (ledger verify --anchor)', 'យុថ្កា (ledger verify --anchor)', `${s.z.anchor.seq}:${s.z.anchor.hash16}`);
  }
  line('Rows in the Sales sheet', 'ចំនួនជួរក្នុងសន្លឹក Sales', s.rows);
  sheet.addRow([]).commit();
  header(sheet, ['', '', 'Count\nចំនួន', 'USD\nដុល្លារ', 'KHR\nរៀល']);
  total('Takings (paid to the shop\'s own account)', 'ចំណូល (បង់ចូលគណនីហាងផ្ទាល់)', s.takings);
  total('  of which paid late', '  ក្នុងនោះ បង់យឺត', s.paidLate);
  total('  of which overpaid (owed back)', '  ក្នុងនោះ បង់លើស (ត្រូវប្រគល់វិញ)', s.overpaid);
  total('Paid to other accounts (not takings)', 'បង់ចូលគណនីផ្សេង (មិនមែនជាចំណូល)', s.otherAccount);
  total('Training sales (never takings)', 'ការលក់ហ្វឹកហាត់ (មិនមែនជាចំណូល)', s.training);
  total('  of which marked paid', '  ក្នុងនោះ បានបង់', s.trainingPaid);
  sheet.addRow([]).commit();
  header(sheet, ['Real sales by status', 'ការលក់ពិតតាមស្ថានភាព', 'Count\nចំនួន', 'USD\nដុល្លារ', 'KHR\nរៀល']);
  for (const status of EXPORT_STATUSES) total(status, STATUS_KM[status], s.byStatus[status]);
}

const STATUS_KM: Record<ExportStatus, string> = {
  creating: 'កំពុងបង្កើត',
  awaiting_payment: 'កំពុងរង់ចាំការបង់ប្រាក់',
  paid: 'បានបង់',
  expired: 'ផុតកំណត់',
  cancelled: 'បានលុបចោល',
  failed: 'បរាជ័យ',
  partly_paid: 'បានបង់ខ្លះ',
  voided: 'ទុកជាមោឃៈ',
};
