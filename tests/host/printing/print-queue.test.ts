/**
 * Receipts end to end in the host: paying a sale queues its receipt in the same transaction, the
 * worker renders it and writes it through the real file transport; the bytes decode to exactly the
 * rendered receipt. A printer that fails N times then recovers prints it once; a restart loses
 * nothing and prints nothing twice unless the POS died mid-job (then it says so).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { decodeEscPosJob } from '../../../src/host/printing/escpos/decode.ts';
import { readTill } from '../../../src/host/ledger/journal/till.ts';
import { receiptForSale } from '../../../src/host/printing/receipt-data.ts';
import { renderReceipt } from '../../../src/host/printing/receipt/layout.ts';
import { createTransport } from '../../../src/host/printing/transports/create-transport.ts';
import { PrinterError, type PrinterTransport } from '../../../src/host/printing/types.ts';
import { hostMessage, type HostMessage } from '../../../src/shared/messages/index.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { payTrainingSale } from '../../support/training-sale.ts';
import { signInAs } from '../../support/users.ts';

const KHMER_NAME = 'ហាងកាហ្វេ';


const jobFiles = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

/** A real transport wrapped so its first `failures` jobs fail as an unplugged printer would. */
function flaky(failures: number, calls: { count: number }) {
  return (setting: string): PrinterTransport => {
    const real = createTransport(setting);
    return {
      description: real.description,
      async print(job, meta) {
        calls.count += 1;
        if (calls.count <= failures) throw new PrinterError('disconnected', 'printer.unplugged', { printer: 'USB 0416:5011' });
        await real.print(job, meta);
      },
      close: () => real.close(),
    };
  };
}

/** Real transports that hold every job until `release()` is called (a printer busy with the first receipt). */
function gated(): { release: () => void; transport: (setting: string) => PrinterTransport } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const transport = (setting: string): PrinterTransport => {
    const real = createTransport(setting);
    return {
      description: real.description,
      print: async (job, meta) => {
        await gate;
        await real.print(job, meta);
      },
      close: () => real.close(),
    };
  };
  return { release: () => release(), transport };
}

test('a paid sale prints one receipt whose bytes decode to exactly the rendered raster, Khmer name included', async (t) => {
  const prints = tempDir(t);
  const host = startHost(t, { POS_PRINTER: `file:${prints}`, POS_MERCHANT_NAME: KHMER_NAME });
  await signInAs(host);
  const id = await payTrainingSale(host);
  await waitFor('the receipt file', () => jobFiles(prints).length === 1);
  await waitFor('the job marked printed', () => host.printing.view().jobs[0]?.status === 'printed');
  const bytes = new Uint8Array(readFileSync(join(prints, jobFiles(prints)[0]!)));
  const decoded = decodeEscPosJob(bytes);
  assert.deepEqual(decoded.commands.filter((c) => c.kind === 'unknown'), []);
  const expected = renderReceipt(receiptForSale(host.ledger.get(id)!, host.settings.current(), false, readTill(host.db)!.code));
  assert.equal(receiptForSale(host.ledger.get(id)!, host.settings.current(), false, readTill(host.db)!.code).receiptNumber,
    `${readTill(host.db)!.code}-${id}`, 'receipts are numbered <till code>-<sale>');
  assert.equal(decoded.raster!.width, 576);
  assert.deepEqual(decoded.raster, expected);
  // Khmer travels only as dots: its UTF-8 bytes are nowhere in the job.
  assert.equal(Buffer.from(bytes).indexOf(Buffer.from(KHMER_NAME, 'utf8')), -1);
  const view = host.cashierState().printer.jobs[0]!;
  assert.deepEqual([view.saleId, view.kind, view.status, view.interrupted], [id, 'receipt', 'printed', false]);
});

