import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GlobalFonts } from '@napi-rs/canvas';
import { defaultFontDir, FONT_FILES, KHMER_FAMILY, LATIN_FAMILY, registerReceiptFonts } from '../../../../src/host/printing/receipt/fonts.ts';
import { formatReceiptDateTime, renderReceipt } from '../../../../src/host/printing/receipt/layout.ts';
import { isBlack } from '../../../../src/host/printing/receipt/raster.ts';
import { sampleReceiptData } from '../../../../src/host/printing/receipt/sample.ts';
import { RECEIPT_STYLE } from '../../../../src/host/printing/receipt/style.ts';
import { PAPER_DOTS, type Bitmap, type PaperWidth, type ReceiptData } from '../../../../src/host/printing/types.ts';

const WIDTHS: PaperWidth[] = [58, 80];
const plain = (paperWidth: PaperWidth, overrides: Partial<ReceiptData> = {}) =>
  sampleReceiptData(paperWidth, { training: false, ...overrides });

function blackInRows(bitmap: Bitmap, top: number, bottom: number, left = 0, right = bitmap.width): number {
  let n = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (isBlack(bitmap, x, y)) n++;
  return n;
}

/** Longest run of rows that are almost entirely black (an inverted box; a rule is only 2 rows). */
function longestSolidBand(bitmap: Bitmap): number {
  let longest = 0;
  let run = 0;
  for (let y = 0; y < bitmap.height; y++) {
    run = blackInRows(bitmap, y, y + 1) > bitmap.width * 0.6 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Rows where two same-height receipts differ (the only content that changed between them). */
function differingRows(a: Bitmap, b: Bitmap): { top: number; bottom: number } {
  assert.equal(a.height, b.height, 'the two receipts should have the same layout height');
  const rowBytes = a.width / 8;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < a.height; y++) {
    const same = a.data.subarray(y * rowBytes, (y + 1) * rowBytes).every((v, i) => v === b.data[y * rowBytes + i]);
    if (!same) {
      if (top < 0) top = y;
      bottom = y + 1;
    }
  }
  assert.ok(top >= 0, 'the receipts should differ somewhere');
  return { top, bottom };
}

/** Leftmost and rightmost columns, within the rows, of dots black in `a` (and white in `unlike`, if given). */
function inkColumns(a: Bitmap, top: number, bottom: number, unlike?: Bitmap): { first: number; last: number } {
  let first = a.width;
  let last = -1;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < a.width; x++) {
      if (isBlack(a, x, y) && !(unlike && isBlack(unlike, x, y))) {
        first = Math.min(first, x);
        last = Math.max(last, x);
      }
    }
  }
  return { first, last };
}

test('a missing font directory is reported by file name; the bundled fonts load from resources/fonts', () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
  assert.throws(() => registerReceiptFonts(empty), /receipt font missing: .*noto-sans-latin-400-normal\.woff2/);
  assert.equal(registerReceiptFonts(), defaultFontDir());
  assert.match(defaultFontDir(), /resources[/\\]fonts[/\\]?$/);
  for (const { file } of FONT_FILES) assert.ok(existsSync(join(defaultFontDir(), file)), file);
  assert.ok(readdirSync(defaultFontDir()).some((f) => /^OFL.*\.txt$/.test(f)), 'the OFL licence ships with the fonts');
  const families = GlobalFonts.families.map((f) => f.family);
  assert.ok(families.includes(LATIN_FAMILY) && families.includes(KHMER_FAMILY));
});

test('the receipt date is day/month/year with a 24-hour clock in local time', () => {
  assert.equal(formatReceiptDateTime(new Date(2026, 10, 24, 14, 5).getTime()), '24/11/2026 14:05');
  assert.equal(formatReceiptDateTime(new Date(2027, 0, 2, 9, 7).getTime()), '02/01/2027 09:07');
});

