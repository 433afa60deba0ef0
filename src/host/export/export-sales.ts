/**
 * The accountant's export of a range of business dates or of one Z report, as CSV or XLSX (README, "Export for the
 * accountant"). Reads the ledger through its own read-only SELECT (sales-rows.ts), writes a
 * private file atomically (private-file.ts) and returns the totals of exactly the rows it wrote.
 */
import type { ShiftReport } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import type { Db } from '../ledger/database.ts';
import { businessDateRange, type BusinessDateRange } from './business-date.ts';
import { writeCsv } from './csv.ts';
import { writePrivateFile } from './private-file.ts';
import { saleRows, saleRowsOfShift, type ExportSaleRow } from './sales-rows.ts';
import { addToSummary, emptySummary, withZTotals, type ExportSummary } from '../../shared/export/summary.ts';
import { storedZReport } from '../ledger/shifts.ts';
import { writeXlsx } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportTarget {
  format: ExportFormat;
  /** The file to write (its directory must exist). */
  out: string;
  /** Whether an existing `out` is replaced (default true); false refuses with EEXIST, even for a file that appears meanwhile. */
  replace?: boolean;
}

/** A range of business dates, both ends included. */
export interface ExportByDates extends ExportTarget {
  /** First business date, YYYY-MM-DD (included). */
  from: string;
  /** Last business date, YYYY-MM-DD (included). */
  to: string;
  z?: undefined;
}

/** One closed shift: the sales with a row journaled in its Z report's seq range. */
export interface ExportByZ extends ExportTarget {
  /** The shift number of the Z report (as `ledger z --list` shows). */
  z: number;
  from?: undefined;
  to?: undefined;
}

export type ExportRequest = ExportByDates | ExportByZ;

export interface ExportResult extends ExportSummary {
  format: ExportFormat;
  out: string;
}

function checkFormat(format: unknown): void {
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) {
    throw new PosError('invalid_request', hostMessage('export.format'));
  }
}

/** The range and format checked (PosError in words otherwise), for a caller to refuse before opening anything. */
export function checkExportRequest(request: Pick<ExportByDates, 'from' | 'to' | 'format'>): BusinessDateRange {
  const range = businessDateRange(request.from, request.to);
  checkFormat(request.format);
  return range;
}

/** A Z number checked (a whole number from 1) with the format, before anything is opened. */
export function checkExportByZ(request: Pick<ExportByZ, 'z' | 'format'>): void {
  if (!Number.isSafeInteger(request.z) || request.z < 1) throw new PosError('invalid_request', hostMessage('export.zNumber'));
  checkFormat(request.format);
}

/**
 * Exports the sales whose business date is in [from, to]. `db` should be a connection of the
 * export's own (the ledger CLI opens one read-only): it is busy reading until the file is written.
 * Throws ExportRangeError (in words) for a bad range or format, before any file is touched.
 */
export async function exportSales(db: Db, request: ExportRequest): Promise<ExportResult> {
  let rows: () => Iterable<ExportSaleRow>;
  let summary: ExportSummary;
  let zReport: ShiftReport | null = null;
  if (request.z !== undefined) {
    checkExportByZ(request);
    const z = storedZReport(db, request.z);
    if (!z || z.zNumber === null) throw new PosError('invalid_request', hostMessage('export.zUnknown', { n: request.z }));
    zReport = z;
    const date = z.businessDate ?? '';
    summary = emptySummary(date, date);
    summary.z = { shift: request.z, zNumber: z.zNumber, anchor: z.anchor, fromSeq: z.fromSeq };
    rows = () => saleRowsOfShift(db, { tillId: z.till.id, fromSeq: z.fromSeq, toSeq: z.toSeq });
  } else {
    const range = checkExportRequest(request);
    summary = emptySummary(range.from, range.to);
    rows = () => saleRows(db, range);
  }
  const count = (row: ExportSaleRow): void => addToSummary(summary, row);
  const final = (): ExportSummary => (zReport ? withZTotals(summary, zReport) : summary);
  await writePrivateFile(request.out, (out) =>
    request.format === 'csv' ? writeCsv(rows(), out, count) : writeXlsx(rows(), out, count, final),
    request.replace ?? true,
  );
  return { ...final(), format: request.format, out: request.out };
}