test('a printer that fails three times then recovers prints the receipt exactly once, and the cashier saw why it waited', async (t) => {
  const prints = tempDir(t);
  const calls = { count: 0 };
  const host = startHost(t, { POS_PRINTER: `file:${prints}` }, { createTransport: flaky(3, calls), printRetryDelayMs: () => 30 });
  await signInAs(host);
  const waiting: Array<HostMessage | null> = [];
  host.subscribe(() => waiting.push(host.printing.view().jobs[0]?.lastError ?? null));
  await payTrainingSale(host);
  await waitFor('printed', () => host.printing.view().jobs[0]?.status === 'printed');
  assert.equal(calls.count, 4);
  assert.equal(jobFiles(prints).length, 1);
  assert.equal(host.printing.view().jobs[0]!.attempts, 4);
  assert.ok(
    waiting.some((m) => m?.code === 'printer.unplugged' && m.params?.printer === 'USB 0416:5011'),
    'the cashier was never told the printer was unplugged',
  );
  assert.equal(host.printing.view().problem, null, 'the problem clears once it prints');
});

test('printing never holds up the next payment', async (t) => {
  const prints = tempDir(t);
  // The printer takes the first receipt and then hangs on it until released.
  const { release, transport: stuck } = gated();
  const host = startHost(t, { POS_PRINTER: `file:${prints}` }, { createTransport: stuck });
  await signInAs(host);
  await payTrainingSale(host, 100);
  await waitFor('the receipt to be printing', () => host.printing.view().jobs[0]?.status === 'printing');
  await payTrainingSale(host, 200); // the printer is still busy with the first receipt
  assert.equal(jobFiles(prints).length, 0);
  release();
  await waitFor('both printed', () => jobFiles(prints).length === 2);
});

test('a job cut off by a crash is printed again at start and flagged; a waiting job survives a restart', async (t) => {
  const prints = tempDir(t);
  const env = { POS_DATA_DIR: tempDir(t), POS_PRINTER: `file:${prints}` };
  const calls = { count: 0 };
  const first = startHost(t, env, { createTransport: flaky(1_000, calls), printRetryDelayMs: () => 60_000 });
  await signInAs(first);
  await payTrainingSale(first, 100);
  await waitFor('the first attempt to fail', () => calls.count === 1);
  await payTrainingSale(first, 200);
  // Simulate dying mid-job on the second receipt: it was marked printing, its bytes never confirmed.
  first.db.prepare(`UPDATE print_jobs SET status = 'printing' WHERE sale_id = 2`).run();
  await first.close();
  assert.equal(jobFiles(prints).length, 0);

  const second = startHost(t, env);
  await signInAs(second);
  await waitFor('both receipts printed after restart', () => second.printing.view().jobs.every((j) => j.status === 'printed'));
  assert.equal(jobFiles(prints).length, 2, 'each receipt printed exactly once');
  const bySale = new Map(second.printing.view().jobs.map((j) => [j.saleId, j]));
  assert.equal(bySale.get(2)!.interrupted, true, 'the cashier cannot tell a receipt may have come out partly');
  assert.equal(bySale.get(1)!.interrupted, false);
});

test('a reprint is a COPY; with no printer set up, receipts are recorded as not printed', async (t) => {
  const prints = tempDir(t);
  const host = startHost(t, { POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  const id = await payTrainingSale(host);
  await waitFor('receipt', () => jobFiles(prints).length === 1);
  const reply = await runCommand(host, 'receipt.reprint', { saleId: id });
  assert.ok(reply.ok);
  await waitFor('copy', () => jobFiles(prints).length === 2);
  const [original, copy] = jobFiles(prints).map((name) => decodeEscPosJob(new Uint8Array(readFileSync(join(prints, name)))).raster!);
  assert.deepEqual(copy, renderReceipt(receiptForSale(host.ledger.get(id)!, host.settings.current(), true, readTill(host.db)!.code)));
  assert.notDeepEqual(copy, original);

  const none = startHost(t);
  await signInAs(none);
  await payTrainingSale(none);
  await waitFor('skipped', () => none.printing.view().jobs[0]?.status === 'skipped');
  assert.deepEqual(none.printing.view().jobs[0]!.lastError, { code: 'printer.notSetUp' });
});

test('the receipt preview is the same raster, as a PNG; unpaid sales have none', async (t) => {
  const host = startHost(t, { POS_MERCHANT_NAME: KHMER_NAME });
  await signInAs(host);
  const id = await payTrainingSale(host);
  const reply = await runCommand(host, 'receipt.preview', { saleId: id });
  assert.ok(reply.ok);
  const preview = reply.value as { png: string; width: number; height: number };
  assert.match(preview.png, /^data:image\/png;base64,/);
  const expected = renderReceipt(receiptForSale(host.ledger.get(id)!, host.settings.current(), false, readTill(host.db)!.code));
  assert.deepEqual([preview.width, preview.height], [expected.width, expected.height]);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 5 })).ok);
  const unpaid = await runCommand(host, 'receipt.preview', { saleId: id + 1 });
  assert.equal(!unpaid.ok && unpaid.error.code, 'not_allowed');
});