for (const paperWidth of WIDTHS) {
  test(`${paperWidth} mm: a Khmer receipt is exactly paper width, has height, and keeps its ink off the margins`, () => {
    const bitmap = renderReceipt(plain(paperWidth));
    assert.equal(bitmap.width, PAPER_DOTS[paperWidth]);
    assert.ok(bitmap.height > 300, `height ${bitmap.height}`);
    assert.equal(bitmap.data.length, (bitmap.width / 8) * bitmap.height);
    const margin = RECEIPT_STYLE[paperWidth].margin;
    assert.ok(blackInRows(bitmap, 0, 80) > 500, 'the merchant name is printed at the top');
    assert.equal(blackInRows(bitmap, 0, bitmap.height, 0, margin), 0, 'left margin is blank');
    assert.equal(blackInRows(bitmap, 0, bitmap.height, bitmap.width - margin, bitmap.width), 0, 'right margin is blank');
  });

  test(`${paperWidth} mm: unbreakable long text wraps inside the paper instead of running off it`, () => {
    const long = plain(paperWidth, {
      merchantName: 'ហាងលក់គ្រឿងទេសនិងម្ហូបអាហារខ្មែរស្រីមុំនិងបងប្អូនភ្នំពេញថ្មី',
      reference: 'f'.repeat(64),
      headerLines: ['Sokha Mini Mart & Phone Accessories, Street 63, Boeung Keng Kang 1, Phnom Penh'],
    });
    const bitmap = renderReceipt(long);
    const margin = RECEIPT_STYLE[paperWidth].margin;
    assert.ok(bitmap.height > renderReceipt(plain(paperWidth)).height + 60, 'wrapped lines make the receipt taller');
    assert.equal(blackInRows(bitmap, 0, bitmap.height, 0, margin), 0);
    assert.equal(blackInRows(bitmap, 0, bitmap.height, bitmap.width - margin, bitmap.width), 0);
  });

  test(`${paperWidth} mm: TRAINING and COPY are printed as solid inverted boxes a plain receipt lacks`, () => {
    const normal = renderReceipt(plain(paperWidth));
    const training = renderReceipt(plain(paperWidth, { training: true }));
    const copy = renderReceipt(plain(paperWidth, { copy: true }));
    assert.ok(longestSolidBand(normal) <= 4, 'a plain receipt has only thin rules');
    assert.ok(longestSolidBand(training) >= 10, 'TRAINING box');
    assert.ok(longestSolidBand(copy) >= 10, 'COPY box');
    assert.ok(training.height > normal.height && copy.height > normal.height);
    const dark = (b: Bitmap) => blackInRows(b, 0, b.height);
    assert.ok(dark(training) > dark(normal) + 10_000 && dark(copy) > dark(normal) + 10_000);
    const late = renderReceipt(plain(paperWidth, { paidLate: true }));
    assert.ok(late.height > normal.height + 40, 'a late payment adds its note');
  });
}

const ALIGN_CASES: Array<{ paperWidth: PaperWidth; long: number }> = [
  { paperWidth: 80, long: 9_999_999 },
  { paperWidth: 58, long: 99_999 },
];
for (const { paperWidth, long } of ALIGN_CASES) {
  test(`${paperWidth} mm: a long amount ends at the same right edge as $1.00 (right-aligned by measuring)`, () => {
    // Same riel on both so that the amount is the only thing that differs.
    const short = renderReceipt(plain(paperWidth, { amountCents: 100, riel: 4000 }));
    const big = renderReceipt(plain(paperWidth, { amountCents: long, riel: 4000 }));
    const band = differingRows(short, big);
    // The label sits at the left of the same rows, so the rightmost ink is the amount's.
    const a = inkColumns(short, band.top, band.bottom);
    const b = inkColumns(big, band.top, band.bottom);
    const right = PAPER_DOTS[paperWidth] - RECEIPT_STYLE[paperWidth].margin - 1;
    assert.ok(Math.abs(a.last - b.last) <= 2, `right edges ${a.last} and ${b.last}`);
    assert.ok(right - a.last <= 3 && a.last <= right, `amount ends at ${a.last}, margin at ${right}`);
    // Where each amount starts: the leftmost of its dots the other receipt does not have.
    const shortStart = inkColumns(short, band.top, band.bottom, big).first;
    const bigStart = inkColumns(big, band.top, band.bottom, short).first;
    assert.ok(bigStart < shortStart - 40, `the longer amount starts further left (${bigStart} vs ${shortStart})`);
  });
}
