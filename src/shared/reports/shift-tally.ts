/**
 * The X/Z report of a range of one till's journal rows (docs/journal.md, "Shifts and the close"):
 * the one computation both the till (src/host/reports/shift-report.ts, reading its ledger) and the
 * back office (journal-fold.ts, reading the rows the till pushed) run, so a Z recomputed by the back
 * office is the till's Z by construction. Plain data: the caller reads the rows and says how each
 * sale stood before the range.
 *
 * Money counts in the shift in which its row is journaled: a sale opened in shift 1 and paid late in
 * shift 2 is a takings of shift 2. What a row says of its sale (amount, rate, training, the shop's
 * account, the account its QR pays) comes from the sale's own rows (sale-fold.ts). KHR is each
 * sale's cents at its own rate (centsToRiel), summed in integers. Training sales and sales whose QR
 * pays an account other than the shop's own are counted apart and never in takings.
 */
import type { CashCount, Currency, DrawerCount, ShiftMoney, ShiftReport, TenderKind } from '../contract.ts';
import { inBothCurrencies, roundToCent, roundToNote, toExact } from '../cash/index.ts';
import type { TakingsLine } from '../contract.ts';
import { centsToRiel } from '../money.ts';
import { cashSection, type CashSales } from './cash-report.ts';
import type { ShiftAccounts } from './close-report.ts';
import { envOverridesSection } from './env-overrides.ts';
import { returnsSection } from './returns-report.ts';
import { applySaleRow, pendingTender, type FoldedSale, type FoldedTender, type SaleJournalRow } from './sale-fold.ts';

type Money = ShiftMoney;
type Payload = Record<string, unknown>;

/**
 * The report format this build writes: 2 adds the cash section (cash-report.ts), 3 the takings by
 * tender, overpayments and unpaid sales (sales and tenders, schema 17), 4 the close of issue 9: the
 * blind count, the account check against the approved Bakong ID, per-cashier totals and reprints
 * (close-report.ts), 5 the refunds and voids with their actor and approver, and the cash they gave
 * back (schema 18; returns-report.ts), 6 cash tendered and change per currency and the rounding line,
 * 7 the environment's overrides in force (users and roles, issue 9; env-overrides.ts), 8 takings as
 * the completed sales, once each at their amount due (`soldSale` below), by tender net of change, with
 * the sales still open and partly paid apart (up to 7 takings added up the tenders handed over).
 */
export const REPORT_FORMAT = 8;

export type ReportFormat = ShiftReport['format'];

/** What identifies the range: everything of the report but its counts. */
export type ReportHeader = Pick<ShiftReport, 'format' | 'kind' | 'till' | 'shift' | 'zNumber' | 'businessDate' | 'openedAt' | 'openedBy' | 'openReason' | 'closedAt' | 'fromSeq' | 'toSeq' | 'anchor'>;

/**
 * The one membership rule of a shift: the journal row types that count a sale in the shift whose
 * seq range journals them (a sale opened there, or one of its tenders paid, expired, cancelled or
 * failed there; the v1 rows of before schema 17 alike). The X/Z report counts these rows; the export
 * by Z (src/host/export/sales-rows.ts) exports the sales that have one.
 */
export const SHIFT_SALE_ROW_TYPES = ['sale.opened', 'sale.paid', 'sale.expired', 'sale.cancelled', 'sale.failed',
  'tender.paid', 'tender.expired', 'tender.cancelled', 'tender.failed'] as const;

const zero = (): Money => ({ count: 0, cents: 0, riel: 0 });
const count = (): CashCount => ({ count: 0, amount: 0 });
const countIn = (line: CashCount, amount: number): void => {
  line.count += 1;
  line.amount += amount;
};

/**
 * An amount in its currency's minor units as the report's money: USD cents with riel at the sale's
 * own rate (centsToRiel); a riel amount (issue 9's cash) in riel only, its cents left 0 (nothing in
 * the POS converts riel to cents: the rate's direction is cents × rate = riel × 100).
 */
