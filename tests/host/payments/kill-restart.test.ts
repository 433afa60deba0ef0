/**
 * Crash safety with a real process: the POS (web mode) is killed with SIGKILL in the middle of a
 * payment, the customer pays while it is down, and when it starts again the sale ends paid exactly
 * once. The ledger file is read directly, as an accountant's tool would.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { before, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { ROOT, buildIfStale } from '../../../src/launch/build-if-stale.ts';
import { Sandbox } from '../../../src/sandbox/simulator.ts';
import { startSandbox, startScriptedServer } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { SALE_ROW_SQL } from '../../support/sale-row.ts';
import { signInOwner } from '../../support/web-mode.ts';

interface Running {
  child: ChildProcess;
  command(name: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
}

// Web mode refuses to start without the built screens (it would serve nothing), so make sure they exist.
before(() => buildIfStale());

/** Starts web mode as its own process, as a shop would run it. */
async function startPos(t: TestContext, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [join(ROOT, 'src/web/main.ts')], {
    env: { ...process.env, POS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const cashierUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('cashier: ')) resolve(line.slice('cashier: '.length));
    });
  });
  await signInOwner(cashierUrl);
  const url = new URL(cashierUrl);
  const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
  return {
    child,
    async command(name, args) {
      const response = await fetch(`${url.origin}/api/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-key': key },
        body: JSON.stringify({ name, args }),
      });
      return (await response.json()) as Awaited<ReturnType<Running['command']>>;
    },
  };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function readLedger(dataDir: string) {
  const db = new Database(join(dataDir, 'ledger.sqlite3'), { readonly: true });
  try {
    return {
      sale: db.prepare(`SELECT status, md5, failure_code FROM (${SALE_ROW_SQL} WHERE s.id = 1)`).get() as
        { status: string; md5: string | null; failure_code: string | null } | undefined,
      paidEvents: (db.prepare("SELECT COUNT(*) AS n FROM tender_events WHERE tender_id = 1 AND to_status = 'paid'").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

test('SIGKILL while awaiting payment, the customer pays meanwhile: after restart the sale is paid exactly once', async (t) => {
  const { sandbox, url } = await startSandbox(t);
  const dataDir = tempDir(t);
  const env = { POS_DATA_DIR: dataDir, POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_MERCHANT_NAME: 'My Store' };
  const first = await startPos(t, env);
  const charged = await first.command('payment.charge', { amountCents: 1050 });
  assert.ok(charged.ok, JSON.stringify(charged));
  await kill(first.child);
  const { sale } = readLedger(dataDir);
  assert.equal(sale?.status, 'awaiting_payment', 'the sale was committed before the kill');
  sandbox.pay(sale!.md5!);

  const second = await startPos(t, env);
  await waitFor('the resumed sale to be recorded paid', () => readLedger(dataDir).sale?.status === 'paid');
  const state = await second.command('state.get', {});
  assert.equal((state.value as { current: { id: number; status: string } }).current.status, 'paid');
  await kill(second.child);

  // A third start finds nothing more to do: the sale is not watched again (Check now, which checks a
  // watched sale at once, asks the API nothing), and it is still paid once.
  const checks = sandbox.apiRequests.check;
  const third = await startPos(t, env);
  const checkNow = await third.command('payment.checkNow', { saleId: 1 });
  assert.ok(checkNow.ok, JSON.stringify(checkNow));
  assert.equal(sandbox.apiRequests.check, checks, 'the paid sale was checked again after the restart');
  await kill(third.child);
  assert.deepEqual(readLedger(dataDir), { sale: { status: 'paid', md5: sale!.md5, failure_code: null }, paidEvents: 1 });
});

test('SIGKILL while the QR is being created: after restart the sale is recorded failed, not lost and not pending', async (t) => {
  // The API in front of the sandbox holds every create unanswered until told to let go, so the POS
  // is surely killed while it waits, however slow the machine (a delay would race the kill).
  const sandbox = new Sandbox();
  let holding = true;
  const { url } = await startScriptedServer(t, (req, res) => {
    if (holding && req.url!.startsWith('/api/khqr/create')) return;
    void sandbox.handle({ method: req.method!, url: req.url!, origin: url }).then((answer) => {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  const dataDir = tempDir(t);
  const env = { POS_DATA_DIR: dataDir, POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb' };
  const first = await startPos(t, env);
  void first.command('payment.charge', { amountCents: 700 }).catch(() => undefined);
  await waitFor('the sale to be recorded as creating', () => readLedger(dataDir).sale?.status === 'creating');
  await kill(first.child);
  holding = false;

  const second = await startPos(t, env);
  const { sale } = readLedger(dataDir);
  assert.equal(sale?.status, 'failed');
  assert.equal(sale!.failure_code, 'payment.interrupted');
  const next = await second.command('payment.charge', { amountCents: 700 });
  assert.ok(next.ok, 'a new charge can start after the crash');
});
