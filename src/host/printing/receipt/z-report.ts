/**
 * A Z report (the close of a shift) → the raster the receipt printer gets, drawn like a receipt
 * (blocks, Khmer and Latin fonts, same style and threshold; see layout.ts). English with Khmer on
 * every label. It ends with the anchor in the exact form `npm run ledger -- verify --anchor
 * CODE[-EPOCH]:SEQ:HASH16` takes (shared/z-anchor.ts), so the owner can later check the ledger against this paper.
 */
import type { AccountChange, CashCount, CurrencyCash, CurrencyDrawerCount, DrawerCount, ShiftCash, ShiftMoney, ShiftReport } from '../../../shared/contract.ts';
import { formatExact } from '../../../shared/cash/index.ts';
import { formatRiel, formatUsd } from '../../../shared/money.ts';
import { partlyPaidLine, takingsLines, type TakingsLineKey } from '../../../shared/reports/takings-lines.ts';
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
  /**
   * A journal actor (`user:<uuid>`) as the person's display name, resolved at print time from the
   * users table (the journal holds ids, never names: printing/actor-names.ts). Without one, or for an
   * id no user has, the id prints as it is.
   */
  actorName?: (actor: string) => string | null;
}

export const Z_LABELS = {
  title: 'Z REPORT / របាយការណ៍ Z',
  number: 'Z number / លេខ Z',
  businessDate: 'Business date / ថ្ងៃអាជីវកម្ម',
  opened: 'Opened / បើក',
  closed: 'Closed / បិទ',
  takings: 'Takings / ចំណូល',
  khqr: 'KHQR',
  sales: 'Sales / ការលក់',
  cashUSD: 'Cash $ / សាច់ប្រាក់ $',
  cashKHR: 'Cash ៛ / សាច់ប្រាក់ ៛',
  netOfChange: 'Cash net of change given / សាច់ប្រាក់ ដកប្រាក់អាប់',
  soldExact: 'Sum in riel at each sale\'s rate / សរុបជារៀល តាមអត្រានៃការលក់នីមួយៗ',
  partlyPaid: 'Open, partly paid (not takings) / បើកនៅ បង់ខ្លះ (មិនមែនចំណូល)',
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
  cashTendered: 'Cash tendered / សាច់ប្រាក់បានទទួល',
  changeGiven: 'Change given / ប្រាក់អាប់',
  rounding: 'Rounding / ការបង្គត់',
  roundingSales: 'sales / ការលក់',
  expected: 'Expected in drawer / គួរមានក្នុងថត',
  noSaleOpens: 'Drawer opened, no sale / បើកថតដោយគ្មានការលក់',
  count: 'Drawer count / ការរាប់ថតប្រាក់',
  counted: 'Counted / បានរាប់',
  difference: 'Difference / ខុសគ្នា',
  over: 'over / លើស',
  short: 'short / ខ្វះ',
  notCounted: 'Not counted / មិនបានរាប់',
  recounts: 'Counts made / ចំនួនដងរាប់',
  receiving: 'Takings by receiving account / ចំណូលតាមគណនីទទួល',
  noAccount: 'No account (cash) / គ្មានគណនី (សាច់ប្រាក់)',
  approved: 'Approved Bakong ID / Bakong ID ដែលបានអនុម័ត',
  changes: 'Account changes in the shift / ការប្តូរគណនីក្នុងវេន',
  notApproved: 'NOT APPROVED / មិនបានអនុម័ត',
  byOwner: 'by the owner / ដោយម្ចាស់',
  paidTo: 'paid to / បង់ទៅ',
  cashiers: 'Takings per cashier / ចំណូលតាមអ្នកគិតប្រាក់',
  screen: 'Till screen / អេក្រង់គិតប្រាក់',
  system: 'POS / ប្រព័ន្ធ',
  reprints: 'Reprints / ការបោះពុម្ពឡើងវិញ',
  receiptCopies: 'Receipt copies / ច្បាប់ចម្លងបង្កាន់ដៃ',
  zCopies: 'Z copies / ច្បាប់ចម្លង Z',
  refunds: 'Refunds / ការសងប្រាក់វិញ',
  refundsCash: 'Refunded in cash / សងវិញជាសាច់ប្រាក់',
  voids: 'Voids / ការលុបចោល',
  refundOut: 'Refunds out / សងវិញចេញ',
  voidOut: 'Voids out / លុបចោលចេញ',
  approvedBy: 'approved by / អនុម័តដោយ',
  bank: 'bank / ធនាគារ',
  anchor: 'Anchor / យុថ្កា',
  envOverrides: 'Fixed by environment / កំណត់ដោយបរិស្ថាន',
  verify: 'npm run ledger -- verify --anchor',
} as const;

