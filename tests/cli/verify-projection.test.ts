/**
 * `ledger verify` names every rewrite of what the journal recorded (review 8, finding 1): each edit
 * is made through a raw connection with the tables' triggers dropped and then put back word for word,
 * so the trigger check passes and only the journal comparison can see it. Exit 1, the sale named.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, openLedger } from '../../src/host/ledger/database.ts';
import { appendFor, tillId } from '../../src/host/ledger/journal/journal.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { seedSales } from '../support/seed-sales.ts';
import { tempDir } from '../support/temp.ts';

/** A closed shop ledger: 4 sales (1 and 3 paid, 2 and 4 expired), sale 1's receipt printed. */
function shop(t: TestContext): string {
  const dir = tempDir(t);
  let clock = 1_764_576_000_000;
  const now = () => (clock += 1000);
  const pos = openLedger(dir);
  seedSales(pos, 4, { now, unpaidEvery: 2 });
  const jobs = new PrintJobs(pos, now);
  const receipt = jobs.nextQueued()!;
  jobs.markPrinting(receipt.id);
  jobs.markPrinted(receipt.id);
  pos.close();
  return dir;
}

/** Runs `sql` with every trigger dropped, then puts each back exactly as it was. */
function tamper(dir: string, sql: string): void {
  const db = new Database(join(dir, LEDGER_FILE), { fileMustExist: true });
  try {
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
    for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
    db.exec(sql);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}

async function verifyNames(dir: string, named: RegExp): Promise<void> {
  const run = await runLedgerCli(['verify'], dir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /ok +protective triggers: all \d+ present and unchanged, none added/, 'the triggers were put back: only the journal sees the edit');
  assert.match(run.stdout, named);
}

test('untouched, the shop ledger (with a printed receipt) verifies', async (t) => {
  const run = await runLedgerCli(['verify'], shop(t));
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /ok +projections: all 4 sales match the journal/);
});

const edits: Array<[string, string, RegExp]> = [
  ['training=1 on a paid sale (out of the takings)', 'UPDATE sales SET training = 1 WHERE id = 1', /PROBLEM +projections: sale 1: sale 1 has training 1, the journal says 0/],
  ['bakong_id changed (moves it to "paid to other accounts")', `UPDATE sales SET bakong_id = 'other@aclb' WHERE id = 3`, /PROBLEM +projections: sale 3: sale 3 has bakong_id "other@aclb", the journal says "shop@aclb"/],
  ['khr_per_usd changed (the riel totals)', 'UPDATE sales SET khr_per_usd = 4000 WHERE id = 3', /PROBLEM +projections: sale 3: sale 3 has khr_per_usd 4000, the journal says 4100/],
  ['created_at moved by a day (another business date)', 'UPDATE sales SET created_at = created_at - 86400000 WHERE id = 1', /PROBLEM +projections: sale 1: sale 1 has created_at \d+, the journal says \d+/],
  ['paid_late flipped', 'UPDATE sales SET paid_late = 1 WHERE id = 1', /PROBLEM +projections: sale 1: sale 1 has paid_late 1, the journal says 0/],
  ['a completed sale reopened', `UPDATE sales SET status = 'open', completed_at = NULL WHERE id = 1`, /PROBLEM +projections: sale 1: sale 1 has status "open", the journal says "completed"; completed_at null, the journal says \d+/],
  ['merchant_name', `UPDATE sales SET merchant_name = 'X' WHERE id = 2`, /PROBLEM +projections: sale 2: sale 2 has merchant_name "X", the journal says "My Shop"/],
  ['a tender\'s api_base_url, khqr_string, expires_at, failure_code', `UPDATE tenders SET api_base_url = 'https://x', khqr_string = 'x', expires_at = 1, failure_code = 'payment.interrupted' WHERE id = 2`,
    /PROBLEM +projections: sale 2 tender 2: tender 2 \(sale 2\) has api_base_url "https:\/\/x", .*; khqr_string .*; expires_at 1, .*; failure_code "payment.interrupted", the journal says null/],
  ['a paid tender\'s amount and account', `UPDATE tenders SET amount = 1, pay_to = 'thief@aclb' WHERE id = 3`, /PROBLEM +projections: sale 3 tender 3: tender 3 \(sale 3\) has amount 1, the journal says 102; pay_to "thief@aclb", the journal says "shop@aclb"/],
  ['a fake paid tender added to an expired sale', `INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, paid_at, api_base_url, md5, pay_to)
    VALUES (2, 'khqr', 'USD', 101, 'paid', 1, 1, 1, 'x', '${'f'.repeat(32)}', 'shop@aclb')`, /PROBLEM +projections: sale 2 tender 5: tender 5 of sale 2 is in the tenders table but no journal row records it/],
  ['a tender replaced (INSERT OR REPLACE)', `INSERT OR REPLACE INTO tenders (id, sale_id, kind, currency, amount, status, created_at, updated_at, api_base_url, md5)
    SELECT id, sale_id, kind, currency, amount, 'cancelled', created_at, updated_at, api_base_url, md5 FROM tenders WHERE id = 1`, /PROBLEM +projections: sale 1 tender 1: tender 1 \(sale 1\) has status "cancelled", the journal says "paid"; paid_at null/],
  ['a tender_events row deleted', 'DELETE FROM tender_events WHERE id = (SELECT MAX(id) FROM tender_events WHERE tender_id = 3)', /PROBLEM +projections: sale 3 tender 3: tender 3's history \(tender_events, sale 3\) line 3 is none, the journal says awaiting_payment → paid at \d+/],
  ['a tender_events row moved in time', 'UPDATE tender_events SET at = at + 1 WHERE id = (SELECT MIN(id) FROM tender_events WHERE tender_id = 2)', /PROBLEM +projections: sale 2 tender 2: tender 2's history \(tender_events, sale 2\) line 1 is null → creating at \d+, the journal says null → creating at \d+/],
  ['a printed receipt deleted from print_jobs', `DELETE FROM print_jobs WHERE status = 'printed'`, /PROBLEM +projections: print job 1: print job 1 \(sale 1's receipt\) is journaled as printed but missing from print_jobs/],
  ['a receipt marked printed with no journal row', `UPDATE print_jobs SET status = 'printed', attempts = 1, printed_at = 1764576999000 WHERE sale_id = 3`, /PROBLEM +projections: print job 2: print job 2 \(sale 3\) is printed in print_jobs but no journal row records its print/],
];

for (const [what, sql, named] of edits) {
  test(`verify names ${what}, triggers dropped and put back (exit 1)`, async (t) => {
    const dir = shop(t);
    tamper(dir, sql);
    await verifyNames(dir, named);
  });
}

test('an alert.dismissed row for an alert never raised is named', async (t) => {
  const dir = shop(t);
  const db = openLedger(dir);
  db.transaction(() => appendFor(db, tillId(db)!, { type: 'alert.dismissed', version: 1, payload: { alert: 7, sale: 1 } }, { actor: 'cashier', at: 1_764_577_000_000 }))();
  db.close();
  const run = await runLedgerCli(['verify'], dir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /PROBLEM +projections: alert 7: row \d+ dismisses alert 7, which no earlier journal row raised/);
});