function add(money: Money, currency: Currency, amount: number, khrPerUsd: number): void {
  money.count += 1;
  if (currency === 'USD') {
    money.cents += amount;
    money.riel += centsToRiel(amount, khrPerUsd);
  } else {
    money.riel += amount;
  }
}

const addDue = (money: Money, sale: FoldedSale): void => add(money, sale.due_currency, sale.due_amount, sale.khr_per_usd);

/** Format 8: a sale's amount due in both currencies at its own rate (as the receipt and the export state it). */
function addDueBoth(money: Money, sale: FoldedSale): void {
  const both = inBothCurrencies({ currency: sale.due_currency, amount: sale.due_amount }, sale.khr_per_usd);
  money.count += 1;
  money.cents += both.usd;
  money.riel += both.khr;
}

/** Format 8: part of a sale in the common unit, in both currencies at its rate (cents half up, riel to 100 ៛). */
function addExact(money: Money, exact: number, khrPerUsd: number): void {
  money.count += 1;
  money.cents += roundToCent(exact, khrPerUsd);
  money.riel += roundToNote(exact);
}

const line = (): TakingsLine => ({ count: 0, amount: 0, exact: 0 });
const addLine = (to: TakingsLine, amount: number, exact: number): void => {
  to.count += 1;
  to.amount += amount;
  to.exact += exact;
};
const addTender = (money: Money, sale: FoldedSale, tender: FoldedTender): void => add(money, tender.currency, tender.amount, sale.khr_per_usd);

export interface TallyInput {
  header: ReportHeader;
  /** The range's rows of sale-fold.ts's SALE_ROW_TYPES, in seq order. */
  saleRows: Iterable<SaleJournalRow & { seq: number; actor: string }>;
  /** The range's `cash.moved` and `drawer.opened` rows, in seq order (format 2 on). */
  cashRows: Iterable<{ at: number; type: string; payload: string }>;
  /** Sales that may still be unresolved from before the range: the previous Z's unresolved (before the first shift, those migrated unresolved). */
  carriedOver: Iterable<number>;
  /** A sale as its rows before the range leave it (null: none opened it). */
  saleBefore(sale: number): FoldedSale | null;
  /** A sale the range's rows do not touch, as its rows up to the range's end leave it. */
  saleAtEnd(sale: number): FoldedSale | null;
  /** Format 4 (close-report.ts): the range's approved accounts, its last count, its reprints, and who opened a sale opened before it. */
  close: { accounts: ShiftAccounts; count: DrawerCount | null; reprints: { receipts: number; z: number }; openedBy(sale: number): string } | null;
  /** Format 5: the range's `refund.made` and `sale.voided` rows (returns-report.ts); null before. */
  returnRows: Iterable<{ actor: string; at: number; type: string; payload: string }> | null;
  /** Format 7: the payload of the last `settings.envOverrides` row up to the range's end (undefined: none). */
  envOverrides?: string | undefined;
}

/** Adds a tender to the money of `key` in `map` (per cashier, per receiving account). */
function addMoney<K>(map: Map<K, Money>, key: K, sale: FoldedSale, tender: FoldedTender): void {
  addTender(moneyOf(map, key), sale, tender);
}

/** The money of `key` in `map` (per cashier, per receiving account), made on first use. */
function moneyOf<K>(map: Map<K, Money>, key: K): Money {
  let money = map.get(key);
  if (!money) map.set(key, (money = zero()));
  return money;
}

