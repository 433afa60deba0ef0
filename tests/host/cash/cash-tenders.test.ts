/**
 * Cash beside KHQR through a real host and its real ledger file (docs/cash.md): sales keyed in
 * dollars or riel, paid in cash in either currency, split across cash and KHQR (the training
 * sandbox pays the QR), change in either currency, and the rounding line, so that tenders − change +
 * rounding = total for every completed sale; refusals write nothing; every row verifies against the
 * journal; the drawer opens after a cash tender is written, on a live till only.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Host } from '../../../src/host/host.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { runCommand } from '../../../src/host/commands.ts';
import { REPORT_FORMAT, shiftReport } from '../../../src/host/reports/shift-report.ts';
import { toExact } from '../../../src/shared/cash/index.ts';
import type { ChangeChoiceArg, Currency, SaleView } from '../../../src/shared/contract.ts';
import { attemptId, withAttempt, type TenderArgs } from '../../support/cash-attempt.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { flush } from '../../support/clock.ts';
import { startHost, startSandbox, startTrainingHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

type M = { currency: Currency; amount: number };
const usd = (cents: number): M => ({ currency: 'USD', amount: cents });
const khr = (riel: number): M => ({ currency: 'KHR', amount: riel });

/** A live till (a sandbox as its API, a folder as its printer, a drawer), its float entered. */
async function liveHost(t: TestContext, prints: string, rate = 4100): Promise<Host> {
  const { url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  host.saveSettings({ drawerEnabled: true, khrPerUsd: rate });
  host.cash.setFloat({ usdCents: 5_000, riel: 100_000 });
  return host;
}

async function tender(host: Host, args: TenderArgs): Promise<SaleView> {
  const reply = await runCommand(host, 'cash.tender', withAttempt(args) as unknown as Record<string, unknown>);
  if (!reply.ok) throw Object.assign(new Error(reply.error.code), { reply });
  return (reply.value as { sale: SaleView }).sale;
}

async function refused(host: Host, args: TenderArgs): Promise<string> {
  const reply = await runCommand(host, 'cash.tender', withAttempt(args) as unknown as Record<string, unknown>);
  assert.equal(reply.ok, false);
  return reply.ok ? '' : reply.error.text.code;
}

/** tenders − change + rounding = total, in the common unit (riel × 100), for a completed sale. */
function assertBalances(sale: SaleView): void {
  const rate = sale.khrPerUsd;
  const tendered = sale.tenders.filter((t) => t.status === 'paid' && !t.overpaid).reduce((sum, t) => sum + toExact(t, rate), 0);
  const change = toExact(usd(sale.settlement.change.usd), rate) + toExact(khr(sale.settlement.change.khr), rate);
  assert.equal(tendered - change + sale.settlement.roundingExact, toExact({ currency: sale.currency, amount: sale.dueAmount }, rate));
}

const journalTypes = (host: Host): string[] => host.db.prepare('SELECT type FROM journal ORDER BY seq').pluck().all() as string[];
const files = (dir: string): string[] => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

interface Case {
  name: string;
  rate: number;
  due: M;
  tenders: M[];
  change?: ChangeChoiceArg;
  /** The change given: cents and riel; the rounding line in riel × 100. */
  given: { usd: number; khr: number };
  rounding: number;
}

const CASES: Case[] = [
  { name: 'a dollar sale paid exactly in dollars', rate: 4100, due: usd(1025), tenders: [usd(1025)], given: { usd: 0, khr: 0 }, rounding: 0 },
  { name: 'a dollar sale paid with $20: whole dollars back, the rest in riel', rate: 4100, due: usd(1025), tenders: [usd(2000)], given: { usd: 900, khr: 3100 }, rounding: 2500 },
  { name: 'the same, all in dollars', rate: 4100, due: usd(1025), tenders: [usd(2000)], change: 'usd', given: { usd: 975, khr: 0 }, rounding: 0 },
  { name: 'the same, all in riel', rate: 4100, due: usd(1025), tenders: [usd(2000)], change: 'khr', given: { usd: 0, khr: 40_000 }, rounding: 2500 },
  { name: 'the same, a keyed split', rate: 4100, due: usd(1025), tenders: [usd(2000)], change: { usd: 500, khr: 19_500 }, given: { usd: 500, khr: 19_500 }, rounding: 2500 },
  { name: '$10.25 paid with a $10 note and 1,000 ៛: 25 ៛ forgone', rate: 4100, due: usd(1025), tenders: [usd(1000), khr(1000)], given: { usd: 0, khr: 0 }, rounding: 2500 },
  { name: '$10.25 paid with $10 and 1,000 ៛ at 4,000: exact', rate: 4000, due: usd(1025), tenders: [usd(1000), khr(1000)], given: { usd: 0, khr: 0 }, rounding: 0 },
  { name: 'a riel sale paid in riel, change in dollars and riel', rate: 4100, due: khr(12_500), tenders: [khr(20_000)], given: { usd: 100, khr: 3400 }, rounding: 0 },
  { name: 'a riel sale paid with a $5 note: $2 back', rate: 4000, due: khr(12_000), tenders: [usd(500)], given: { usd: 200, khr: 0 }, rounding: 0 },
  { name: 'a riel sale paid with a $5 note, all in riel', rate: 4000, due: khr(12_000), tenders: [usd(500)], change: 'khr', given: { usd: 0, khr: 8000 }, rounding: 0 },
  { name: 'a riel sale 49 ៛ short is covered', rate: 4100, due: khr(12_549), tenders: [khr(12_500)], given: { usd: 0, khr: 0 }, rounding: 4900 },
  { name: 'a riel sale 50 ៛ over: the half goes to the shop', rate: 4100, due: khr(12_550), tenders: [khr(12_600)], given: { usd: 0, khr: 0 }, rounding: -5000 },
];

for (const c of CASES) {
  test(`cash: ${c.name}`, async (t) => {
    const prints = join(tempDir(t), 'prints');
    const host = await liveHost(t, prints, c.rate);
    let sale: SaleView | null = null;
    for (const [i, money] of c.tenders.entries()) {
      const last = i === c.tenders.length - 1;
      const extra = last && c.change !== undefined ? { change: c.change } : {};
      sale = await tender(host, sale === null ? { due: c.due, tender: money, ...extra } : { saleId: sale.id, tender: money, ...extra });
      assert.equal(sale.saleStatus, last ? 'completed' : 'open');
      assert.equal(sale.settlement.covered, last);
    }
    assert.ok(sale);
    assert.equal(sale.currency, c.due.currency);
    assert.equal(sale.dueAmount, c.due.amount);
    assert.deepEqual(sale.settlement.change, c.given);
    assert.equal(sale.settlement.roundingExact, c.rounding);
    assertBalances(sale);
    assert.equal(host.db.prepare(`SELECT COUNT(*) FROM print_jobs WHERE kind = 'receipt' AND sale_id = ?`).pluck().get(sale.id), 1, 'its receipt is owed');
    assert.equal(files(prints).filter((f) => f.endsWith('-drawer.escpos')).length, 1, 'the drawer opened once, when the cash covered the sale');
    assert.equal(verifyChain(host.db).ok, true);
    assert.deepEqual(verifyProjection(host.db).problem, null);
  });
}

test('before cover: what remains in both currencies, and Exact in riel covers a dollar sale', async (t) => {
  const host = await liveHost(t, join(tempDir(t), 'prints'));
  const part = await tender(host, { due: usd(1025), tender: usd(1000) });
  assert.deepEqual(part.settlement.remaining, { usd: 25, khr: 1000 }, '25 cents is 1,025 ៛, asked as 1,000 ៛ (it rounds to the note)');
  assert.equal(part.status, 'paid', 'its cash tender is paid');
  assert.equal(part.saleStatus, 'open');
  const done = await tender(host, { saleId: part.id, tender: khr(1000) });
  assert.equal(done.saleStatus, 'completed');
});

test('refusals write nothing: change over the limit, change asked for before cover, a tender after cover, a keyed split that does not add up', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const before = journalTypes(host).length;
  assert.equal(await refused(host, { due: usd(1025), tender: usd(12_000) }), 'cash.changeTooLarge', '$109.75 of change is a keying error');
  assert.equal(await refused(host, { due: khr(12_500), tender: khr(112_600), change: 'khr' }), 'cash.changeTooLarge', '100,100 ៛ in riel notes');
  assert.equal(await refused(host, { due: usd(1025), tender: usd(2000), change: { usd: 900, khr: 1000 } }), 'cash.changeSplitMismatch');
  assert.equal(await refused(host, { due: usd(1025), tender: usd(500), change: 'usd' }), 'cash.underTendered', 'no change on an under-tendered sale');
  assert.equal(journalTypes(host).length, before, 'not a row journaled');
  assert.deepEqual(files(prints), [], 'the drawer never opened');

  const sale = await tender(host, { due: usd(1025), tender: usd(1025) });
  assert.equal(await refused(host, { saleId: sale.id, tender: usd(100) }), 'payment.alreadyPaid', 'a completed sale takes no more');
  const reply = await runCommand(host, 'cash.tender', { due: usd(1025), tender: usd(1000), change: 'usd', attempt: attemptId() });
  assert.ok(!reply.ok);
  assert.match(hostMessageText(reply.error.text, 'en'), /\$0\.25/, 'says what is still due, in both currencies');
  assert.match(hostMessageText(reply.error.text, 'en'), /1,000៛/);
  assert.match(hostMessageText(reply.error.text, 'km'), /1,000៛/);
});

