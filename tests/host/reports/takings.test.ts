/**
 * Takings are what was sold (report format 8; REVIEW-9 H1, M3, M4): the review's own shift — ten cash
 * sales of docs/cash.md with change, riel-keyed sales, a split with KHQR, a KHQR sale, an open partly
 * paid sale and a voided one — on a real ledger. The X/Z's takings are the completed sales, once
 * each, at their amounts due; by tender net of change they add up to the sum of the dues in riel × 100;
 * the cashier's Today totals, the back office's recomputed Z and the export (by Z and by dates) say the same to the cent and riel.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { asActor } from '../../../src/host/auth/actor-context.ts';
import { exportSales } from '../../../src/host/export/export-sales.ts';
import { userActor } from '../../../src/host/ledger/journal/events.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SaleVoids } from '../../../src/host/ledger/sale-voids.ts';
import { Users } from '../../../src/host/ledger/users.ts';
import { canonicalJson, type CanonicalValue } from '../../../src/host/ledger/journal/canonical.ts';
import { inBothCurrencies, khr, toExact, usd } from '../../../src/shared/cash/index.ts';
import type { Currency } from '../../../src/shared/contract.ts';
import { foldJournal } from '../../../src/shared/reports/journal-fold.ts';
import { takingsLines } from '../../../src/shared/reports/takings-lines.ts';
import { parseCsvStrict } from '../export/csv-parse.ts';
import { tempDir } from '../../support/temp.ts';
import { tillLedger, type TillLedger } from '../../support/till-ledger.ts';

const SHOP = { amountCents: 0, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb' };

/** The review's shift; returns the open and the voided sale's numbers. */
function reviewShift(till: TillLedger): { open: number; voided: number } {
  const now = (): number => (till.clock.at += 1000);
  const users = new Users(till.db, now);
  const owner = userActor(users.create({ name: 'Owner', role: 'owner' }, 'system').id);
  const cashier = userActor(asActor(owner, () => users.create({ name: 'Dara', role: 'cashier' }, 'cashier')).id);
  return asActor(cashier, () => {
    const cash = (due: { currency: Currency; amount: number }, tender: ReturnType<typeof usd>, change?: 'usd' | 'khr', rate = 4100) => {
      now();
      const sale = due.currency === 'USD' ? { ...SHOP, khrPerUsd: rate, amountCents: due.amount } : { ...SHOP, khrPerUsd: rate, due: khr(due.amount) };
      return till.sales.tenderCash({ sale, tender, ...(change ? { change } : {}) }).sale.id;
    };
    till.cash.setFloat({ usdCents: 5000, riel: 100_000 }, { actor: 'cashier', training: false });
    cash(usd(1025), usd(1025)); // exact
    cash(usd(1025), usd(2000)); // $9 + 3,100 ៛ back, +25 ៛
    cash(usd(1025), usd(2000), 'usd'); // $9.75 back
    cash(usd(1025), usd(2000), 'khr'); // 40,000 ៛ back, +25 ៛
    const riel = cash(usd(1025), usd(1000)); // then 1,000 ៛: +25 ៛
    now();
    till.sales.tenderCash({ saleId: riel, tender: khr(1000) });
    cash(khr(12_500), khr(20_000)); // $1 + 3,400 ៛ back
    cash(khr(12_549), khr(12_500)); // +49 ៛
    cash(khr(12_550), khr(12_600)); // −50 ៛
    cash(usd(1025), khr(42_000), undefined, 4075); // 200 ៛ back, −31.25 ៛
    cash(usd(1025), usd(11_026)); // $100 back, −41 ៛
    // A split: 20,000 ៛ in cash, the rest by KHQR ($7.32, −12 ៛).
    const split = cash(khr(50_000), khr(20_000));
    now();
    const qr = till.sales.addTender(split, 'https://api.test');
    till.sales.attachQr(qr.id, { md5: 'a'.repeat(32), khqrString: 'KHQR-split', expiresAt: 9_999_999_999_999, payTo: 'shop@aclb' });
    now();
    recordPayment(till.tables, qr.id, 'paid', ['awaiting_payment']);
    // A KHQR sale of $3.00.
    till.pay(till.sell(300));
    // Left open, partly paid: 12,500 ៛ on a 12,550 ៛ sale (100 ៛ still due).
    const open = cash(khr(12_550), khr(12_500));
    // $2 on a $5 sale, then voided with the owner's approval: never takings.
    const voided = cash(usd(500), usd(200));
    new SaleVoids(till.db, now).void({ saleId: voided, reason: 'customer left' }, { actor: 'cashier', approver: owner });
    return { open, voided };
  });
}