const money = (m: ShiftMoney) => `${m.count} · ${formatUsd(m.cents)}`;

const TAKINGS_LABELS: Record<TakingsLineKey, string> = { khqr: Z_LABELS.khqr, cashUSD: Z_LABELS.cashUSD, cashKHR: Z_LABELS.cashKHR, rounding: Z_LABELS.rounding };

/**
 * The takings (format 8: the completed sales once each): the total in both currencies, then by
 * tender in the currency taken, cash net of change, with each line's riel at its sales' rates, adding
 * up to the last line. Up to format 7: the tenders' total and the KHQR ones.
 */
function takingsBlocks(z: ShiftReport, line: (label: string, value: string) => Block, note: (t: string) => Block): Block[] {
  const shown = takingsLines(z);
  if (!shown) return [line(Z_LABELS.khqr, money(z.takings.byTender.khqr))];
  return [
    line(Z_LABELS.sales, String(z.takings.count)),
    ...shown.lines.map((l) => line(TAKINGS_LABELS[l.key], `${l.count} · ${l.amount} = ${l.exact}`)),
    note(Z_LABELS.netOfChange),
    line(Z_LABELS.soldExact, shown.total),
  ];
}


/**
 * The cash section (format 2 on): per currency, each amount in its own currency, adding up to what
 * should be in the drawer (expectedInDrawer: cash sales in, change out from format 6); reasons are not printed.
 */
function cashBlocks(cash: ShiftCash, line: (label: string, value: string) => Block, heading: (label: string) => Block): Block[] {
  const blocks: Block[] = [heading(Z_LABELS.cash)];
  const each = (label: string, c: CurrencyCash, format: (n: number) => string) => {
    const moved = (m: CashCount) => `${m.count} · ${format(m.amount)}`;
    blocks.push(
      line(`${Z_LABELS.float} ${label}`, c.float === null ? '—' : format(c.float)),
      // Format 6: the cash sales' tenders in and change out, in this currency.
      ...(c.cashTenders ? [line(`${Z_LABELS.cashTendered} ${label}`, moved(c.cashTenders))] : []),
      ...(c.change ? [line(`${Z_LABELS.changeGiven} ${label}`, moved(c.change))] : []),
      line(`${Z_LABELS.paidIn} ${label}`, moved(c.paidIn)),
      line(`${Z_LABELS.paidOut} ${label}`, moved(c.paidOut)),
      line(`${Z_LABELS.drops} ${label}`, moved(c.drops)),
      // Format 5: cash given back by refunds and voids comes out of the drawer.
      ...(c.refunds ? [line(`${Z_LABELS.refundOut} ${label}`, moved(c.refunds))] : []),
      ...(c.voids ? [line(`${Z_LABELS.voidOut} ${label}`, moved(c.voids))] : []),
      line(`${Z_LABELS.expected} ${label}`, c.expected === null ? '—' : format(c.expected)),
    );
  };
  each('USD', cash.USD, formatUsd);
  each('KHR', cash.KHR, formatRiel);
  blocks.push(line(Z_LABELS.noSaleOpens, String(cash.noSaleOpens)));
  return blocks;
}

