/**
 * The cash drawer through a real host (src/host/printing/drawer.ts, host.ts `cash`): the kick goes
 * straight to the printer's transport — the `file:` printer's folder is read back byte for byte —,
 * never through the print queue and never again after it failed; never in training mode; "Open
 * drawer" without a sale is journaled with its actor and approver before the kick, so a printer
 * pulled out loses nothing: the cashier is told (en and km) to use the key, and the ledger verifies.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Host } from '../../../src/host/host.ts';
import type { DrawerKickResult } from '../../../src/shared/contract.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { runCommand } from '../../../src/host/commands.ts';
import { encodeDrawerKick } from '../../../src/host/printing/escpos/drawer.ts';
import { encodeRasterJob } from '../../../src/host/printing/escpos/encode.ts';
import { FileTransport } from '../../../src/host/printing/transports/file-transport.ts';
import { PrinterError, type PrinterTransport } from '../../../src/host/printing/types.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { flush } from '../../support/clock.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { OWNER_PIN, signInAs } from '../../support/users.ts';

/** A live (not training) host whose printer is a folder; its drawer set up on `drawer`'s terms. */
async function liveHost(t: TestContext, prints: string, drawer: Record<string, unknown> = { drawerEnabled: true }, options: Parameters<typeof startHost>[2] = {}): Promise<Host> {
  const { url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_PRINTER: `file:${prints}` }, options);
  await signInAs(host);
  host.saveSettings(drawer);
  return host;
}

const files = (dir: string): string[] => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

