/**
 * A real till's ledger made with the host's own ledger code (SalesLedger, recordPayment, Shifts), for
 * tests that need the rows a real till writes: the back office's fold and pages are checked against
 * what the till itself computes and stores (its z_reports), never against numbers a test made up.
 */
import type { TestContext } from 'node:test';
import { Alerts } from '../../src/host/ledger/alerts.ts';
import { CashMovements } from '../../src/host/ledger/cash-movements.ts';
import { openLedger, type Db } from '../../src/host/ledger/database.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { Shifts } from '../../src/host/ledger/shifts.ts';
import type { ShiftReport } from '../../src/shared/contract.ts';
import type { FoldRow } from '../../src/shared/reports/journal-fold.ts';
import type { WireRow } from '../../src/backoffice/journal-rows.ts';
import { asActor } from '../../src/host/auth/actor-context.ts';
import { SettingsStore } from '../../src/host/config/settings.ts';
import { userActor } from '../../src/host/ledger/journal/events.ts';
import { Refunds } from '../../src/host/ledger/refunds.ts';
import { SaleVoids } from '../../src/host/ledger/sale-voids.ts';
import { Users } from '../../src/host/ledger/users.ts';
import { khr, usd } from '../../src/shared/cash/index.ts';
import { tempDir } from './temp.ts';

export interface TillLedger {
  db: Db;
  clock: { at: number };
  sales: SalesLedger;
  shifts: Shifts;
  cash: CashMovements;
  /** The tables a payment writes (recordPayment's). */
  tables: { db: Db; sales: SalesLedger; printJobs: PrintJobs; alerts: Alerts };
  /** Opens a sale, issues its QR (paying `payTo`) and returns its number. */
  sell(amountCents: number, options?: { training?: boolean; payTo?: string; merchantName?: string }): number;
  pay(sale: number): void;
  /** The till's identity, from its journal. */
  till(): { id: string; code: string };
  /** Every row, as the till pushes it (the ingest's wire form). */
  wireRows(): WireRow[];
  /** Every row, as the fold reads it. */
  foldRows(): FoldRow[];
  /** The Z reports the till stored at each close, by shift. */
  storedZ(): Map<number, ShiftReport>;
}

let md5Counter = 0;

