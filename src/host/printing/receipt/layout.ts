/**
 * ReceiptData → the raster the printer gets. Drawn with a canvas so Khmer is shaped by a real text
 * engine (stacked subscripts, reordered vowels), then thresholded to 1 bit. Never sends text.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { formatExact, formatMoney } from '../../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../../shared/money.ts';
import { PAPER_DOTS, type Bitmap, type PaperWidth, type ReceiptData } from '../types.ts';
import { box, row, rule, space, stack, text, type Block, type Frame, type Rect } from './blocks.ts';
import { registerReceiptFonts } from './fonts.ts';
import { LABELS } from './labels.ts';
import { thresholdToBitmap } from './raster.ts';
import { BLACK_THRESHOLD, RECEIPT_STYLE, type ReceiptStyle } from './style.ts';

/** "24/11/2026 14:05" in the host's local time (Cambodia writes day/month/year, 24-hour clock). */
export function formatReceiptDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function sections(frame: Frame, s: ReceiptStyle, data: ReceiptData): Block[] {
  const ruled = () => rule(frame, s.ruleThickness, s.ruleSpace);
  const blocks: Block[] = [space(s.top), text(frame, data.merchantName, s.name, 'center')];
  if (data.headerLines.length > 0) blocks.push(space(s.blockSpace));
  for (const line of data.headerLines) blocks.push(text(frame, line, s.header, 'center'));

  blocks.push(
    ruled(),
    row(frame, LABELS.date, s.label, formatReceiptDateTime(data.paidAt), s.value, s.gap),
    row(frame, LABELS.sale, s.label, data.receiptNumber, s.value, s.gap),
    ruled(),
  );
  const payment = data.payment;
  // A sale keyed in riel is totalled in riel, its dollars under it; a dollar sale the other way round.
  blocks.push(payment?.dueCurrency === 'KHR'
    ? row(frame, LABELS.total, s.totalLabel, formatRiel(data.riel), s.amount, s.gap)
    : row(frame, LABELS.total, s.totalLabel, formatUsd(data.amountCents), s.amount, s.gap));
  blocks.push(
    space(s.blockSpace),
    payment?.dueCurrency === 'KHR'
      ? row(frame, LABELS.usd, s.label, formatUsd(data.amountCents), s.riel, s.gap)
      : row(frame, LABELS.riel, s.label, formatRiel(data.riel), s.riel, s.gap),
    row(frame, LABELS.rate, s.label, `$1 = ${formatRiel(data.khrPerUsd)}`, s.value, s.gap),
    space(s.blockSpace),
  );
  if (payment) {
    // Each tender as handed over, then the change in each currency given, then the rounding line.
    for (const tender of payment.tenders) {
      blocks.push(row(frame, tender.kind === 'cash' ? LABELS.cash : LABELS.khqr, s.label, formatMoney(tender), s.value, s.gap));
    }
    const change = [payment.change.usd > 0 ? formatUsd(payment.change.usd) : null, payment.change.khr > 0 ? formatRiel(payment.change.khr) : null]
      .filter((part) => part !== null).join(' + ');
    blocks.push(row(frame, LABELS.change, s.label, change === '' ? formatUsd(0) : change, s.value, s.gap));
    if (payment.roundingExact !== 0) blocks.push(row(frame, LABELS.rounding, s.label, formatExact(payment.roundingExact), s.value, s.gap));
    if (payment.tenders.some((t) => t.kind === 'khqr')) blocks.push(row(frame, LABELS.reference, s.label, data.reference, s.value, s.gap));
  } else {
    blocks.push(
      row(frame, LABELS.paidBy, s.label, LABELS.paidByValue, s.value, s.gap),
      row(frame, LABELS.reference, s.label, data.reference, s.value, s.gap),
    );
  }

  const notices: Block[] = [];
  if (data.training) {
    notices.push(box(frame, s.boxPadding, 'filled', (inner) => LABELS.training.map((t) => text(inner, t, s.banner, 'center', 'white'))));
  }
  if (data.copy) {
    notices.push(box(frame, s.boxPadding, 'filled', (inner) => LABELS.copy.map((t) => text(inner, t, s.copy, 'center', 'white'))));
  }
  if (data.paidLate) {
    notices.push(box(frame, s.boxPadding, 'outlined', (inner) => LABELS.paidLate.map((t) => text(inner, t, s.note, 'center'))));
  }
  blocks.push(ruled());
  for (const notice of notices) blocks.push(notice, space(s.ruleSpace));

  for (const line of data.footerLines) blocks.push(text(frame, line, s.footer, 'center'));
  blocks.push(space(s.bottom));
  return blocks;
}

/** The antialiased receipt and where its white-on-black boxes are (they threshold the other way). */
export interface DrawnReceipt {
  canvas: Canvas;
  inverted: Rect[];
}

/**
 * Any printed document (receipt, Z report) drawn antialiased at printer resolution: paper width in
 * dots × content height, before it becomes 1 bit. `sections` lays the document out in the frame.
 */
export function drawDocument(paperWidth: PaperWidth, sections: (frame: Frame, s: ReceiptStyle) => Block[]): DrawnReceipt {
  registerReceiptFonts();
  const width = PAPER_DOTS[paperWidth];
  const s = RECEIPT_STYLE[paperWidth];
  const frame: Frame = { measure: createCanvas(width, 1).getContext('2d'), left: s.margin, right: width - s.margin, leading: s.leading };
  const document = stack(sections(frame, s));
  const canvas = createCanvas(width, Math.ceil(document.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'alphabetic';
  const inverted: Rect[] = [];
  document.draw(ctx, 0, inverted);
  return { canvas, inverted };
}

/** A drawn document as the 1-bit raster sent to the printer. */
export function toPrinterBitmap({ canvas, inverted }: DrawnReceipt): Bitmap {
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  return thresholdToBitmap(pixels.data, canvas.width, canvas.height, BLACK_THRESHOLD, inverted);
}

/**
 * The antialiased receipt at printer resolution (paper width in dots × content height), before it
 * becomes 1 bit. For tuning the threshold; the cashier's preview shows the 1-bit raster instead.
 */
export function drawReceipt(data: ReceiptData): DrawnReceipt {
  return drawDocument(data.paperWidth, (frame, s) => sections(frame, s, data));
}

/** The receipt as the 1-bit raster sent to the printer: paper width in dots, as tall as the content. */
export function renderReceipt(data: ReceiptData): Bitmap {
  return toPrinterBitmap(drawReceipt(data));
}