function journal(host: Host, type: string): Array<{ actor: string; payload: Record<string, unknown> }> {
  return (host.db.prepare('SELECT actor, payload FROM journal WHERE type = ? ORDER BY seq').all(type) as Array<{ actor: string; payload: string }>)
    .map((row) => ({ actor: row.actor, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

const printJobs = (host: Host): number => host.db.prepare('SELECT COUNT(*) FROM print_jobs').pluck().get() as number;

function sale(host: Host, training: boolean): number {
  return host.ledger.create({ amountCents: 1025, khrPerUsd: 4000, training, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: training ? '' : 'https://api.test' }).id;
}

test('"Open drawer": a cashier asks, a manager\'s PIN approves it in place; journaled (no_sale, actor, approver) in a shift, then ESC p 0 50 250 straight to the printer, not as a print job', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  const owner = host.auth.current()!;
  const manager = await host.auth.addUser('Dara', 'manager', '2468');
  const cashier = await host.auth.addUser('Sokha', 'cashier', '1357');
  await host.auth.signIn(cashier.id, '1357');

  // Refused, nothing journaled, nothing sent: no approver, a wrong PIN, a cashier's own PIN.
  const noApprover = await runCommand(host, 'drawer.open', {});
  assert.equal(!noApprover.ok && noApprover.error.text.code, 'request.expectedArguments');
  const wrong = await runCommand(host, 'drawer.open', { approver: { userId: manager.id, pin: '9999' } });
  assert.equal(!wrong.ok && wrong.error.code, 'not_allowed');
  const own = await runCommand(host, 'drawer.open', { approver: { userId: cashier.id, pin: '1357' } });
  assert.equal(!own.ok && own.error.text.code, 'auth.notApprover');
  assert.deepEqual([files(prints), journal(host, 'drawer.opened')], [[], []]);

  const reply = await runCommand(host, 'drawer.open', { approver: { userId: manager.id, pin: '2468' } });
  assert.deepEqual(reply, { ok: true, value: { outcome: 'sent', message: null, cause: null } });
  assert.equal(host.auth.current()?.id, cashier.id, 'the cashier stays signed in: the approval is in place');
  assert.deepEqual(files(prints), ['00000001-drawer.escpos']);
  assert.deepEqual([...readFileSync(join(prints, '00000001-drawer.escpos'))], [0x1b, 0x70, 0, 50, 250], 'pin 2, 100 ms on, 500 ms off (the defaults)');
  assert.equal(printJobs(host), 0, 'never a print job');
  const [opened] = journal(host, 'drawer.opened');
  // Asked by the signed-in cashier (the row's actor), approved by the manager (the payload).
  assert.deepEqual(opened, { actor: `user:${cashier.id}`, payload: { reason: 'no_sale', shift: 1, approver: `user:${manager.id}` } });
  assert.notEqual(opened!.actor, `user:${owner.id}`);
  assert.equal(host.shifts.xReport().cash?.noSaleOpens, 1, 'the X counts it');
  assert.equal(verifyProjection(host.db).ok, true);
});

test('pin 5, both pins and the pulse times are the owner\'s settings', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints, { drawerEnabled: true, drawerPin: 'both', drawerPulseOnMs: 150, drawerPulseOffMs: 300 });
  const id = sale(host, false);
  assert.equal((await host.cash.openForCashTender(id)).outcome, 'sent');
  assert.deepEqual([...readFileSync(join(prints, '00000001-drawer.escpos'))], [0x1b, 0x70, 0, 75, 150, 0x1b, 0x70, 1, 75, 150]);
  host.saveSettings({ drawerPin: 5 });
  assert.equal((await host.cash.openForCashTender(id)).outcome, 'sent');
  assert.deepEqual([...readFileSync(join(prints, '00000002-drawer.escpos'))], [0x1b, 0x70, 1, 75, 150]);
  assert.equal(journal(host, 'drawer.opened').length, 0, 'a cash tender\'s kick is the tender\'s business, not a no-sale open');
});

test('training mode never kicks: not for "Open drawer", not for a training sale\'s cash, and nothing is journaled', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = startHost(t, { POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  host.saveSettings({ drawerEnabled: true });
  const open = await runCommand(host, 'drawer.open', { approver: { userId: host.auth.current()!.id, pin: OWNER_PIN } });
  assert.ok(open.ok);
  assert.equal((open.value as DrawerKickResult).message?.code, 'drawer.training');
  assert.equal((await host.cash.openForCashTender(sale(host, true))).outcome, 'training');
  await flush();
  assert.deepEqual(files(prints), [], 'not one byte sent');
  assert.equal(journal(host, 'drawer.opened').length, 0);
});

test('a live till never kicks for a training sale either (the sale\'s own mode decides)', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints);
  assert.equal((await host.cash.openForCashTender(sale(host, true))).outcome, 'training');
  assert.deepEqual(files(prints), []);
  await assert.rejects(host.cash.openForCashTender(999), (error: Error & { text?: { code: string } }) => error.text?.code === 'drawer.noSuchSale');
});

test('no drawer set up: nothing sent, nothing journaled; drawer on but printer none: "open it with the key"', async (t) => {
  const prints = join(tempDir(t), 'prints');
  const host = await liveHost(t, prints, { drawerEnabled: false });
  const off = await host.cash.openDrawerNoSale({ actor: 'cashier', approver: 'cashier' });
  assert.equal(off.outcome, 'disabled');
  assert.deepEqual(files(prints), []);
  assert.equal(journal(host, 'drawer.opened').length, 0);

  const { url } = await startSandbox(t);
  const noPrinter = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' });
  await signInAs(noPrinter);
  noPrinter.saveSettings({ drawerEnabled: true });
  const result = await noPrinter.cash.openForCashTender(sale(noPrinter, false));
  assert.equal(result.outcome, 'failed');
  assert.equal(result.message?.code, 'drawer.noPrinter');
});