/** The count (format 4): per currency counted, expected then and the difference, over or short. */
function countBlocks(count: DrawerCount | null, line: (label: string, value: string) => Block, heading: (label: string) => Block): Block[] {
  if (count === null) return [heading(Z_LABELS.count), line(Z_LABELS.notCounted, '—')];
  const blocks: Block[] = [heading(Z_LABELS.count)];
  const each = (label: string, c: CurrencyDrawerCount, format: (n: number) => string) => {
    const sign = c.difference > 0 ? `+${format(c.difference)} ${Z_LABELS.over}` : c.difference < 0 ? `−${format(-c.difference)} ${Z_LABELS.short}` : format(0);
    blocks.push(
      line(`${Z_LABELS.counted} ${label}`, format(c.counted)),
      line(`${Z_LABELS.expected} ${label}`, format(c.expected)),
      line(`${Z_LABELS.difference} ${label}`, sign),
    );
  };
  each('USD', count.USD, formatUsd);
  each('KHR', count.KHR, formatRiel);
  if (count.counts > 1) blocks.push(line(Z_LABELS.recounts, String(count.counts)));
  return blocks;
}

/** Who a journal actor is, on paper. */
function actorLabel(actor: string, data: ZPrintData): string {
  if (actor === 'cashier') return Z_LABELS.screen;
  if (actor === 'system') return Z_LABELS.system;
  return data.actorName?.(actor) ?? actor;
}

/**
 * Format 4's accounts, cashiers and reprints. Every change of the receiving accounts is printed with
 * who made it; one not made by the owner is marked NOT APPROVED, and the tenders paid to an account
 * other than the approved one are named with the account they paid.
 */
function closeBlocks(z: ShiftReport, data: ZPrintData, line: (label: string, value: string) => Block, heading: (label: string) => Block, note: (t: string) => Block): Block[] {
  if (z.format < 4) return [];
  const blocks: Block[] = [heading(Z_LABELS.receiving)];
  for (const a of z.receivingAccounts ?? []) blocks.push(line(a.account ?? Z_LABELS.noAccount, money(a)));
  blocks.push(line(Z_LABELS.approved, z.approvedAccount ?? '—'));
  for (const o of z.otherAccount.accounts ?? []) blocks.push(line(`#${o.sale} ${Z_LABELS.paidTo}`, o.account));
  if ((z.accountChanges ?? []).length > 0) {
    blocks.push(heading(Z_LABELS.changes));
    for (const c of z.accountChanges ?? []) {
      const value = (v: AccountChange['from']) => (v === null ? '—' : Array.isArray(v) ? v.join(', ') || '—' : v);
      blocks.push(note(`${formatReceiptDateTime(c.at)} ${c.key}: ${value(c.from)} → ${value(c.to)}`));
      blocks.push(note(`${actorLabel(c.actor, data)} · ${c.approved ? Z_LABELS.byOwner : Z_LABELS.notApproved}`));
    }
  }
  blocks.push(heading(Z_LABELS.cashiers));
  for (const c of z.cashiers ?? []) blocks.push(line(actorLabel(c.actor, data), money(c)));
  const reprints = z.reprints ?? { receipts: 0, z: 0 };
  blocks.push(heading(Z_LABELS.reprints), line(Z_LABELS.receiptCopies, String(reprints.receipts)), line(Z_LABELS.zCopies, String(reprints.z)));
  return blocks;
}

/**
 * Format 5: refunds and voids, counted and totalled per currency, then each with who made it and who
 * approved it, by name (a training one is marked). The reasons are not printed, as for cash movements.
 */
