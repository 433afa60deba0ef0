/**
 * Today's sales list is fetched by page (`sales.page`) instead of being pushed whole with every
 * state: pages in a fixed order, capped in size, strict about their arguments; and the pushed
 * cashier state stays the same size however many sales the day holds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../src/host/commands.ts';
import type { Host } from '../../src/host/host.ts';
import { SALES_PAGE_MAX, type SalesPage } from '../../src/shared/contract.ts';
import { startHost, startTrainingHost } from '../support/servers.ts';
import { seedSales } from '../support/seed-sales.ts';
import { waitFor } from '../support/temp.ts';
import { signInAs } from '../support/users.ts';

/** `count` sales, every other one paid (its receipt job queued with it), the others expired. */
function seed(host: Host, count: number, now: () => number = Date.now): number[] {
  return seedSales(host.db, count, { now, unpaidEvery: 2 });
}

const SALE = { khrPerUsd: 4000, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' };

async function page(host: Host, args: object): Promise<SalesPage> {
  const reply = await runCommand(host, 'sales.page', args);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as SalesPage;
}

test('pages run newest first and meet exactly, also when every sale has the same timestamp', async (t) => {
  // A frozen clock: all 7 sales are created (and paid) in the same millisecond.
  const at = new Date(2026, 10, 24, 12).getTime();
  const host = startHost(t, {}, { now: () => at });
  await signInAs(host);
  const ids = seed(host, 7, () => at);
  const seen: number[] = [];
  let before: number | null | undefined;
  const sizes: number[] = [];
  do {
    const result = await page(host, before === undefined ? { limit: 3 } : { before, limit: 3 });
    sizes.push(result.sales.length);
    seen.push(...result.sales.map((sale) => sale.id));
    before = result.nextBefore;
  } while (before !== null);
  assert.deepEqual(sizes, [3, 3, 1]);
  assert.deepEqual(seen, [...ids].reverse());
  // A page that ends exactly at the day's first sale says so instead of promising an empty page.
  assert.equal((await page(host, { limit: 7 })).nextBefore, null);
  assert.equal((await page(host, { limit: 6 })).nextBefore, ids[1]);
});

test('a row carries its sale and its newest receipt; an unpaid sale has none', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  const [paid, expired] = seed(host, 2);
  const rows = (await page(host, {})).sales;
  assert.deepEqual(rows.map((row) => [row.id, row.status, row.receipt?.kind ?? null]), [[expired, 'expired', null], [paid, 'paid', 'receipt']]);
  assert.equal(rows[1]!.receipt!.saleId, paid);
  assert.equal('apiBaseUrl' in rows[1]!, false, 'host-internal fields stay in the host');
  // A reprint is the sale's newest job: the row follows it.
  assert.ok((await runCommand(host, 'receipt.reprint', { saleId: paid! })).ok);
  assert.equal((await page(host, {})).sales[1]!.receipt!.kind, 'copy');
});

test('today is what was created or paid today: yesterday\'s sale paid after midnight is listed, yesterday\'s others are not', async (t) => {
  // The POS's day is Cambodia's (UTC+7), whatever the machine's zone: 16:50Z is 23:50 in Phnom Penh.
  let now = Date.UTC(2026, 10, 24, 16, 50);
  const host = startHost(t, {}, { now: () => now });
  await signInAs(host);
  const [left, paidLater] = host.db.transaction(() => [host.ledger.create({ ...SALE, amountCents: 100 }), host.ledger.create({ ...SALE, amountCents: 200 })])();
  host.ledger.attachQr(paidLater!.id, { md5: 'e'.repeat(32), khqrString: '000201-late', expiresAt: now + 60 * 60_000, payTo: 'shop@aclb' });
  now = Date.UTC(2026, 10, 24, 17, 5); // 00:05 the next day in Phnom Penh
  host.ledger.markPaid(paidLater!.id, 'after midnight');
  const [today] = seed(host, 1, () => now);
  assert.deepEqual((await page(host, {})).sales.map((sale) => sale.id), [today, paidLater!.id]);
  assert.notEqual(left!.id, paidLater!.id);
});