export function tillLedger(t: TestContext | { after(fn: () => void): void }, start = Date.parse('2026-12-01T03:00:00Z'), merchantName = 'My Shop'): TillLedger {
  const clock = { at: start };
  const now = (): number => clock.at;
  const db = openLedger(tempDir(t));
  t.after(() => { if (db.open) db.close(); });
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  const shifts = new Shifts(db, now);
  const cash = new CashMovements(db, now);
  const rows = (): Array<Record<string, unknown>> => db.prepare('SELECT * FROM journal ORDER BY seq').all() as Array<Record<string, unknown>>;
  return {
    db, clock, sales: tables.sales, shifts, cash, tables,
    sell(amountCents, options = {}) {
      clock.at += 1000;
      const sale = tables.sales.create({ amountCents, khrPerUsd: 4100, training: options.training ?? false, merchantName: options.merchantName ?? merchantName, bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
      md5Counter += 1;
      tables.sales.attachQr(sale.id, { md5: md5Counter.toString(16).padStart(32, '0'), khqrString: `KHQR-${md5Counter}`, expiresAt: 9_999_999_999_999, payTo: options.payTo ?? 'shop@aclb' });
      return sale.id;
    },
    pay(sale) {
      clock.at += 1000;
      recordPayment(tables, sale, 'paid', ['awaiting_payment', 'expired', 'cancelled']);
    },
    till() {
      return db.prepare('SELECT id, code FROM till').get() as { id: string; code: string };
    },
    wireRows() {
      return rows().map((r) => ({
        tillId: r.till_id as string, epoch: r.epoch as number, seq: r.seq as number, uuid: r.uuid as string, actor: r.actor as string,
        at: r.at as number, type: r.type as string, version: r.version as number, payload: r.payload as string,
        prevHash: r.prev_hash as string, hash: r.hash as string,
      }));
    },
    foldRows() {
      return rows().map((r) => ({
        epoch: r.epoch as number, seq: r.seq as number, at: r.at as number, actor: r.actor as string, type: r.type as string,
        version: r.version as number, payload: r.payload as string, hash: r.hash as string,
      }));
    },
    storedZ() {
      const stored = db.prepare('SELECT shift, report FROM z_reports ORDER BY shift').all() as Array<{ shift: number; report: string }>;
      return new Map(stored.map((z) => [z.shift, JSON.parse(z.report) as ShiftReport]));
    },
  };
}

/**
 * A day of a till: paid sales, cash movements and a drawer opened for no sale, one paid to another account, a training sale, a cancelled and an
 * expired sale, two left awaiting payment and carried over the close: one expires before the next
 * shift opens, the other is paid in the next shift, which is closed too. `scale` multiplies the amounts, so two tills differ.
 */
export function sellADay(till: TillLedger, scale = 1): void {
  for (const cents of [1050, 250, 9999]) till.pay(till.sell(cents * scale));
  // Cash control: a float, a paid-in, a safe drop, a training paid-out and the drawer opened for no sale.
  const cashier = { actor: 'cashier' as const, training: false };
  till.cash.setFloat({ usdCents: 5000 * scale, riel: 40_000 }, cashier);
  till.cash.record({ kind: 'paid_in', currency: 'USD', amount: 1000, reason: 'change from the bank' }, cashier);
  till.cash.record({ kind: 'drop', currency: 'KHR', amount: 20_000, reason: 'safe' }, cashier);
  till.cash.record({ kind: 'paid_out', currency: 'USD', amount: 300, reason: 'training' }, { ...cashier, training: true });
  till.cash.journalNoSaleOpen({ actor: 'cashier', approver: 'cashier' });
  till.pay(till.sell(500 * scale, { payTo: 'someone@else' }));
  till.pay(till.sell(700 * scale, { training: true }));
  till.sales.markCancelled(till.sell(1234 * scale), 'cancelled');
  till.sales.markExpired(till.sell(4321 * scale), 'expired');
  const carried = till.sell(800 * scale);
  const expiresAfterClose = till.sell(600 * scale);
  till.clock.at += 1000;
  till.shifts.close({ carryOver: true });
  till.clock.at += 1000;
  till.sales.markExpired(expiresAfterClose, 'expired'); // between the close and the next open: the next shift's
  till.pay(carried);
  till.pay(till.sell(300 * scale));
  till.clock.at += 1000;
  till.shifts.close();
}

/**
 * A day after users and roles and cash beside KHQR (issue 9), on top of sellADay: the owner and a
 * cashier (user.created), settings fixed by the environment (settings.envOverrides), and, with the
 * cashier signed in, cash sales in dollars and riel with change and rounding, a split of cash and
 * KHQR, an open sale voided (its cash given back) and a cash refund approved by the owner; the owner
 * moves the Bakong ID within the shift (an approved change) and a sale is paid to the new one; the
 * owner counts the drawer blind and closes. Returns the two users' actors.
 */
export function sellACashDay(till: TillLedger): { owner: string; cashier: string } {
  const now = (): number => (till.clock.at += 1000);
  const users = new Users(till.db, now);
  const owner = userActor(users.create({ name: 'ម្ចាស់ហាង', role: 'owner' }, 'system').id);
  const cashier = userActor(asActor(owner, () => users.create({ name: 'Dara', role: 'cashier' }, 'cashier')).id);
  new SettingsStore(till.db, { receiptFooter: ['Thank you'] }, { set: () => true, fromEnv: true }).journalOverrides(now());
  const sale = { amountCents: 0, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb' };
  asActor(cashier, () => {
    now();
    till.sales.tenderCash({ sale: { ...sale, amountCents: 1025 }, tender: usd(2000) }); // $9 and 3,100 ៛ back, 25 ៛ rounded
    till.cash.setFloat({ usdCents: 3000, riel: 50_000 }, { actor: 'cashier', training: false });
    now();
    till.sales.tenderCash({ sale: { ...sale, due: khr(12_549) }, tender: khr(12_500) }); // a riel sale, 49 ៛ forgone
    now();
    const refunded = till.sales.tenderCash({ sale: { ...sale, amountCents: 500 }, tender: usd(500) }).sale.id;
    // A split: 20,000 ៛ in cash, the rest by KHQR.
    now();
    const split = till.sales.tenderCash({ sale: { ...sale, amountCents: 1000 }, tender: khr(20_000) }).sale.id;
    now();
    const qr = till.sales.addTender(split, 'https://api.test');
    till.sales.attachQr(qr.id, { md5: 'f'.repeat(32), khqrString: 'KHQR-split', expiresAt: 9_999_999_999_999, payTo: 'shop@aclb' });
    now();
    recordPayment(till.tables, qr.id, 'paid', ['awaiting_payment']);
    // An open sale with cash on it, voided with the owner's approval.
    now();
    const voided = till.sales.tenderCash({ sale: { ...sale, amountCents: 3000 }, tender: usd(1000) }).sale.id;
    new SaleVoids(till.db, now).void({ saleId: voided, reason: 'customer left' }, { actor: 'cashier', approver: owner });
    new Refunds(till.db, now).make({ saleId: refunded, currency: 'USD', amount: 200, method: 'cash', reference: null, reason: 'broken' }, { actor: 'cashier', approver: owner, training: false });
  });
  asActor(owner, () => {
    const settings = new SettingsStore(till.db, { receiptFooter: ['Thank you'] });
    settings.save({ bakongId: 'owner@aclb' });
  });
  asActor(cashier, () => {
    now();
    const tender = till.sales.create({ ...sale, amountCents: 700, bakongId: 'owner@aclb', apiBaseUrl: 'https://api.test' });
    till.sales.attachQr(tender.id, { md5: 'e'.repeat(32), khqrString: 'KHQR-owner', expiresAt: 9_999_999_999_999, payTo: 'owner@aclb' });
    now();
    recordPayment(till.tables, tender.id, 'paid', ['awaiting_payment']);
  });
  asActor(owner, () => {
    now();
    const expected = till.shifts.xReport().cash!;
    till.shifts.count({ USD: { total: expected.USD.expected! - 100 }, KHR: { total: expected.KHR.expected! } });
    now();
    till.shifts.close();
  });
  return { owner, cashier };
}
