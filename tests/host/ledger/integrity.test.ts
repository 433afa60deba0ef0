/**
 * The POS re-verifies its ledger from the last Z at start (src/host/ledger/integrity.ts): a tampered
 * ledger keeps selling but the owner sees a warning that survives restarts until acknowledged (and
 * the acknowledgement is journaled); a healthy one shows nothing; a chain rewritten before the last Z
 * with every hash recomputed passes a plain chain walk but not the Z's anchor.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { IntegrityState } from '../../../src/shared/contract.ts';
import { runCommand } from '../../../src/host/commands.ts';
import type { Host } from '../../../src/host/host.ts';
import { LEDGER_FILE, openLedger } from '../../../src/host/ledger/database.ts';
import { canonicalJson, rowHash } from '../../../src/host/ledger/journal/canonical.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { Alerts } from '../../../src/host/ledger/alerts.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { seedSales } from '../../support/seed-sales.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';
import { signInAs } from '../../support/users.ts';

/** A ledger with `count` sales (every third expired unpaid), closed. */
function seededDir(t: TestContext, count: number, options: { zAfter?: number } = {}): string {
  const dir = tempDir(t);
  const db = openLedger(dir);
  seedSales(db, options.zAfter ?? count, { unpaidEvery: 3 });
  if (options.zAfter !== undefined) {
    new Shifts(db).close({ actor: 'cashier' });
    // After the Z: more sales, paid (seedSales numbers its QRs from 0 again, so these are made here).
    const tables = { db, sales: new SalesLedger(db), printJobs: new PrintJobs(db), alerts: new Alerts(db) };
    for (let i = options.zAfter; i < count; i += 1) {
      const sale = tables.sales.create({ amountCents: 100 + i, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
      tables.sales.attachQr(sale.id, { md5: `after-z-${i}`.padEnd(32, '0'), khqrString: `qr-after-z-${i}`, expiresAt: Date.now() + 600_000, payTo: 'shop@aclb' });
      recordPayment(tables, sale.id, 'seeded', ['awaiting_payment']);
    }
  }
  db.close();
  return dir;
}

/** Runs `tamper` on the raw file with every trigger dropped, then puts the triggers back as they were. */
function withTriggersDropped(dir: string, tamper: (file: Database.Database) => void): void {
  const file = new Database(join(dir, LEDGER_FILE));
  const triggers = file.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; sql: string }>;
  file.transaction(() => {
    for (const trigger of triggers) file.exec(`DROP TRIGGER "${trigger.name}"`);
    tamper(file);
    for (const trigger of triggers) file.exec(trigger.sql);
  })();
  file.close();
}

async function started(t: TestContext, dir: string): Promise<{ host: Host; integrity: IntegrityState }> {
  const host = startHost(t, { POS_DATA_DIR: dir }, { backups: false });
  await signInAs(host);
  await host.integrityChecked;
  return { host, integrity: host.cashierState().integrity };
}

const journalRows = (dir: string, type: string): Array<{ seq: number; actor: string; payload: string }> => {
  const file = new Database(join(dir, LEDGER_FILE), { readonly: true });
  try {
    return file.prepare('SELECT seq, actor, payload FROM journal WHERE type = ? ORDER BY seq').all(type) as Array<{ seq: number; actor: string; payload: string }>;
  } finally {
    file.close();
  }
};

test('a healthy ledger: no warning, nothing journaled', async (t) => {
  const dir = seededDir(t, 30, { zAfter: 12 });
  const { host, integrity } = await started(t, dir);
  assert.deepEqual(integrity, { ok: true });
  assert.deepEqual(journalRows(dir, 'integrity.failed'), []);
  const reply = await runCommand(host, 'integrity.acknowledge', {});
  assert.equal(reply.ok, false);
});

test('a paid sale changed behind the triggers: a warning that survives restarts until acknowledged, and the acknowledgement is journaled', async (t) => {
  const dir = seededDir(t, 20);
  withTriggersDropped(dir, (file) => {
    assert.equal(file.prepare("SELECT status FROM tenders WHERE id = 4").pluck().get(), 'paid');
    file.prepare('UPDATE tenders SET amount = 1 WHERE id = 4').run();
  });

  const first = await started(t, dir);
  assert.equal(first.integrity.ok, false);
  assert.deepEqual(first.integrity.ok === false && first.integrity.problems, [{ code: 'integrity.saleDiffers', params: { sale: 4 } }]);
  // The POS keeps selling meanwhile.
  assert.equal((await runCommand(first.host, 'payment.charge', { amountCents: 250 })).ok, true);
  await first.host.close();

  // Restarted: still there (journaled once, not again for the same problems).
  const second = await started(t, dir);
  assert.deepEqual(second.integrity, first.integrity);
  assert.equal(journalRows(dir, 'integrity.failed').length, 1);
  const owner = second.host.auth.current()!;
  assert.equal(owner.role, 'owner', 'only the owner may acknowledge it');
  assert.deepEqual(await runCommand(second.host, 'integrity.acknowledge', {}), { ok: true, value: null });
  assert.deepEqual(second.host.cashierState().integrity, { ok: true });
  await second.host.close();

  const acknowledged = journalRows(dir, 'integrity.acknowledged');
  assert.equal(acknowledged.length, 1);
  assert.equal(acknowledged[0]!.actor, `user:${owner.id}`);
  assert.deepEqual(JSON.parse(acknowledged[0]!.payload), { failedSeq: journalRows(dir, 'integrity.failed')[0]!.seq });

  // Acknowledged and restarted: the same known problem is not raised again; the chain is still whole.
  const third = await started(t, dir);
  assert.deepEqual(third.integrity, { ok: true });
  assert.equal(verifyChain(third.host.db).ok, true);
});

test('a row before the last Z rewritten with every hash recomputed: only the Z anchor catches it, at start', async (t) => {
  const dir = seededDir(t, 20, { zAfter: 10 });
  withTriggersDropped(dir, (file) => {
    // Sale 2 (before the Z) becomes 1 cent, in the journal and the sales table alike, and every
    // hash from there to the head is recomputed: the chain is consistent again.
    const rows = file.prepare('SELECT * FROM journal ORDER BY seq').all() as Array<Record<string, string | number>>;
    let prev = '';
    for (const row of rows) {
      let payload = row.payload as string;
      const parsed = JSON.parse(payload) as { sale?: number; dueAmount?: number; amount?: number };
      if (parsed.sale === 2 && parsed.dueAmount !== undefined) payload = canonicalJson({ ...parsed, dueAmount: 1 });
      if (parsed.sale === 2 && parsed.amount !== undefined) payload = canonicalJson({ ...parsed, amount: 1 });
      const prevHash = prev || (row.prev_hash as string);
      const hash = rowHash(prevHash, {
        tillId: row.till_id as string, epoch: row.epoch as number, seq: row.seq as number, uuid: row.uuid as string, actor: row.actor as string,
        at: row.at as number, type: row.type as string, version: row.version as number, payload,
      });
      file.prepare('UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(payload, prevHash, hash, row.seq);
      prev = hash;
    }
    file.prepare('UPDATE sales SET due_amount = 1 WHERE id = 2').run();
    file.prepare('UPDATE tenders SET amount = 1 WHERE id = 2').run();
  });
  const file = openLedger(dir);
  assert.equal(verifyChain(file).ok, true, 'a plain walk of the rewritten chain passes');
  assert.equal(verifyProjection(file).ok, true, 'and so do the projections');
  const z = file.prepare('SELECT shift, last_seq FROM z_reports').get() as { shift: number; last_seq: number };
  file.close();

  const { integrity } = await started(t, dir);
  assert.deepEqual(integrity.ok === false && integrity.problems, [{ code: 'integrity.anchorMismatch', params: { seq: z.last_seq, shift: z.shift } }]);
});
