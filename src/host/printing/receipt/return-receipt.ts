/**
 * The receipt of a refund or a void → the raster the printer gets, drawn like a sale's receipt
 * (layout.ts), English with Khmer on every label. It names the original sale's receipt number, what is
 * given back (per currency, in its own currency) and how: in cash, or by bank transfer with the
 * reference the cashier typed (the KHQR API cannot send money back: the shop does it from its bank).
 * The reason is the cashier's own text, printed as text.
 */
import { formatRiel, formatUsd } from '../../../shared/money.ts';
import type { Currency } from '../../../shared/contract.ts';
import type { RefundMethod } from '../../../shared/rules/refund.ts';
import type { Bitmap, PaperWidth } from '../types.ts';
import { box, row, rule, space, text, type Block, type Frame } from './blocks.ts';
import { drawDocument, formatReceiptDateTime, toPrinterBitmap } from './layout.ts';
import { LABELS } from './labels.ts';
import type { ReceiptStyle } from './style.ts';

export interface ReturnReceiptData {
  paperWidth: PaperWidth;
  merchantName: string;
  headerLines: readonly string[];
  footerLines: readonly string[];
  kind: 'refund' | 'void';
  /** The document's own number: `<code>-R<n>` (refund) or `<code>-V<n>` (void). */
  number: string;
  /** The receipt number of the sale it refunds or voids. */
  saleNumber: string;
  at: number;
  /** What goes back, each amount in its own currency (minor units), above 0. */
  returned: ReadonlyArray<{ currency: Currency; amount: number }>;
  method: RefundMethod;
  reference: string | null;
  reason: string;
  training: boolean;
}

export const RETURN_LABELS = {
  refund: 'REFUND / ការសងប្រាក់វិញ',
  void: 'VOID / ការលុបចោល',
  number: 'Number / លេខ',
  original: 'Original sale / ការលក់ដើម',
  returned: 'Returned / បានប្រគល់វិញ',
  cash: 'In cash / ជាសាច់ប្រាក់',
  bank: 'By bank transfer / តាមការផ្ទេរប្រាក់តាមធនាគារ',
  reference: 'Transfer ref / លេខយោងផ្ទេរ',
  reason: 'Reason / មូលហេតុ',
  nothing: 'Nothing / គ្មាន',
} as const;

const amountText = (currency: Currency, amount: number): string => (currency === 'USD' ? formatUsd(amount) : formatRiel(amount));

function sections(frame: Frame, s: ReceiptStyle, data: ReturnReceiptData): Block[] {
  const ruled = () => rule(frame, s.ruleThickness, s.ruleSpace);
  const line = (label: string, value: string) => row(frame, label, s.label, value, s.value, s.gap);
  const blocks: Block[] = [space(s.top), text(frame, data.merchantName, s.name, 'center')];
  for (const header of data.headerLines) blocks.push(text(frame, header, s.header, 'center'));
  blocks.push(
    space(s.blockSpace),
    text(frame, data.kind === 'refund' ? RETURN_LABELS.refund : RETURN_LABELS.void, s.totalLabel, 'center'),
    ruled(),
    line(LABELS.date, formatReceiptDateTime(data.at)),
    line(RETURN_LABELS.number, data.number),
    line(RETURN_LABELS.original, data.saleNumber),
    ruled(),
    text(frame, RETURN_LABELS.returned, s.label, 'left'),
  );
  if (data.returned.length === 0) blocks.push(line(RETURN_LABELS.nothing, '—'));
  for (const r of data.returned) blocks.push(row(frame, r.currency, s.label, amountText(r.currency, r.amount), s.amount, s.gap));
  blocks.push(space(s.blockSpace), text(frame, data.method === 'cash' ? RETURN_LABELS.cash : RETURN_LABELS.bank, s.value, 'left'));
  if (data.reference !== null) blocks.push(line(RETURN_LABELS.reference, data.reference));
  blocks.push(space(s.blockSpace), text(frame, RETURN_LABELS.reason, s.label, 'left'), text(frame, data.reason, s.value, 'left'), ruled());
  if (data.training) {
    blocks.push(box(frame, s.boxPadding, 'filled', (inner) => LABELS.training.map((t) => text(inner, t, s.banner, 'center', 'white'))), space(s.ruleSpace));
  }
  for (const footer of data.footerLines) blocks.push(text(frame, footer, s.footer, 'center'));
  blocks.push(space(s.bottom));
  return blocks;
}

/** The refund or void receipt as the 1-bit raster sent to the printer. */
export function renderReturnReceipt(data: ReturnReceiptData): Bitmap {
  return toPrinterBitmap(drawDocument(data.paperWidth, (frame, s) => sections(frame, s, data)));
}
