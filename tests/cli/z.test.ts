/**
 * `ledger z --list` and `z --show N [--json]` against a real data directory whose ledger is open
 * (as while the POS runs): the stored Z reports, read-only, in words; a missing one is exit 2.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Alerts } from '../../src/host/ledger/alerts.ts';
import { openLedger } from '../../src/host/ledger/database.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { Shifts } from '../../src/host/ledger/shifts.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { tempDir } from '../support/temp.ts';

test('z --list, z --show N and --json print the stored Z reports; an unknown N is a usage error', async (t) => {
  const dir = tempDir(t);
  const clock = { at: Date.parse('2026-12-01T16:30:00Z') };
  const now = () => (clock.at += 1000);
  const db = openLedger(dir);
  t.after(() => db.close());
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  const shifts = new Shifts(db, now);
  const sale = tables.sales.create({ amountCents: 1050, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  tables.sales.attachQr(sale.id, { md5: 'c'.repeat(32), khqrString: 'KHQR-C', expiresAt: 9_999_999_999_999, payTo: 'shop@aclb' });
  recordPayment(tables, sale.id, 'paid', ['awaiting_payment']);
  const z1 = shifts.close();
  clock.at = Date.parse('2026-12-01T17:30:00Z');
  shifts.open();
  const z2 = shifts.close();

  const none = await runLedgerCli(['z', '--list'], tempDir(t));
  assert.equal(none.code, 3, 'no ledger there');

  const list = await runLedgerCli(['z', '--list'], dir);
  assert.equal(list.code, 0, list.stderr);
  const lines = list.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, new RegExp(`^${z1.zNumber} +2026-12-01 +2026-12-01 23:30 \\(UTC\\+7\\) +1 · \\$10\\.50 · 43,100៛ +${z1.zNumber!.replace(/-Z1$/, '')}:${z1.anchor.seq}:${z1.anchor.hash16}$`));
  assert.match(lines[2]!, new RegExp(`^${z2.zNumber} +2026-12-02 `));

  const show = await runLedgerCli(['z', '--show', '1'], dir);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, new RegExp(`^Z report ${z1.zNumber} — till [2-9A-Z]{6}, shift 1, business date 2026-12-01$`, 'm'));
  assert.match(show.stdout, /TAKINGS +1 · \$10\.50 · 43,100៛/);
  // The anchor as the printed Z and the Shift tab show it: it names the till (verify --anchor takes it).
  const anchor = `${z1.zNumber!.replace(/-Z1$/, '')}:${z1.anchor.seq}:${z1.anchor.hash16}`;
  assert.match(show.stdout, new RegExp(`anchor ${anchor} \\(npm run ledger -- verify --anchor ${anchor}\\)`));
  const verify = await runLedgerCli(['verify', '--anchor', anchor], dir);
  assert.equal(verify.code, 0, verify.stdout);

  const json = await runLedgerCli(['z', '--show', '1', '--json'], dir);
  assert.equal(json.code, 0);
  assert.deepEqual(JSON.parse(json.stdout), z1);

  const missing = await runLedgerCli(['z', '--show', '9'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /There is no Z report 9 in .*z --list/);
});
