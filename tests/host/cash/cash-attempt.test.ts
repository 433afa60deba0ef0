/**
 * Take cash pressed again after its reply was lost (REVIEW-9 H5), and the drawer and the partly paid
 * sale (M6), through a real host, its ledger file and a `file:` printer: the same attempt answered
 * twice — one after the other or at once — is one tender, one receipt, one drawer kick, and the same
 * reply; the same attempt with another amount or sale is refused in words; the attempt is journaled
 * and checked by `ledger verify`. A tender that leaves something due does not open the drawer; the one
 * that covers the sale does; a void giving cash back does. No new sale starts while one is partly paid.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Host } from '../../../src/host/host.ts';
import { runCommand } from '../../../src/host/commands.ts';
import type { Sandbox } from '../../../src/sandbox/simulator.ts';
import { verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import type { CashTenderArgs, CommandReply, CommandResult, SaleView } from '../../../src/shared/contract.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { attemptId } from '../../support/cash-attempt.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { OWNER_PIN, signInAs } from '../../support/users.ts';

const usd = (cents: number) => ({ currency: 'USD' as const, amount: cents });
const khr = (riel: number) => ({ currency: 'KHR' as const, amount: riel });

async function liveTill(t: TestContext, prints: string): Promise<{ host: Host; sandbox: Sandbox }> {
  const { sandbox, url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  host.saveSettings({ drawerEnabled: true, khrPerUsd: 4100 });
  host.cash.setFloat({ usdCents: 5_000, riel: 100_000 });
  return { host, sandbox };
}

const liveHost = async (t: TestContext, prints: string): Promise<Host> => (await liveTill(t, prints)).host;

type Reply = CommandReply<CommandResult<'cash.tender'>>;

const send = (host: Host, args: CashTenderArgs): Promise<Reply> => runCommand(host, 'cash.tender', args as unknown as Record<string, unknown>) as Promise<Reply>;
const kicks = (prints: string): string[] => (existsSync(prints) ? readdirSync(prints).filter((f) => f.endsWith('-drawer.escpos')) : []);
const count = (host: Host, sql: string): number => host.db.prepare(sql).pluck().get() as number;
const journalLength = (host: Host): number => count(host, 'SELECT COUNT(*) FROM journal');
const saleOf = (reply: Reply): SaleView => {
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value.sale;
};

test('the same Take cash sent again after its reply was lost: the same sale, one tender, one receipt, one kick', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const args: CashTenderArgs = { due: usd(700), tender: usd(1000), attempt: attemptId() };
  const first = await send(host, args);
  const sale = saleOf(first);
  assert.equal(sale.saleStatus, 'completed');
  assert.deepEqual(sale.settlement.change, { usd: 300, khr: 0 });
  const rows = journalLength(host);

  const again = await send(host, args);
  assert.deepEqual(saleOf(again), sale, 'the sale as it stands: paid, $3.00 change');
  assert.equal((again.ok && again.value.drawer), null, 'the drawer is not opened again');
  assert.equal(count(host, 'SELECT COUNT(*) FROM sales'), 1, 'no second sale');
  assert.equal(count(host, 'SELECT COUNT(*) FROM tenders'), 1);
  assert.equal(count(host, `SELECT COUNT(*) FROM print_jobs WHERE kind = 'receipt'`), 1, 'one receipt');
  assert.equal(kicks(prints).length, 1, 'one drawer kick');
  assert.equal(journalLength(host), rows, 'nothing journaled');
  const opened = JSON.parse(host.db.prepare(`SELECT payload FROM journal WHERE type = 'tender.opened'`).pluck().get() as string) as { attempt: string };
  assert.equal(opened.attempt, args.attempt, 'the attempt is journaled with the tender');
  assert.equal(host.db.prepare('SELECT attempt FROM tenders').pluck().get(), args.attempt);
  assert.equal(verifyProjection(host.db).ok, true);
});

test('the same attempt three times at once: one sale, one tender, one receipt, one kick, three equal replies', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const args: CashTenderArgs = { due: khr(12_500), tender: khr(20_000), attempt: attemptId() };
  const replies = await Promise.all([send(host, args), send(host, args), send(host, args)]);
  const sales = replies.map(saleOf);
  assert.deepEqual(new Set(sales.map((s) => s.id)), new Set([1]));
  assert.ok(sales.every((s) => s.saleStatus === 'completed'));
  assert.equal(count(host, 'SELECT COUNT(*) FROM sales'), 1);
  assert.equal(count(host, 'SELECT COUNT(*) FROM tenders'), 1);
  assert.equal(count(host, `SELECT COUNT(*) FROM print_jobs WHERE kind = 'receipt'`), 1);
  assert.equal(kicks(prints).length, 1);
});

test('an attempt sent again with another amount, or for another sale, is refused in words and writes nothing', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const attempt = attemptId();
  const part = saleOf(await send(host, { due: usd(1025), tender: usd(500), attempt }));
  assert.equal(part.saleStatus, 'open');
  const rows = journalLength(host);
  for (const args of [
    { due: usd(1025), tender: usd(600), attempt },
    { due: usd(1025), tender: khr(500), attempt },
    { due: usd(900), tender: usd(500), attempt },
    { saleId: part.id, tender: usd(25), attempt },
  ] satisfies CashTenderArgs[]) {
    const reply = await send(host, args);
    assert.ok(!reply.ok, JSON.stringify(args));
    assert.equal(reply.error.text.code, 'cash.attemptReused');
    assert.match(hostMessageText(reply.error.text, 'en'), /already recorded with another amount or sale/);
    assert.match(hostMessageText(reply.error.text, 'km'), /ត្រូវបានកត់ត្រារួចហើយ/);
  }
  assert.equal(journalLength(host), rows);
  // The repeat of the partial tender itself is still the same sale, still open.
  assert.deepEqual(saleOf(await send(host, { due: usd(1025), tender: usd(500), attempt })), part);
});

test('tamper: a tender\'s attempt rewritten in the table is named by ledger verify', async (t) => {
  const host = await liveHost(t, join(tempDir(t), 'prints'));
  saleOf(await send(host, { due: usd(100), tender: usd(100), attempt: attemptId() }));
  host.db.exec('DROP TRIGGER tenders_attempt_is_final');
  host.db.prepare('UPDATE tenders SET attempt = ? WHERE id = 1').run(attemptId());
  const report = verifyProjection(host.db);
  assert.equal(report.ok, false);
  assert.equal(report.problem?.tender, 1);
  assert.match(report.problem!.text, /attempt/);
});

test('the drawer opens when the cash covers the sale, not on a partial tender; a void giving cash back opens it', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  // 100 ៛ "tendered" on a $100,000 sale must not open the drawer.
  const small = await send(host, { due: usd(10_000_000), tender: khr(100), attempt: attemptId() });
  assert.equal(saleOf(small).saleStatus, 'open');
  assert.equal((small.ok && small.value.drawer), null);
  assert.deepEqual(kicks(prints), [], 'no kick for a tender that leaves something due');
  const owner = host.auth.current()!;
  const voided = await runCommand(host, 'sale.void', { saleId: 1, reason: 'keyed wrong', approver: { userId: owner.id, pin: OWNER_PIN } });
  assert.ok(voided.ok, JSON.stringify(voided));
  assert.equal(kicks(prints).length, 1, 'the void gives the 100 ៛ back: the drawer opens');

  const part = saleOf(await send(host, { due: usd(1025), tender: usd(1000), attempt: attemptId() }));
  assert.equal(kicks(prints).length, 1);
  saleOf(await send(host, { saleId: part.id, tender: khr(1000), attempt: attemptId() }));
  assert.equal(kicks(prints).length, 2, 'the tender that covers it opens the drawer, once');
});

test('a split sale: the cash waits in the hand until the KHQR for the rest is paid, then the drawer opens once', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const { host, sandbox } = await liveTill(t, prints);
  const part = saleOf(await send(host, { due: khr(50_000), tender: khr(20_000), attempt: attemptId() }));
  assert.ok((await runCommand(host, 'payment.newQr', { saleId: part.id })).ok);
  assert.deepEqual(kicks(prints), []);
  sandbox.pay(host.ledger.get(part.id)!.md5!);
  await host.payments.checkNow(part.id).catch(() => undefined);
  // Waited for as the other host tests wait (support/temp.ts waitFor): a count of event-loop turns
  // ran out before the kick's file write on a loaded machine.
  await waitFor(`sale ${part.id} completed`, () => host.ledger.get(part.id)!.saleStatus === 'completed');
  await waitFor('the drawer kick', () => kicks(prints).length > 0);
  assert.equal(kicks(prints).length, 1);
});

test('no new sale, cash or KHQR, while another is partly paid: refused naming it, in English and Khmer, and it is put back on the screens', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const part = saleOf(await send(host, { due: khr(12_550), tender: khr(12_500), attempt: attemptId() }));
  assert.equal(part.saleStatus, 'open');
  const rows = journalLength(host);
  for (const [name, args] of [
    ['cash.tender', { due: usd(500), tender: usd(500), attempt: attemptId() }],
    ['payment.charge', { amountCents: 300 }],
    ['payment.charge', { due: khr(4000) }],
    ['payment.dismiss', {}],
  ] as const) {
    const reply = await runCommand(host, name, args);
    assert.ok(!reply.ok, name);
    assert.equal(reply.error.text.code, 'payment.partlyPaidOpen');
    assert.equal(hostMessageText(reply.error.text, 'en'),
      `Sale #${part.id} is partly paid ($0.01 · 100៛ still to pay): take the rest or void it before starting another sale`);
    assert.match(hostMessageText(reply.error.text, 'km'), new RegExp(`ការលក់ #${part.id} បានបង់ខ្លះហើយ`));
  }
  assert.equal(journalLength(host), rows, 'nothing written');
  assert.equal(host.payments.current()?.id, part.id, 'the partly paid sale is the one on the screens');
  const done = saleOf(await send(host, { saleId: part.id, tender: khr(100), attempt: attemptId() }));
  assert.equal(done.saleStatus, 'completed');
  assert.ok((await runCommand(host, 'payment.dismiss', {})).ok, 'finished, the till moves on');
  assert.equal(saleOf(await send(host, { due: usd(500), tender: usd(500), attempt: attemptId() })).saleStatus, 'completed');
});
