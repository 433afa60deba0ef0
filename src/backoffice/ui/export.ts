/**
 * The accountant's export across tills: every sale of every till whose business date (its payment's
 * when paid, else its creation's: saleBusinessDate, as the till's export) is in [from, to], in the
 * till's own CSV or XLSX format — the same columns (src/shared/export/columns.ts) written by the same
 * writers (src/host/export/csv.ts and xlsx.ts, which import nothing of the till but src/shared) —
 * the rows folded from each till's journal (src/shared/reports/journal-fold.ts), tills by shop and
 * name, sales by number. The file is streamed to the browser with backpressure; the tills' sales of
 * the range are folded before the first byte (held in memory, as a page's folds are).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { businessDayStart, DAY_MS, MAX_RANGE_DAYS, saleBusinessDate } from '../../shared/business-date.ts';
import type { ExportSaleRow } from '../../shared/export/sale-row.ts';
import { addToSummary, emptySummary } from '../../shared/export/summary.ts';
import { writeCsv } from '../../host/export/csv.ts';
import { writeXlsx } from '../../host/export/xlsx.ts';
import type { Pool } from '../db.ts';
import { html, type Html } from './html.ts';
import { page, t, type PageContext } from './layout.ts';
import { securityHeaders } from './security.ts';
import { foldTill, listTills } from './till-rows.ts';

const FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function exportPage(ctx: PageContext, today: string, refused = false): Html {
  return page(ctx, t(ctx, 'export.title'), html`
<p>${t(ctx, 'export.explain')}</p>
<form method="get" action="/export">
  <label>${t(ctx, 'export.from')} <input type="date" name="from" value="${today}" required></label>
  <label>${t(ctx, 'export.to')} <input type="date" name="to" value="${today}" required></label>
  <label>${t(ctx, 'export.format')} <select name="format"><option value="csv">CSV</option><option value="xlsx">XLSX</option></select></label>
  <button type="submit">${t(ctx, 'export.download')}</button>
</form>`, refused ? { status: 'error', message: t(ctx, 'export.badRange', { max: MAX_RANGE_DAYS }) } : {});
}

/** The range and format asked for, or null when they are not a valid request. */
export function exportRequest(query: URLSearchParams): { from: string; to: string; format: keyof typeof FORMATS } | null {
  const [from, to, format] = [query.get('from') ?? '', query.get('to') ?? '', query.get('format') ?? ''];
  const start = businessDayStart(from);
  const end = businessDayStart(to);
  if (start === null || end === null || start > end || (end - start) / DAY_MS + 1 > MAX_RANGE_DAYS) return null;
  if (!Object.hasOwn(FORMATS, format)) return null;
  return { from, to, format: format as keyof typeof FORMATS };
}

/** Every till's sales whose business date is in [from, to]. */
export async function exportRows(pool: Pool, from: string, to: string): Promise<ExportSaleRow[]> {
  const rows: ExportSaleRow[] = [];
  for (const till of await listTills(pool)) {
    const fold = await foldTill(pool, till);
    for (const sale of fold?.sales ?? []) {
      const date = saleBusinessDate(sale);
      if (date >= from && date <= to) rows.push(sale);
    }
  }
  return rows;
}

export async function sendExport(ctx: PageContext, _req: IncomingMessage, res: ServerResponse, pool: Pool, query: URLSearchParams, today: string): Promise<void> {
  const request = exportRequest(query);
  if (!request) {
    const body = exportPage(ctx, today, true).text;
    res.writeHead(400, { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
    return;
  }
  const rows = await exportRows(pool, request.from, request.to);
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': FORMATS[request.format],
    'Content-Disposition': `attachment; filename="sales-${request.from}-to-${request.to}.${request.format}"`,
    'Cache-Control': 'no-store',
  });
  const summary = emptySummary(request.from, request.to);
  const count = (row: ExportSaleRow): void => addToSummary(summary, row);
  if (request.format === 'csv') await writeCsv(rows, res, count);
  else await writeXlsx(rows, res, count, () => summary);
}