test('the ledger failing while a receipt prints neither stops the process nor the queue', async (t) => {
  const prints = tempDir(t);
  const { release, transport: slow } = gated();
  const host = startHost(t, { POS_PRINTER: `file:${prints}` }, { createTransport: slow });
  await signInAs(host);
  await payTrainingSale(host);
  await waitFor('printing', () => host.printing.view().jobs[0]?.status === 'printing');
  host.db.pragma('query_only = 1'); // the disk fails while the printer works
  release();
  await waitFor('the problem shown', () => host.printing.view().problem?.code === 'printer.queueNotSaved');
  host.db.pragma('query_only = 0');
  // After a failed ledger write the queue rests 5 s (real time) before it tries again.
  await waitFor('printed after all', () => host.printing.view().jobs[0]?.status === 'printed');
  assert.ok(jobFiles(prints).length >= 1);
});

test('a printer plugged back in (the transport says it reconnected) prints what waits at once, not after the backoff', async (t) => {
  const prints = tempDir(t);
  const calls = { count: 0 };
  const reconnect = new Set<() => void>();
  const host = startHost(t, { POS_PRINTER: `file:${prints}` }, {
    createTransport: (setting) => {
      const flakyOnce = flaky(1, calls)(setting);
      return {
        ...flakyOnce,
        onReconnect(listener: () => void) {
          reconnect.add(listener);
          return () => reconnect.delete(listener);
        },
      };
    },
    printRetryDelayMs: () => 3_600_000, // an hour: only the reconnect can bring the retry forward
  });
  await signInAs(host);
  await payTrainingSale(host);
  await waitFor('the first attempt to fail', () => host.printing.view().jobs[0]?.status === 'queued' && calls.count === 1);
  assert.equal(reconnect.size, 1, 'the service listens to its transport');
  for (const listener of reconnect) listener();
  await waitFor('printed right after the reconnect', () => host.printing.view().jobs[0]?.status === 'printed');
  assert.equal(jobFiles(prints).length, 1);
});

test('a receipt a Windows printer queue took is shown as sent, not printed, and never sent twice', async (t) => {
  const prints = tempDir(t);
  const calls = { count: 0 };
  const spooling = (): PrinterTransport => ({
    description: 'Windows printer "POS-80C"',
    async print() {
      calls.count += 1;
      return { state: 'spooled', note: hostMessage('printer.windowsSpooled', { name: 'POS-80C' }), attention: false };
    },
    close: async () => {},
  });
  const host = startHost(t, { POS_PRINTER: `file:${prints}` }, { createTransport: spooling, printRetryDelayMs: () => 10 });
  await signInAs(host);
  await payTrainingSale(host);
  await waitFor('spooled', () => host.printing.view().jobs[0]?.status === 'spooled');
  const job = host.printing.view().jobs[0]!;
  assert.deepEqual(job.lastError, { code: 'printer.windowsSpooled', params: { name: 'POS-80C' } });
  assert.equal(host.printing.view().problem, null);
  // Retry everything, then queue a copy: jobs go in order, so once the copy is out the receipt would have gone again before it.
  host.printing.queue.retryNow();
  const id = job.saleId!;
  assert.ok((await runCommand(host, 'receipt.reprint', { saleId: id })).ok);
  await waitFor('the copy spooled', () => host.printing.view().jobs.some((j) => j.kind === 'copy' && j.status === 'spooled'));
  assert.equal(calls.count, 2, 'a spooled receipt is not sent again (Windows would print it twice)');
});
