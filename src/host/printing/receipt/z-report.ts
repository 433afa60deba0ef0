/**
 * A Z report (the close of a shift) → the raster the receipt printer gets, drawn like a receipt
 * (blocks, Khmer and Latin fonts, same style and threshold; see layout.ts). English with Khmer on
 * every label. It ends with the anchor in the exact form `npm run ledger -- verify --anchor
 * CODE[-EPOCH]:SEQ:HASH16` takes (shared/z-anchor.ts), so the owner can later check the ledger against this paper.
 */
import type { CashCount, CurrencyCash, ShiftCash, ShiftMoney, ShiftReport } from '../../../shared/contract.ts';
import { formatRiel, formatUsd } from '../../../shared/money.ts';
import { anchorText } from '../../../shared/z-anchor.ts';
import type { Bitmap, PaperWidth } from '../types.ts';
import { box, row, rule, space, text, type Block, type Frame } from './blocks.ts';
import { drawDocument, formatReceiptDateTime, toPrinterBitmap } from './layout.ts';
import { LABELS } from './labels.ts';
import type { ReceiptStyle } from './style.ts';

export interface ZPrintData {
  paperWidth: PaperWidth;
  merchantName: string;
  report: ShiftReport;
  /** Reprints say COPY. */
  copy: boolean;
}

export const Z_LABELS = {
  title: 'Z REPORT / របាយការណ៍ Z',
  number: 'Z number / លេខ Z',
  businessDate: 'Business date / ថ្ងៃអាជីវកម្ម',
  opened: 'Opened / បើក',
  closed: 'Closed / បិទ',
  takings: 'Takings / ចំណូល',
  khqr: 'KHQR',
  riel: 'In riel / ជាប្រាក់រៀល',
  opened_sales: 'Sales opened / ការលក់បានបើក',
  paid: 'Paid / បានបង់',
  paidLate: 'Paid late / បង់យឺត',
  overpaid: 'Overpaid, owed back / បង់លើស ត្រូវប្រគល់វិញ',
  unpaid: 'Sales left unpaid / ការលក់មិនបានបង់',
  expired: 'Expired / ផុតកំណត់',
  cancelled: 'Cancelled / បានបោះបង់',
  failed: 'Failed / បរាជ័យ',
  otherAccount: 'Other accounts / គណនីផ្សេង',
  training: 'Training / ហ្វឹកហាត់',
  apart: 'Not in takings / មិនរាប់ក្នុងចំណូល',
  unresolved: 'QRs unresolved / QR មិនទាន់មានលទ្ធផល',
  firstSale: 'First sale / ការលក់ដំបូង',
  lastSale: 'Last sale / ការលក់ចុងក្រោយ',
  cash: 'Cash in the drawer / សាច់ប្រាក់ក្នុងថត',
  float: 'Float / ប្រាក់តម្កល់',
  paidIn: 'Paid in / ដាក់ប្រាក់ចូល',
  paidOut: 'Paid out / ដកប្រាក់ចេញ',
  drops: 'Safe drops / ដាក់ចូលទូដែក',
  expected: 'Expected in drawer / គួរមានក្នុងថត',
  noSaleOpens: 'Drawer opened, no sale / បើកថតដោយគ្មានការលក់',
  anchor: 'Anchor / យុថ្កា',
  verify: 'npm run ledger -- verify --anchor',
} as const;

const money = (m: ShiftMoney) => `${m.count} · ${formatUsd(m.cents)}`;

/** The cash section (format 2 on): per currency, each amount in its own currency; reasons are not printed. */
function cashBlocks(cash: ShiftCash, line: (label: string, value: string) => Block, heading: (label: string) => Block): Block[] {
  const blocks: Block[] = [heading(Z_LABELS.cash)];
  const each = (label: string, c: CurrencyCash, format: (n: number) => string) => {
    const moved = (m: CashCount) => `${m.count} · ${format(m.amount)}`;
    blocks.push(
      line(`${Z_LABELS.float} ${label}`, c.float === null ? '—' : format(c.float)),
      line(`${Z_LABELS.paidIn} ${label}`, moved(c.paidIn)),
      line(`${Z_LABELS.paidOut} ${label}`, moved(c.paidOut)),
      line(`${Z_LABELS.drops} ${label}`, moved(c.drops)),
      line(`${Z_LABELS.expected} ${label}`, format(c.expected)),
    );
  };
  each('USD', cash.USD, formatUsd);
  each('KHR', cash.KHR, formatRiel);
  blocks.push(line(Z_LABELS.noSaleOpens, String(cash.noSaleOpens)));
  return blocks;
}