test('a page holds SALES_PAGE_MAX sales at most, whatever is asked', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  seed(host, SALES_PAGE_MAX + 5);
  const big = await page(host, { limit: 1_000_000 });
  assert.equal(big.sales.length, SALES_PAGE_MAX);
  assert.equal(big.nextBefore, big.sales.at(-1)!.id);
  assert.equal((await page(host, { before: big.nextBefore! })).sales.length, 5);
  assert.equal((await page(host, {})).sales.length, 30, 'the default page');
});

test('bad arguments are refused, in catalog words', async (t) => {
  const host = startHost(t);
  await signInAs(host);
  const cases: Array<[unknown, RegExp]> = [
    [{ limit: 0 }, /number of sales to list must be a whole number/],
    [{ limit: -5 }, /number of sales to list/],
    [{ limit: 2.5 }, /number of sales to list/],
    [{ limit: '10' }, /number of sales to list/],
    [{ limit: null }, /number of sales to list/],
    [{ limit: Number.MAX_SAFE_INTEGER + 2 }, /number of sales to list/],
    [{ before: 0 }, /sale number must be a whole number/],
    [{ before: '5 OR 1=1' }, /sale number must be a whole number/],
    [{ before: Number.NaN }, /sale number/],
    [{ offset: 10 }, /takes only: before, limit/],
    [{ before: 5, limit: 5, all: true }, /takes only: before, limit/],
    [['before'], /cannot read/],
  ];
  for (const [args, expected] of cases) {
    const reply = await runCommand(host, 'sales.page', args);
    assert.ok(!reply.ok, `${JSON.stringify(args)} was accepted`);
    assert.equal(reply.error.code, 'invalid_request');
    assert.match(reply.error.message, expected);
  }
});

test('the pushed cashier state does not carry the day\'s sales and does not grow with them', async (t) => {
  const empty = startHost(t);
  const half = startHost(t);
  const busy = startHost(t);
  seed(half, 250);
  const ids = seed(busy, 500);
  const [emptyJson, halfJson, busyJson] = [empty, half, busy].map((host) => JSON.stringify(host.cashierState()));
  const sizes = `${emptyJson!.length} bytes with no sales, ${halfJson!.length} with 250, ${busyJson!.length} with 500`;
  // From 250 to 500 sales: the same fields, only numbers' digits differ (totals, revision, times).
  assert.ok(Math.abs(busyJson!.length - halfJson!.length) < 100, sizes);
  // From none to 500: a handful of recent print jobs at most, nothing per sale.
  assert.ok(busyJson!.length - emptyJson!.length < 1_500, sizes);
  assert.ok(busyJson!.length < 4_096, sizes);
  for (const i of [0, 250, 499]) {
    assert.ok(!busyJson!.includes(`-seeded-${i}"`), `sale #${ids[i]} is not in the push`);
  }
  // The totals are still the whole day's: 250 paid sales of 100, 102, … 598 cents.
  const totals = busy.cashierState().totals;
  assert.equal(totals.paidCount, 250);
  assert.equal(totals.paidCents, Array.from({ length: 250 }, (_, i) => 100 + 2 * i).reduce((a, b) => a + b, 0));
  // At most a handful of print jobs travel with the state, never the day's 250 receipts.
  assert.ok(busy.cashierState().printer.jobs.length <= 6);
});

test('the sales revision moves when the list changes, and stays put while a QR merely waits', async (t) => {
  const { host } = startTrainingHost(t);
  await signInAs(host);
  const revision = (): number => host.cashierState().salesRevision;
  const start = revision();
  const charged = await runCommand(host, 'payment.charge', { amountCents: 250 });
  assert.ok(charged.ok);
  const afterCharge = revision();
  assert.notEqual(afterCharge, start);
  // The watcher checks (unpaid) without writing: the list is unchanged, so is its revision.
  const saleId = (charged.value as { id: number }).id;
  await runCommand(host, 'payment.checkNow', { saleId });
  await runCommand(host, 'payment.checkNow', { saleId });
  assert.equal(revision(), afterCharge);
  assert.ok((await runCommand(host, 'training.simulatePayment', { saleId })).ok);
  await waitFor('the payment to be recorded', () => host.ledger.get(saleId)?.status === 'paid');
  assert.notEqual(revision(), afterCharge);
  // The receipt is listed with the sale, and the current sale's job is pushed with the state.
  const row = (await page(host, {})).sales[0]!;
  assert.equal(row.id, saleId);
  assert.ok(row.receipt);
  assert.ok(host.cashierState().printer.jobs.some((job) => job.saleId === saleId));
});