export function tallyShift(input: TallyInput): ShiftReport {
  const format = input.header.format;
  // Format 8: takings are sales completed in the range (soldSale), not tenders paid.
  const bySale = format >= 8;
  const report: ShiftReport = {
    ...input.header,
    takings: { ...zero(), byTender: { khqr: zero() } },
    byStatus: { opened: zero(), paid: zero(), paidLate: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    otherAccount: { ...zero(), sales: [] },
    training: { opened: zero(), paid: zero(), expired: zero(), cancelled: zero(), failed: zero() },
    firstSale: null,
    lastSale: null,
    unresolved: [],
    paidLate: [],
    cancelled: [],
    failed: [],
  };
  const tenders = new Map<string, { kind: TenderKind; currency: Currency; count: number; amount: number }>();
  const overpaid: ShiftMoney & { sales: number[] } = { ...zero(), sales: [] };
  const openedHere: number[] = [];
  // Format 4: the account takings must pay (close-report.ts), who rang each sale up, and the takings by receiving account.
  const close = input.close;
  const accounts = close?.accounts ?? null;
  const openedBy = new Map<number, string>();
  const cashiers = new Map<string, Money>();
  const receiving = new Map<string | null, Money>();
  const otherAccounts: Array<{ sale: number; account: string }> = [];
  const cashSales: CashSales = { USD: { cashTenders: count(), change: count() }, KHR: { cashTenders: count(), change: count() } };
  const rounding = { count: 0, exact: 0 };
  const sold = { khqr: line(), cashUSD: line(), cashKHR: line(), rounding: line(), exact: 0 };

  /**
   * Format 8: a real sale completed by the row at `seq`, counted once: at its amount due in takings,
   * per cashier and by tender net of change (its paid tenders that covered it, less the change it
   * gave), the rounding line being what was due less what was taken, so the lines add up to the due
   * exactly. A sale any of whose covering tenders paid another account than the approved one is
   * not takings at all (otherAccount). An overpayment after it completed is never its takings.
   */
  const soldSale = (sale: FoldedSale, seq: number): void => {
    const rate = sale.khr_per_usd;
    if (sale.training === 1) { addDueBoth(report.training.paid, sale); return; }
    addDueBoth(report.byStatus.paid, sale);
    if (sale.paid_late === 1) { addDueBoth(report.byStatus.paidLate, sale); report.paidLate.push(sale.id); }
    const covering = [...sale.tenders.values()].filter((t) => t.status === 'paid' && t.overpaid === 0);
    const own = accounts?.approvedAt(seq) ?? sale.bakong_id;
    const elsewhere = covering.filter((t) => t.pay_to !== null && t.pay_to !== own);
    if (elsewhere.length > 0) {
      addDueBoth(report.otherAccount, sale);
      report.otherAccount.sales.push(sale.id);
      for (const t of elsewhere) otherAccounts.push({ sale: sale.id, account: t.pay_to! });
      return;
    }
    const due = toExact({ currency: sale.due_currency, amount: sale.due_amount }, rate);
    addDueBoth(report.takings, sale);
    sold.exact += due;
    if (close) addDueBoth(moneyOf(cashiers, openedBy.get(sale.id) ?? close.openedBy(sale.id)), sale);
    let khqr = 0;
    for (const t of covering.filter((c) => c.kind === 'khqr')) {
      const exact = toExact(t, rate);
      addLine(sold.khqr, t.amount, exact);
      addTender(report.takings.byTender.khqr, sale, t);
      if (close) addMoney(receiving, t.pay_to, sale, t);
      khqr += exact;
    }
    let taken = khqr;
    for (const [currency, to, change] of [['USD', sold.cashUSD, sale.change_usd], ['KHR', sold.cashKHR, sale.change_khr]] as const) {
      const tendered = covering.filter((t) => t.kind === 'cash' && t.currency === currency).reduce((sum, t) => sum + t.amount, 0);
      if (tendered === 0 && change === 0) continue;
      const exact = toExact({ currency, amount: tendered - change }, rate);
      addLine(to, tendered - change, exact);
      taken += exact;
    }
    if (taken !== due) addLine(sold.rounding, due - taken, due - taken);
    // What no account received (the cash net of change, and the rounding): the due less the KHQR.
    if (close && due !== khqr) addExact(moneyOf(receiving, null), due - khqr, rate);
  };

  // Sales that may still be unresolved at the end: those carried over and those opened, or given a
  // new tender, in this range.
  const candidates = new Set<number>(input.carriedOver);

  // Each sale's state as the range's rows go: a sale opened in the range starts from its own row;
  // one opened before it from its rows before the range.
  const states = new Map<number, FoldedSale | null>();
  for (const row of input.saleRows) {
    const p = JSON.parse(row.payload) as Payload;
    const saleId = p.sale as number;
    if (!states.has(saleId)) states.set(saleId, row.type === 'sale.opened' ? null : input.saleBefore(saleId));
    const wasCompleted = states.get(saleId)?.status === 'completed';
    const sale = applySaleRow(states.get(saleId) ?? null, row);
    states.set(saleId, sale);
    if (!sale) continue; // verifyChain names a row for a sale never opened
    const training = sale.training === 1;
    if (row.type === 'sale.opened') {
      openedBy.set(saleId, row.actor);
      candidates.add(saleId);
      (bySale ? addDueBoth : addDue)(training ? report.training.opened : report.byStatus.opened, sale);
      report.firstSale ??= { sale: saleId, at: row.at };
      report.lastSale = { sale: saleId, at: row.at };
      if (!training) openedHere.push(saleId);
      continue;
    }
    if (row.type === 'tender.opened') candidates.add(saleId);
    // A v1 sale.paid completes its sale in the same row as it pays the tender; sale.completed after the tenders.
    if (bySale && !wasCompleted && sale.status === 'completed') soldSale(sale, row.seq);
    // A completion states the change given and the rounding line (v2, schema 18 on).
    if (row.type === 'sale.completed' && row.version >= 2 && !training) {
      for (const [currency, amount] of [['USD', p.changeUsd], ['KHR', p.changeKhr]] as const) {
        if (typeof amount === 'number' && amount > 0) countIn(cashSales[currency].change, amount);
      }
      if (p.rounding !== 0) {
        rounding.count += 1;
        rounding.exact += p.rounding as number;
      }
      continue;
    }
    // Only the outcome rows count (SHIFT_SALE_ROW_TYPES); the others only move the sale's state.
    const outcome = /^(?:sale|tender)\.(paid|expired|cancelled|failed)$/.exec(row.type)?.[1];
    const tender = outcome === undefined ? undefined : sale.tenders.get((row.type.startsWith('tender.') ? p.tender : p.sale) as number);
    if (!tender) continue;
    switch (outcome) {
      case 'paid': {
        if (bySale) {
          // Format 8: a tender paid is not yet takings (soldSale counts the sale once it completes):
          // cash goes into the drawer whatever becomes of its sale; a payment after the sale was covered is owed back.
          if (training) break;
          if (tender.kind === 'cash') countIn(cashSales[tender.currency].cashTenders, tender.amount);
          if (p.overpaid === true) { addTender(overpaid, sale, tender); overpaid.sales.push(saleId); }
          break;
        }
        if (training) { addTender(report.training.paid, sale, tender); break; }
        addTender(report.byStatus.paid, sale, tender);
        if (p.late === true) { addTender(report.byStatus.paidLate, sale, tender); report.paidLate.push(saleId); }
        if (p.overpaid === true) { addTender(overpaid, sale, tender); overpaid.sales.push(saleId); }
        // Up to format 3 the sale's own Bakong ID was the test; from 4 the account approved for the
        // shift (a Bakong ID switched for one sale and back made the sale's own ID the thief's).
        const approved = accounts?.approvedAt(row.seq) ?? null;
        const own = approved ?? sale.bakong_id;
        if (tender.pay_to !== null && tender.pay_to !== own) {
          addTender(report.otherAccount, sale, tender);
          report.otherAccount.sales.push(saleId);
          otherAccounts.push({ sale: saleId, account: tender.pay_to });
        } else {
          addTender(report.takings, sale, tender);
          if (close) {
            const by = openedBy.get(saleId) ?? close.openedBy(saleId);
            openedBy.set(saleId, by);
            addMoney(cashiers, by, sale, tender);
            addMoney(receiving, tender.pay_to, sale, tender);
          }
          if (tender.kind === 'khqr') addTender(report.takings.byTender.khqr, sale, tender);
          const key = `${tender.kind} ${tender.currency}`;
          const line = tenders.get(key) ?? { kind: tender.kind, currency: tender.currency, count: 0, amount: 0 };
          line.count += 1;
          line.amount += tender.amount;
          tenders.set(key, line);
          if (tender.kind === 'cash') countIn(cashSales[tender.currency].cashTenders, tender.amount);
        }
        break;
      }
      case 'expired':
        addTender(training ? report.training.expired : report.byStatus.expired, sale, tender);
        break;
      case 'cancelled':
        addTender(training ? report.training.cancelled : report.byStatus.cancelled, sale, tender);
        if (!training) report.cancelled.push(saleId);
        break;
      case 'failed':
        addTender(training ? report.training.failed : report.byStatus.failed, sale, tender);
        if (!training) report.failed.push(saleId);
        break;
      default:
        break;
    }
  }
  const stateAtEnd = (sale: number): FoldedSale | null => (states.has(sale) ? states.get(sale)! : input.saleAtEnd(sale));
  for (const sale of [...candidates].sort((a, b) => a - b)) {
    const pending = ((state) => (state ? pendingTender(state) : undefined))(stateAtEnd(sale));
    if (pending) report.unresolved.push({ sale, status: pending.status, amountCents: pending.amount });
  }
  if (format >= 2) report.cash = cashSection(input.cashRows, format >= 5, format >= 6 ? cashSales : undefined);
  if (format >= 7) report.envOverrides = envOverridesSection(input.envOverrides);
  if (format < 3) return report;
  if (!bySale) report.tenders = [...tenders.values()];
  report.overpaid = overpaid;
  const paidOn = (state: FoldedSale) => [...state.tenders.values()].filter((t) => t.status === 'paid');
  report.unpaid = openedHere.filter((sale) => {
    const state = stateAtEnd(sale);
    // From format 8 a sale with money paid on it is partly paid, not unpaid.
    return state !== null && state.status === 'open' && !pendingTender(state) && !(bySale && paidOn(state).length > 0);
  });
  if (bySale) {
    report.takingsByTender = sold;
    report.partlyPaid = [...states.values()].flatMap((state) => {
      if (!state || state.training === 1 || state.status !== 'open') return [];
      const paid = paidOn(state);
      if (paid.length === 0) return [];
      const sum = (currency: Currency) => paid.filter((t) => t.currency === currency).reduce((total, t) => total + t.amount, 0);
      return [{ sale: state.id, due: { currency: state.due_currency, amount: state.due_amount }, paid: { USD: sum('USD'), KHR: sum('KHR') } }];
    }).sort((a, b) => a.sale - b.sale);
  }
  if (!close || !accounts) return report;
  report.otherAccount.accounts = otherAccounts;
  report.count = close.count;
  report.receivingAccounts = [...receiving].map(([account, m]) => ({ account, ...m }));
  report.approvedAccount = accounts.atStart;
  report.accountChanges = accounts.changes;
  report.cashiers = [...cashiers].map(([actor, m]) => ({ actor, ...m }));
  report.reprints = close.reprints;
  if (format < 5 || !input.returnRows) return report;
  Object.assign(report, returnsSection(input.returnRows));
  if (format < 6) return report;
  report.change = { USD: cashSales.USD.change, KHR: cashSales.KHR.change };
  report.rounding = { count: rounding.count, exact: rounding.exact };
  return report;
}
