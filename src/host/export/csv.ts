/**
 * The CSV export: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the local code page
 * and Khmer turns to mojibake), RFC 4180 (comma, CRLF, fields with a quote, comma or line break in
 * double quotes, quotes doubled), and no cell that a spreadsheet would run as a formula.
 * Streamed: lines are produced as the output asks for them (pipeline honours backpressure), so the
 * rows are never held in memory.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { COLUMNS, csvText, type CellKind } from '../../shared/export/columns.ts';
import type { ExportSaleRow } from '../../shared/export/sale-row.ts';

export const BOM = '\uFEFF';

/** Rows per chunk handed to the output: few enough to stay small, enough to keep the per-chunk cost low. */
const ROWS_PER_CHUNK = 200;

/**
 * A cell that a spreadsheet would read as a formula (= + - @, or a tab or carriage return before
 * one) gets a leading single quote, so a merchant name like `=HYPERLINK(…)` stays text. Only free
 * text is guarded (csvLine): a number the POS made (an amount, a negative rounding line) is written
 * as the number it is, or a spreadsheet would read `'-20` as text and leave it out of a SUM.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One field as RFC 4180 writes it. */
export function quoteField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One line; `kinds` says which cells are numbers the POS made (every cell is text without it). */
export function csvLine(cells: readonly string[], kinds?: readonly CellKind[]): string {
  return `${cells.map((cell, i) => quoteField((kinds?.[i] ?? 'text') === 'text' ? neutralizeFormula(cell) : cell)).join(',')}\r\n`;
}

const KINDS = COLUMNS.map((column) => column.kind);

/** The file's text, chunk by chunk: BOM and header, then the rows as they are read. */
export async function* csvChunks(rows: Iterable<ExportSaleRow>, onRow: (row: ExportSaleRow) => void): AsyncGenerator<string> {
  yield BOM + csvLine(COLUMNS.map((column) => column.en));
  let chunk = '';
  let inChunk = 0;
  for (const row of rows) {
    onRow(row);
    chunk += csvLine(COLUMNS.map((column) => csvText(column, row)), KINDS);
    if (++inChunk === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (chunk) yield chunk;
}

/** Writes the CSV to `out` (ended when done), counting each row through `onRow` as it is written. */
export async function writeCsv(rows: Iterable<ExportSaleRow>, out: Writable, onRow: (row: ExportSaleRow) => void): Promise<void> {
  await pipeline(Readable.from(csvChunks(rows, onRow), { objectMode: false, highWaterMark: 16 * 1024 }), out);
}