test('a printer pulled out: the cashier is told in words (en, km) to use the key, the opening stays journaled, nothing is retried or lost', async (t) => {
  const stick = join(tempDir(t), 'stick');
  const prints = join(stick, 'prints'); // the stick is not there: its folder cannot be made
  const host = await liveHost(t, prints);
  const reply = await runCommand(host, 'drawer.open', { approver: { userId: host.auth.current()!.id, pin: OWNER_PIN } });
  assert.ok(reply.ok);
  const { outcome, message, cause } = reply.value as DrawerKickResult;
  assert.equal(outcome, 'failed');
  assert.equal(hostMessageText(message!, 'en'), 'The drawer did not open — open it with the key.');
  assert.equal(hostMessageText(message!, 'km'), 'ថតដាក់ប្រាក់មិនបានបើកទេ — សូមបើកវាដោយប្រើសោ។');
  assert.equal(cause?.code, 'printer.fileUnreachable', 'the printer\'s own reason, in catalog words');
  assert.deepEqual(host.cashierState().drawer?.message, message, 'every tab shows it');
  assert.equal(journal(host, 'drawer.opened').length, 1, 'the opening was allowed and recorded before the kick');
  assert.equal(verifyChain(host.db).ok && verifyProjection(host.db).ok, true);

  // The stick comes back: nothing opens the drawer by itself later.
  mkdirSync(stick);
  host.printing.queue.retryNow();
  await flush(20);
  assert.deepEqual(files(prints), [], 'the failed kick was not queued, so not sent when the printer came back');
  assert.equal(printJobs(host), 0);

  // The next kick works and the warning goes.
  assert.equal((await runCommand(host, 'drawer.open', { approver: { userId: host.auth.current()!.id, pin: OWNER_PIN } })).ok, true);
  assert.deepEqual(files(prints), ['00000001-drawer.escpos']);
  assert.equal(host.cashierState().drawer, null);
  assert.equal(host.shifts.xReport().cash?.noSaleOpens, 2);
});

test('a kick that fails is sent once: the transport is asked once, the print queue never', async (t) => {
  let kicks = 0;
  const failing: PrinterTransport = {
    description: 'a printer that fails',
    async print(_job, meta) {
      if ('drawerKick' in meta) kicks += 1;
      throw new PrinterError('disconnected', 'printer.closed', { printer: 'USB 0416:5011' });
    },
    async close() {},
  };
  const host = await liveHost(t, join(tempDir(t), 'unused'), { drawerEnabled: true }, { createTransport: () => failing, printRetryDelayMs: () => 0 });
  const result = await host.cash.openForCashTender(sale(host, false));
  assert.equal(result.outcome, 'failed');
  host.printing.queue.retryNow();
  await flush(20);
  assert.equal(kicks, 1);
  assert.equal(printJobs(host), 0);
  const dismissed = await runCommand(host, 'drawer.dismissProblem', {});
  assert.ok(dismissed.ok);
  assert.equal(host.cashierState().drawer, null, 'the cashier closed the warning');
});

test('a kick asked for while a receipt is being sent waits for it: the receipt whole, then the kick (never inside the image)', async (t) => {
  const dir = join(tempDir(t), 'prints');
  const transport = new FileTransport(dir);
  const receipt = encodeRasterJob({ width: 576, height: 600, data: new Uint8Array(72 * 600).fill(0x55) });
  const kick = encodeDrawerKick({ pin: 2, onMs: 100, offMs: 500 });
  await Promise.all([transport.print(receipt, { jobId: 7 }), transport.print(kick, { drawerKick: true })]);
  assert.deepEqual(files(dir), ['00000001-job-7.escpos', '00000002-drawer.escpos']);
  assert.deepEqual(readFileSync(join(dir, '00000001-job-7.escpos')), Buffer.from(receipt));
  assert.deepEqual(readFileSync(join(dir, '00000002-drawer.escpos')), Buffer.from(kick));
});

test('a Windows queue that takes the kick for a printer needing attention is told as "did not open", with Windows\' note', async (t) => {
  const held: PrinterTransport = {
    description: 'Windows printer "POS-80"',
    async print() {
      return { state: 'spooled', note: { code: 'printer.windowsAttention', params: { printer: 'POS-80' } }, attention: true };
    },
    async close() {},
  };
  const host = await liveHost(t, join(tempDir(t), 'unused'), { drawerEnabled: true }, { createTransport: () => held });
  const result = await host.cash.openForCashTender(sale(host, false));
  assert.equal(result.outcome, 'failed');
  assert.equal(result.message?.code, 'drawer.kickFailed');
  assert.equal(result.cause?.code, 'printer.windowsAttention');
});
