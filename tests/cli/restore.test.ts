/**
 * `ledger restore --from FILE` on real data directories, run as the real CLI process: refused while a
 * POS holds the data directory, refused over a longer chain and for another till's backup (exit 5,
 * nothing changed), and a good backup restored: the old ledger kept (0600), the journal ending in a
 * `ledger.restored` row, `ledger verify` passing, and the POS starting on it again; a restore with no
 * ledger in place is shown to the owner at the next start, once.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Host } from '../../src/host/host.ts';
import { saleEpoch } from '../../src/host/ledger/journal/journal.ts';
import { readTill } from '../../src/host/ledger/journal/till.ts';
import { verifyChain } from '../../src/host/ledger/journal/verify.ts';
import { COLUMNS } from '../../src/shared/export/columns.ts';
import { saleRows } from '../../src/host/export/sales-rows.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';
import { Shifts } from '../../src/host/ledger/shifts.ts';
import { receiptNumber } from '../../src/host/printing/receipt-data.ts';
import { hostMessageText } from '../../src/shared/messages/index.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { seedSales } from '../support/seed-sales.ts';
import { startTrainingHost } from '../support/servers.ts';

const LEDGER = 'ledger.sqlite3';

async function backupOf(host: Host): Promise<string> {
  const outcome = await host.backups.runNow('daily');
  assert.equal(outcome.kind, 'written');
  return outcome.kind === 'written' ? outcome.file : '';
}

function head(file: string): { epoch: number; seq: number; hash: string; type: string; payload: string } {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT epoch, seq, hash, type, payload FROM journal ORDER BY seq DESC LIMIT 1').get() as { epoch: number; seq: number; hash: string; type: string; payload: string };
  } finally {
    db.close();
  }
}

test('restore is refused while the POS runs: exit 5, nothing changed', async (t) => {
  const { host } = startTrainingHost(t, {}, { backups: false });
  seedSales(host.db, 3);
  const backup = await backupOf(host);
  const before = readFileSync(join(host.dataDir, LEDGER));
  const run = await runLedgerCli(['restore', '--from', backup], host.dataDir);
  assert.equal(run.code, 5, run.stderr);
  assert.match(run.stderr, /A POS is running on .* close the POS first, then restore\. Nothing was changed\./);
  assert.deepEqual(readFileSync(join(host.dataDir, LEDGER)), before);
  assert.ok(!readdirSync(host.dataDir).some((name) => name.startsWith('ledger-replaced') || name.endsWith('.partial')));
});

test('a backup with a shorter chain is refused over a longer ledger, naming both heads', async (t) => {
  const { host } = startTrainingHost(t, {}, { backups: false });
  seedSales(host.db, 3);
  const backup = await backupOf(host);
  // Sold after the backup: the current chain is longer.
  for (let i = 0; i < 2; i += 1) {
    host.ledger.create({ amountCents: 900 + i, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
  }
  const dataDir = host.dataDir;
  await host.close();
  const current = head(join(dataDir, LEDGER));
  const old = head(backup);
  assert.ok(current.seq > old.seq);

  const run = await runLedgerCli(['restore', '--from', backup], dataDir);
  assert.equal(run.code, 5, run.stderr);
  assert.match(run.stderr, new RegExp(`journal is longer \\(head row ${current.seq}, ${current.hash.slice(0, 16)}\\) than the backup's \\(head row ${old.seq}, ${old.hash.slice(0, 16)}\\)`));
  assert.equal(head(join(dataDir, LEDGER)).hash, current.hash, 'the ledger is untouched');
});

test('another till\'s backup is refused', async (t) => {
  const other = startTrainingHost(t, {}, { backups: false }).host;
  seedSales(other.db, 2);
  const foreign = await backupOf(other);
  const { host } = startTrainingHost(t, {}, { backups: false });
  const dataDir = host.dataDir;
  await host.close();
  const run = await runLedgerCli(['restore', '--from', foreign], dataDir);
  assert.equal(run.code, 5, run.stderr);
  assert.match(run.stderr, /is a backup of another till \([0-9A-Z]+, [0-9a-f-]{36}\); this data directory is till [0-9A-Z]+/);
});

test('a good backup is restored: the old ledger kept, ledger.restored journaled, verify passes, the POS starts on it', async (t) => {
  const { host } = startTrainingHost(t, {}, { backups: false });
  seedSales(host.db, 4);
  const backup = await backupOf(host);
  const dataDir = host.dataDir;
  await host.close();
  const previous = head(join(dataDir, LEDGER));
  const backupHead = head(backup);

  const run = await runLedgerCli(['restore', '--from', backup], dataDir);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Restored .* as the ledger of till [0-9A-Z]+/);
  const replaced = readdirSync(dataDir).filter((name) => /^ledger-replaced-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite$/.test(name));
  assert.equal(replaced.length, 1);
  assert.equal(statSync(join(dataDir, replaced[0]!)).mode & 0o777, 0o600);
  assert.equal(statSync(join(dataDir, LEDGER)).mode & 0o777, 0o600);
  assert.ok(!readdirSync(dataDir).some((name) => name.endsWith('.partial')));

  const restored = head(join(dataDir, LEDGER));
  assert.equal(restored.seq, backupHead.seq + 1);
  assert.equal(restored.type, 'ledger.restored');
  // A new epoch, its first row linked to the backup's head.
  assert.equal(backupHead.epoch, 1);
  assert.equal(restored.epoch, 2);
  assert.deepEqual(JSON.parse(restored.payload), {
    fromFile: backup.split('/').at(-1),
    fromEpoch: 1,
    fromSeq: backupHead.seq,
    fromHash16: backupHead.hash.slice(0, 16),
    replacedEpoch: 1,
    replacedHeadHash16: previous.hash.slice(0, 16),
    replacedHeadSeq: previous.seq,
  });
  assert.match(run.stdout, /starts epoch 2/);
  assert.doesNotMatch(restored.payload, /\//, 'no path in the payload');

  const verify = await runLedgerCli(['verify'], dataDir);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);

  const again = startTrainingHost(t, { POS_DATA_DIR: dataDir }, { backups: false }).host;
  assert.equal(again.db.prepare('SELECT count(*) FROM sales').pluck().get(), 4);
  // Sale numbers restart from the backup's, so the new epoch is in every new receipt and Z number;
  // the sales made before the restore keep theirs.
  const code = readTill(again.db)!.code;
  const newSale = new SalesLedger(again.db).create({ amountCents: 300, khrPerUsd: 4100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' }).id;
  assert.equal(newSale, 5, 'sale numbers continue from the backup\'s');
  assert.equal(saleEpoch(again.db, newSale), 2);
  assert.equal(receiptNumber(code, newSale, saleEpoch(again.db, newSale)), `${code}-2-${newSale}`);
  assert.equal(receiptNumber(code, 1, saleEpoch(again.db, 1)), `${code}-1`);
  // The accountant's export names each sale by the number its receipt carries.
  const receiptColumn = COLUMNS.find((column) => column.en === 'Receipt number')!;
  const exported = new Map([...saleRows(again.db, { start: 0, end: Number.MAX_SAFE_INTEGER })].map((row) => [row.id, receiptColumn.value(row)]));
  assert.equal(exported.get(newSale), `${code}-2-${newSale}`);
  assert.equal(exported.get(1), `${code}-1`);
  assert.equal(new Shifts(again.db).close({ carryOver: true }).zNumber, `${code}-2-Z1`);
  assert.ok(verifyChain(again.db).ok);
  await again.integrityChecked;
  assert.deepEqual(again.cashierState().integrity, { ok: true }, 'a restore over the ledger it checked loses nothing: no warning');

  // Restoring the same backup again now would drop the ledger.restored row: refused.
  await again.close();
  const twice = await runLedgerCli(['restore', '--from', backup], dataDir);
  assert.equal(twice.code, 5, twice.stderr);
});

test('with no ledger at all (lost disk), the backup is restored and the journal says there was none', async (t) => {
  const { host } = startTrainingHost(t, {}, { backups: false });
  seedSales(host.db, 2);
  const backup = await backupOf(host);
  const dataDir = host.dataDir;
  await host.close();
  for (const name of [LEDGER, `${LEDGER}-wal`, `${LEDGER}-shm`]) rmSync(join(dataDir, name), { force: true });
  const run = await runLedgerCli(['restore', '--from', backup], dataDir);
  assert.equal(run.code, 0, run.stderr);
  const restored = head(join(dataDir, LEDGER));
  assert.equal(restored.type, 'ledger.restored');
  assert.equal(restored.epoch, 2);
  assert.equal(JSON.parse(restored.payload).replacedHeadSeq, null);
  assert.ok(!existsSync(join(dataDir, 'ledger-replaced')));

  // The POS cannot know what the backup lacks (a dead disk, or a ledger moved aside to erase an
  // afternoon): the owner is told once, in the red warning, until acknowledged (review 8b).
  const pos = startTrainingHost(t, { POS_DATA_DIR: dataDir }, { backups: false }).host;
  await pos.integrityChecked;
  const state = pos.cashierState().integrity;
  assert.equal(state.ok, false);
  if (!state.ok) {
    assert.deepEqual(state.problems, [{ code: 'integrity.restoredBlind', params: { seq: restored.seq - 1, epoch: 2 } }]);
    assert.match(hostMessageText(state.problems[0]!, 'en'), /^The ledger was restored from a backup \(it ran to row \d+; epoch 2 began then\) with no ledger in its place: any sale made after that backup was taken is not in it/);
    assert.match(hostMessageText(state.problems[0]!, 'km'), /^សៀវភៅបញ្ជីត្រូវបានស្តារពីការបម្រុងទុក/);
  }
  assert.equal(pos.acknowledgeIntegrity(), true);
  await pos.close();
  const later = startTrainingHost(t, { POS_DATA_DIR: dataDir }, { backups: false }).host;
  await later.integrityChecked;
  assert.deepEqual(later.cashierState().integrity, { ok: true }, 'told once: not raised again after it was acknowledged');
});