function returnBlocks(z: ShiftReport, data: ZPrintData, line: (label: string, value: string) => Block, note: (text: string) => Block): Block[] {
  if (!z.refunds || !z.voids) return [];
  const both = (usd: number, khr: number) => `${formatUsd(usd)} · ${formatRiel(khr)}`;
  const mark = (training: boolean) => (training ? ` (${Z_LABELS.training})` : '');
  return [
    line(Z_LABELS.refunds, `${z.refunds.count} · ${both(z.refunds.USD, z.refunds.KHR)}`),
    line(Z_LABELS.refundsCash, both(z.refunds.cash.USD, z.refunds.cash.KHR)),
    ...z.refunds.list.map((r) => note(`R${r.refund} #${r.sale} ${r.currency === 'USD' ? formatUsd(r.amount) : formatRiel(r.amount)}${r.method === 'bank_transfer' ? ` ${Z_LABELS.bank}` : ''} · ${actorLabel(r.actor, data)} · ${Z_LABELS.approvedBy} ${actorLabel(r.approver, data)}${mark(r.training)}`)),
    line(Z_LABELS.voids, `${z.voids.count} · ${both(z.voids.USD, z.voids.KHR)}`),
    ...z.voids.list.map((v) => note(`V${v.void} #${v.sale} ${both(v.returnedUsd, v.returnedKhr)} · ${actorLabel(v.actor, data)} · ${Z_LABELS.approvedBy} ${actorLabel(v.approver, data)}${mark(v.training)}`)),
  ];
}

function sections(frame: Frame, s: ReceiptStyle, data: ZPrintData): Block[] {
  const z = data.report;
  const ruled = () => rule(frame, s.ruleThickness, s.ruleSpace);
  const line = (label: string, value: string) => row(frame, label, s.label, value, s.value, s.gap);
  const when = (ms: number | null) => (ms === null ? '—' : formatReceiptDateTime(ms));
  const heading = (label: string) => text(frame, label, s.label, 'left');
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
    ...takingsBlocks(z, line, (t) => text(frame, t, s.note, 'left')),
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
    // Format 8: money already in the drawer for sales not completed; takings once they are.
    ...(z.partlyPaid && z.partlyPaid.length > 0
      ? [line(Z_LABELS.partlyPaid, String(z.partlyPaid.length)), ...z.partlyPaid.map((p) => ((l) => text(frame, `${l.sale} ${l.due} · ${Z_LABELS.paid} ${l.paid}`, s.note, 'left'))(partlyPaidLine(p)))]
      : []),
    line(Z_LABELS.firstSale, z.firstSale ? `#${z.firstSale.sale} ${when(z.firstSale.at)}` : '—'),
    line(Z_LABELS.lastSale, z.lastSale ? `#${z.lastSale.sale} ${when(z.lastSale.at)}` : '—'),
    ...(z.refunds ? [ruled(), ...returnBlocks(z, data, line, (t) => text(frame, t, s.note, 'left'))] : []),
    ruled(),
    text(frame, Z_LABELS.apart, s.note, 'left'),
    line(Z_LABELS.otherAccount, money(z.otherAccount)),
    line(Z_LABELS.training, money(z.training.opened)),
    line(`${Z_LABELS.training} — ${Z_LABELS.paid}`, money(z.training.paid)),
    ...(z.cash ? [ruled(), ...cashBlocks(z.cash, line, heading)] : []),
    // Format 6: what the 100 ៛ and cent rounding left on the shift's cash sales (positive: forgone by the shop).
    ...(z.rounding ? [line(`${Z_LABELS.rounding} (${z.rounding.count} ${Z_LABELS.roundingSales})`, formatExact(z.rounding.exact))] : []),
    ...(z.format >= 4 ? [ruled(), ...countBlocks(z.count ?? null, line, heading), ruled(), ...closeBlocks(z, data, line, heading, (t) => text(frame, t, s.note, 'left'))] : []),
    ruled(),
    // Settings fixed by POS_* variables, not by the owner in Settings: flagged for whoever reads the Z.
    ...(z.envOverrides
      ? [text(frame, `${Z_LABELS.envOverrides}: ${[...z.envOverrides.keys, ...(z.envOverrides.apiKeyFromEnv ? ['POS_BAKONG_API_KEY'] : [])].join(', ')}`, s.note, 'left'), ruled()]
      : []),
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
