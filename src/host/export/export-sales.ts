/**
 * The accountant's export of a range of business dates, as CSV or XLSX (README, "Export for the
 * accountant"). Reads the ledger through its own read-only SELECT (sales-rows.ts), writes a
 * private file atomically (private-file.ts) and returns the totals of exactly the rows it wrote.
 */
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import type { Db } from '../ledger/database.ts';
import { businessDateRange, type BusinessDateRange } from './business-date.ts';
import { writeCsv } from './csv.ts';
import { writePrivateFile } from './private-file.ts';
import { saleRows } from './sales-rows.ts';
import { addToSummary, emptySummary, type ExportSummary } from './summary.ts';
import { writeXlsx } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  /** First business date, YYYY-MM-DD (included). */
  from: string;
  /** Last business date, YYYY-MM-DD (included). */
  to: string;
  format: ExportFormat;
  /** The file to write (its directory must exist). */
  out: string;
  /** Whether an existing `out` is replaced (default true); false refuses with EEXIST, even for a file that appears meanwhile. */
  replace?: boolean;
}

export interface ExportResult extends ExportSummary {
  format: ExportFormat;
  out: string;
}

/** The range and format checked (PosError in words otherwise), for a caller to refuse before opening anything. */
export function checkExportRequest(request: Pick<ExportRequest, 'from' | 'to' | 'format'>): BusinessDateRange {
  const range = businessDateRange(request.from, request.to);
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(request.format)) {
    throw new PosError('invalid_request', hostMessage('export.format'));
  }
  return range;
}

/**
 * Exports the sales whose business date is in [from, to]. `db` should be a connection of the
 * export's own (the ledger CLI opens one read-only): it is busy reading until the file is written.
 * Throws ExportRangeError (in words) for a bad range or format, before any file is touched.
 */
export async function exportSales(db: Db, request: ExportRequest): Promise<ExportResult> {
  const range = checkExportRequest(request);
  const summary = emptySummary(range.from, range.to);
  const count = (row: Parameters<typeof addToSummary>[1]): void => addToSummary(summary, row);
  await writePrivateFile(request.out, (out) =>
    request.format === 'csv' ? writeCsv(saleRows(db, range), out, count) : writeXlsx(saleRows(db, range), out, count, () => summary),
    request.replace ?? true,
  );
  return { ...summary, format: request.format, out: request.out };
}