test('takings are the completed sales at their amounts due: by tender net of change they add up to the dues; open and voided sales are not takings', async (t) => {
  const till = tillLedger(t);
  const { open, voided } = reviewShift(till);
  const completed = till.db.prepare(`SELECT due_currency AS currency, due_amount AS amount, khr_per_usd AS rate, rounding_exact FROM sales WHERE status = 'completed'`)
    .all() as Array<{ currency: Currency; amount: number; rate: number; rounding_exact: number }>;
  assert.equal(completed.length, 12, 'ten cash sales, the split and the KHQR sale');
  const sum = (f: (s: (typeof completed)[number]) => number) => completed.reduce((total, s) => total + f(s), 0);
  const dues = { exact: sum((s) => toExact(s, s.rate)), cents: sum((s) => inBothCurrencies(s, s.rate).usd), riel: sum((s) => inBothCurrencies(s, s.rate).khr) };

  const x = till.shifts.xReport();
  assert.equal(x.format, 8);
  assert.deepEqual({ count: x.takings.count, cents: x.takings.cents, riel: x.takings.riel }, { count: 12, cents: dues.cents, riel: dues.riel });
  const sold = x.takingsByTender!;
  assert.equal(sold.exact, dues.exact, 'the sum of the amounts due, in riel × 100');
  assert.equal(sold.khqr.exact + sold.cashUSD.exact + sold.cashKHR.exact + sold.rounding.exact, sold.exact, 'the lines add up');
  assert.equal(sold.rounding.amount, sum((s) => s.rounding_exact), 'the rounding line is the sales\' journaled rounding');
  assert.deepEqual(sold.khqr, { count: 2, amount: 732 + 300, exact: (732 + 300) * 4100 });
  // Cash net of change in the currency given: $10.25 + $11 + $10.25 + $20 + $10 − $1 (change of the 20,000 ៛) + $10.26, and the riel less riel change.
  assert.equal(sold.cashUSD.amount, 1025 + (2000 - 900) + (2000 - 975) + 2000 + 1000 - 100 + (11_026 - 10_000));
  assert.equal(sold.cashKHR.amount, -3100 - 40_000 + 1000 + (20_000 - 3400) + 12_500 + 12_600 + (42_000 - 200) + 20_000);
  // Open and voided sales: their cash is in the drawer, never in takings.
  assert.deepEqual(x.partlyPaid, [{ sale: open, due: { currency: 'KHR', amount: 12_550 }, paid: { USD: 0, KHR: 12_500 } }]);
  assert.ok(!(x.unpaid ?? []).includes(open), 'partly paid is not "left unpaid"');
  assert.equal(x.voids?.list[0]?.sale, voided);
  assert.equal(x.cash!.USD.cashTenders!.amount, 1025 + 2000 * 3 + 1000 + 11_026 + 200, 'the voided sale\'s $2 went into the drawer');
  assert.equal(x.cash!.KHR.cashTenders!.amount, 1000 + 20_000 + 12_500 + 12_600 + 42_000 + 20_000 + 12_500, 'the open sale\'s 12,500 ៛ too');
  assert.deepEqual(x.byStatus.paid, { count: 12, cents: dues.cents, riel: dues.riel }, 'paid counts sales, not tenders');
  assert.deepEqual(x.cashiers?.map((c) => [c.count, c.cents, c.riel]), [[12, dues.cents, dues.riel]], 'per cashier: what they sold, not the notes handed over');
  // The cashier's Today totals say the same.
  const today = till.sales.totals(till.clock.at);
  assert.deepEqual([today.paidCount, today.paidCents, today.paidRiel], [12, dues.cents, dues.riel]);

  // As printed: each line's riel at the sales' rates, adding up on paper to the last line.
  const shown = takingsLines(x)!;
  const exactOf = (text: string) => Math.round(Number(text.replace(/[,៛]/g, '')) * 100);
  assert.equal(shown.lines.reduce((total, l) => total + exactOf(l.exact), 0), exactOf(shown.total));
  assert.deepEqual(shown.lines.map((l) => l.key), ['khqr', 'cashUSD', 'cashKHR', 'rounding']);

  // The Z is the X; the back office recomputes it byte for byte.
  till.clock.at += 1000;
  const z = till.shifts.close();
  assert.deepEqual(z.takingsByTender, sold);
  const fold = foldJournal(till.foldRows());
  assert.equal(canonicalJson(fold.shifts[0]!.report as unknown as CanonicalValue), canonicalJson(till.storedZ().get(1) as unknown as CanonicalValue));

  // The export by Z: statuses, amounts as numbers, totals equal to the Z's.
  const dir = tempDir(t);
  const byZ = await exportSales(till.db, { z: 1, format: 'csv', out: join(dir, 'z1.csv') });
  assert.deepEqual(byZ.takings, { count: z.takings.count, cents: z.takings.cents, riel: z.takings.riel });
  const [header, ...rows] = parseCsvStrict(readFileSync(join(dir, 'z1.csv'), 'utf8').replace(/^\uFEFF/, ''));
  const col = (name: string) => header!.indexOf(name);
  const row = (sale: number) => rows.find((r) => r[col('Sale number')] === String(sale))!;
  assert.equal(row(voided)[col('Status')], 'voided');
  assert.equal(row(open)[col('Status')], 'partly_paid');
  assert.equal(row(8)[col('Rounding KHR')], '-50', 'a negative rounding is a number, not the text \'-50');
  assert.equal(row(9)[col('Rounding KHR')], '-31.25');
  const paid = rows.filter((r) => r[col('Status')] === 'paid');
  assert.equal(paid.length, 12);
  const cents = paid.reduce((total, r) => total + Math.round(Number(r[col('Amount USD')]) * 100), 0);
  const riel = paid.reduce((total, r) => total + Number(r[col('Amount KHR')]), 0);
  assert.deepEqual([cents, riel], [z.takings.cents, z.takings.riel], 'the paid rows add up to the Z');
  // By dates: added up from the rows, the same.
  const byDates = await exportSales(till.db, { from: '2026-12-01', to: '2026-12-01', format: 'csv', out: join(dir, 'day.csv') });
  assert.deepEqual(byDates.takings, byZ.takings);
  assert.equal(byDates.byStatus.voided.count, 1);
  assert.equal(byDates.byStatus.partly_paid.count, 1);
});