test('bad arguments are refused before anything acts on them', async (t) => {
  const host = await liveHost(t, join(tempDir(t), 'prints'));
  for (const args of [
    { due: usd(100) },
    { due: { currency: 'EUR', amount: 100 }, tender: usd(100) },
    { due: usd(100), tender: { currency: 'KHR', amount: 10.5 } },
    { due: usd(100), tender: usd(100), change: 'all' },
    { due: usd(100), tender: usd(100), change: { usd: -1, khr: 0 } },
    { due: usd(100), tender: usd(100), extra: 1 },
    { saleId: 'x', tender: usd(100) },
    { due: khr(99), tender: khr(100) },
    { due: usd(100), tender: usd(100), attempt: attemptId().toUpperCase() },
    { due: usd(100), tender: usd(100), attempt: attemptId().slice(1) },
    { due: usd(100), tender: usd(100), attempt: null },
  ]) {
    // Each with a good attempt id unless the case is about it: refused for its own fault.
    const reply = await runCommand(host, 'cash.tender', { attempt: attemptId(), ...args } as Record<string, unknown>);
    assert.equal(reply.ok, false, JSON.stringify(args));
  }
  assert.equal(host.db.prepare('SELECT COUNT(*) FROM sales').pluck().get(), 0);
});

test('the float comes first on a live till', async (t) => {
  const { url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' });
  await signInAs(host);
  assert.equal(await refused(host, { due: usd(100), tender: usd(100) }), 'drawer.floatFirst');
  host.cash.setFloat({ usdCents: 0, riel: 0 });
  assert.equal((await tender(host, { due: usd(100), tender: usd(100) })).saleStatus, 'completed');
});

test('split cash + KHQR (training): 20,000 ៛ cash, then a QR for the rest in cents, paid; the sub-cent difference is the rounding line; no drawer kick in training', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const { host } = startTrainingHost(t, { POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  host.saveSettings({ drawerEnabled: true, khrPerUsd: 4100 });
  const part = await tender(host, { due: khr(50_000), tender: khr(20_000) });
  assert.deepEqual(part.settlement.remaining, { usd: 732, khr: 30_000 });
  const qr = await runCommand(host, 'payment.newQr', { saleId: part.id });
  assert.ok(qr.ok);
  const khqr = (qr.value as SaleView).tenders.at(-1)!;
  assert.deepEqual([khqr.kind, khqr.currency, khqr.amount], ['khqr', 'USD', 732], '30,000 ៛ is $7.317: asked as $7.32');
  assert.equal((await refused(host, { saleId: part.id, tender: khr(1000) })), 'payment.inProgress', 'no cash while the QR waits');
  host.simulatePayment(part.id);
  for (let i = 0; i < 200 && host.ledger.get(part.id)!.saleStatus !== 'completed'; i += 1) await flush();
  const done = host.ledger.get(part.id)!;
  assert.equal(done.saleStatus, 'completed');
  assert.equal(done.settlement.roundingExact, -1200, '−12 ៛: the shop keeps it');
  assertBalances(done);
  assert.deepEqual(files(prints).filter((f) => f.endsWith('-drawer.escpos')), [], 'training never kicks');
  assert.deepEqual(verifyProjection(host.db).problem, null);
});

test('a KHQR sale keyed in riel asks the API for the cents rounded half up', async (t) => {
  const { host } = startTrainingHost(t);
  await signInAs(host);
  host.saveSettings({ khrPerUsd: 4000 });
  const reply = await runCommand(host, 'payment.charge', { due: khr(12_540) });
  assert.ok(reply.ok);
  const sale = reply.value as SaleView;
  assert.deepEqual([sale.currency, sale.dueAmount, sale.amountCents, sale.tenders[0]!.amount], ['KHR', 12_540, 314, 314], 'exactly $3.135: the half cent rounds up');
  host.simulatePayment(sale.id);
  for (let i = 0; i < 200 && host.ledger.get(sale.id)!.saleStatus !== 'completed'; i += 1) await flush();
  assert.equal(host.ledger.get(sale.id)!.settlement.roundingExact, -2000);
});

test('the kick bytes reach the file printer after the tender that covers the sale is written', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const sale = await tender(host, { due: usd(1025), tender: usd(2000) });
  const kicks = files(prints).filter((f) => f.endsWith('-drawer.escpos'));
  assert.equal(kicks.length, 1);
  assert.deepEqual([...readFileSync(join(prints, kicks[0]!))], [0x1b, 0x70, 0, 50, 250]);
  const types = journalTypes(host);
  assert.deepEqual(types.slice(-4), ['sale.opened', 'tender.opened', 'tender.paid', 'sale.completed']);
  const completed = JSON.parse(host.db.prepare(`SELECT payload FROM journal WHERE type = 'sale.completed' ORDER BY seq DESC`).pluck().get() as string) as unknown;
  assert.deepEqual(completed, { sale: sale.id, paidLate: false, changeUsd: 900, changeKhr: 3100, rounding: 2500 });
});

test('tamper: change or rounding rewritten on a completed sale is named by verify', async (t) => {
  const host = await liveHost(t, join(tempDir(t), 'prints'));
  const sale = await tender(host, { due: usd(1025), tender: usd(2000) });
  host.db.exec('DROP TRIGGER sales_settlement_is_final');
  for (const [column, value] of [['change_usd', 1900], ['change_khr', 0], ['rounding_exact', 0]] as const) {
    const before = host.db.prepare(`SELECT ${column} FROM sales WHERE id = ?`).pluck().get(sale.id);
    host.db.prepare(`UPDATE sales SET ${column} = ? WHERE id = ?`).run(value, sale.id);
    const report = verifyProjection(host.db);
    assert.equal(report.ok, false, column);
    assert.equal(report.problem?.sale, sale.id);
    assert.match(report.problem!.text, new RegExp(`${column} ${value}, the journal says ${String(before)}`));
    host.db.prepare(`UPDATE sales SET ${column} = ? WHERE id = ?`).run(before, sale.id);
  }
  assert.equal(verifyProjection(host.db).ok, true, 'put back, it verifies again');
  const fake = host.db.prepare(`SELECT id FROM tenders WHERE sale_id = ?`).pluck().get(sale.id) as number;
  host.db.exec('DROP TRIGGER tenders_paid_row_is_final; DROP TRIGGER tenders_identity_is_final');
  host.db.prepare('UPDATE tenders SET amount = 1025 WHERE id = ?').run(fake);
  const report = verifyProjection(host.db);
  assert.equal(report.problem?.tender, fake, 'a cash tender rewritten is named too');
});

test('X/Z and the export by Z: cash in and change out per currency, the rounding, what the drawer should hold — in agreement to the cent and riel', async (t) => {
  const host = await liveHost(t, join(tempDir(t), 'prints'));
  await tender(host, { due: usd(1025), tender: usd(2000) }); // $9 + 3,100 ៛ back, +25 ៛
  const riel = await tender(host, { due: khr(12_500), tender: khr(20_000) }); // $1 + 3,400 ៛ back
  const split = await tender(host, { due: usd(1025), tender: usd(1000) });
  await tender(host, { saleId: split.id, tender: khr(1000) }); // +25 ៛
  // The ledger's own X (the screens' is blind until the drawer is counted for the close).
  const x = shiftReport(host.db, { kind: 'X' });
  assert.equal(x.format, REPORT_FORMAT);
  assert.deepEqual(x.cash?.USD.cashTenders, { count: 2, amount: 3000 });
  assert.deepEqual(x.cash?.KHR.cashTenders, { count: 2, amount: 21_000 });
  assert.deepEqual(x.change, { USD: { count: 2, amount: 1000 }, KHR: { count: 2, amount: 6500 } });
  assert.deepEqual(x.rounding, { count: 2, exact: 5000 });
  assert.equal(x.cash?.USD.expected, 5000 + 3000 - 1000, 'float + cash in − change out');
  assert.equal(x.cash?.KHR.expected, 100_000 + 21_000 - 6500);
  // Takings by tender, net of the change given in each currency: $20 − $9, $10 − $1 (the riel sale's dollar change); 20,000 ៛ − 3,100 ៛ − 3,400 ៛ + 1,000 ៛.
  assert.deepEqual([x.takingsByTender?.cashUSD.amount, x.takingsByTender?.cashKHR.amount], [2000 - 900 + 1000 - 100, 20_000 - 3100 - 3400 + 1000]);
  assert.equal(x.takingsByTender?.exact, (1025 + 1025) * 4100 + 12_500 * 100, 'the three sales as keyed');

  const z = host.shifts.close();
  const { exportSales } = await import('../../../src/host/export/export-sales.ts');
  const { parseCsvStrict } = await import('../export/csv-parse.ts');
  const out = join(tempDir(t), 'z.csv');
  await exportSales(host.db, { z: z.shift!, format: 'csv', out });
  const [header, ...rows] = parseCsvStrict(readFileSync(out).subarray(3).toString('utf8'));
  const col = (name: string): number => header!.indexOf(name);
  const sum = (name: string, parse: (s: string) => number): number => rows.reduce((total, row) => total + parse(row[col(name)]!), 0);
  const cents = (s: string): number => Math.round(Number(s) * 100);
  assert.equal(sum('Change USD', cents), z.change!.USD.amount);
  assert.equal(sum('Change KHR', Number), z.change!.KHR.amount);
  assert.equal(sum('Rounding KHR', (s) => Math.round(Number(s) * 100)), z.rounding!.exact);
  const rielRow = rows.find((row) => Number(row[col('Sale number')]) === riel.id)!;
  assert.deepEqual([rielRow[col('Keyed in')], rielRow[col('Amount KHR')], rielRow[col('Amount USD')]], ['KHR', '12500', '3.05'], 'a riel sale as keyed, its dollars rounded half up');
});