function sections(frame: Frame, s: ReceiptStyle, data: ZPrintData): Block[] {
  const z = data.report;
  const ruled = () => rule(frame, s.ruleThickness, s.ruleSpace);
  const line = (label: string, value: string) => row(frame, label, s.label, value, s.value, s.gap);
  const when = (ms: number | null) => (ms === null ? '—' : formatReceiptDateTime(ms));
  const blocks: Block[] = [
    space(s.top),
    text(frame, data.merchantName, s.name, 'center'),
    text(frame, Z_LABELS.title, s.totalLabel, 'center'),
    ruled(),
    line(Z_LABELS.number, z.zNumber ?? '—'),
    line(Z_LABELS.businessDate, z.businessDate ?? '—'),
    line(Z_LABELS.opened, when(z.openedAt)),
    line(Z_LABELS.closed, when(z.closedAt)),
    ruled(),
    row(frame, Z_LABELS.takings, s.totalLabel, formatUsd(z.takings.cents), s.riel, s.gap),
    line(Z_LABELS.riel, formatRiel(z.takings.riel)),
    line(Z_LABELS.khqr, money(z.takings.byTender.khqr)),
    ruled(),
    line(Z_LABELS.opened_sales, money(z.byStatus.opened)),
    line(Z_LABELS.paid, money(z.byStatus.paid)),
    line(Z_LABELS.paidLate, money(z.byStatus.paidLate)),
    // Format 3 (schema 17 on); printed only when there is one, so a quiet shift's Z stays as short.
    ...(z.overpaid && z.overpaid.count > 0 ? [line(Z_LABELS.overpaid, money(z.overpaid))] : []),
    line(Z_LABELS.expired, money(z.byStatus.expired)),
    line(Z_LABELS.cancelled, money(z.byStatus.cancelled)),
    line(Z_LABELS.failed, money(z.byStatus.failed)),
    line(Z_LABELS.unresolved, String(z.unresolved.length)),
    ...(z.unpaid && z.unpaid.length > 0 ? [line(Z_LABELS.unpaid, String(z.unpaid.length))] : []),
    line(Z_LABELS.firstSale, z.firstSale ? `#${z.firstSale.sale} ${when(z.firstSale.at)}` : '—'),
    line(Z_LABELS.lastSale, z.lastSale ? `#${z.lastSale.sale} ${when(z.lastSale.at)}` : '—'),
    ruled(),
    text(frame, Z_LABELS.apart, s.note, 'left'),
    line(Z_LABELS.otherAccount, money(z.otherAccount)),
    line(Z_LABELS.training, money(z.training.opened)),
    line(`${Z_LABELS.training} — ${Z_LABELS.paid}`, money(z.training.paid)),
    ...(z.cash ? [ruled(), ...cashBlocks(z.cash, line, (label) => text(frame, label, s.label, 'left'))] : []),
    ruled(),
    text(frame, Z_LABELS.anchor, s.label, 'left'),
    text(frame, anchorText(z.anchor, z.zNumber), s.value, 'left'),
    text(frame, `${Z_LABELS.verify} ${anchorText(z.anchor, z.zNumber)}`, s.note, 'left'),
  ];
  if (data.copy) {
    blocks.push(space(s.ruleSpace), box(frame, s.boxPadding, 'filled', (inner) => LABELS.copy.map((t) => text(inner, t, s.copy, 'center', 'white'))));
  }
  blocks.push(space(s.bottom));
  return blocks;
}

/** The Z report as the 1-bit raster sent to the printer: paper width in dots, as tall as the content. */
export function renderZReport(data: ZPrintData): Bitmap {
  return toPrinterBitmap(drawDocument(data.paperWidth, (frame, s) => sections(frame, s, data)));
}
