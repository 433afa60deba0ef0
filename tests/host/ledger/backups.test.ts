/**
 * The POS's automatic backups (src/host/ledger/daily-backups.ts) on a real host and a real ledger:
 * the schedule at start on the host's clock (the 24-hour timer is captured, never waited for),
 * pruning to `backupsKept`, private modes, the free-space refusal, one at a time, and selling going
 * on while a backup is copied a page per step.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { HEADROOM_BYTES, ledgerBytes } from '../../../src/host/ledger/backup.ts';
import { DAY_MS, SELLING_RESERVE_BYTES, backupName, type Timer } from '../../../src/host/ledger/daily-backups.ts';
import type { SalesLedger } from '../../../src/host/ledger/sales.ts';
import { seedSales } from '../../support/seed-sales.ts';
import { startTrainingHost } from '../../support/servers.ts';
import { tempDir } from '../../support/temp.ts';

const START = Date.UTC(2026, 11, 1, 8, 0, 0);

function scheduled() {
  const timers: Array<{ run: () => void; ms: number; unrefed: boolean }> = [];
  const setTimer = (run: () => void, ms: number): Timer => {
    const timer = { run, ms, unrefed: false };
    timers.push(timer);
    return { unref: () => (timer.unrefed = true) };
  };
  return { timers, setTimer, clearTimer: () => undefined };
}

/** One sale per turn of the event loop until stopped (each its own transaction), with unique QRs. */
function keepSelling(ledger: SalesLedger): { stop(): number } {
  let running = true;
  let written = 0;
  const step = () => {
    if (!running) return;
    const sale = ledger.create({ amountCents: 500 + written, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
    ledger.attachQr(sale.id, { md5: `f${written.toString(16).padStart(31, '0')}`, khqrString: `000201-meanwhile-${written}`, expiresAt: START + 600_000, payTo: 'shop@aclb' });
    written += 1;
    setImmediate(step);
  };
  setImmediate(step);
  return { stop: () => ((running = false), written) };
}

const backupFiles = (dir: string) => readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.sqlite')).sort();

test('at start with no recent backup one is made at once, then every 24 h on an unref\'d timer', async (t) => {
  let clock = START;
  const schedule = scheduled();
  const { host } = startTrainingHost(t, {}, { now: () => clock, backups: { setTimer: schedule.setTimer, clearTimer: schedule.clearTimer } });
  await host.backups.idle();
  const code = host.ledger ? (host.db.prepare('SELECT code FROM till').pluck().get() as string) : '';
  assert.deepEqual(backupFiles(host.dataDir), [`ledger-${code}-2026-12-01-080000.sqlite`]);
  assert.equal(schedule.timers.length, 1);
  assert.equal(schedule.timers[0]!.ms, DAY_MS);
  assert.ok(schedule.timers[0]!.unrefed, 'the schedule never keeps the process alive');

  clock += DAY_MS;
  schedule.timers[0]!.run();
  await host.backups.idle();
  assert.deepEqual(backupFiles(host.dataDir), [`ledger-${code}-2026-12-01-080000.sqlite`, `ledger-${code}-2026-12-02-080000.sqlite`]);
  assert.equal(schedule.timers.at(-1)!.ms, DAY_MS, 'and the next one 24 h later');
});

test('at start with a backup younger than 24 h none is made; the next is due 24 h after it', async (t) => {
  const dataDir = tempDir(t);
  mkdirSync(join(dataDir, 'backups'), { mode: 0o700 });
  const recent = backupName('ABCD', START - 60 * 60 * 1000);
  writeFileSync(join(dataDir, 'backups', recent), 'a recent backup', { mode: 0o600 });
  const schedule = scheduled();
  const { host } = startTrainingHost(t, { POS_DATA_DIR: dataDir }, { now: () => START, backups: { setTimer: schedule.setTimer } });
  await host.backups.idle();
  assert.deepEqual(backupFiles(dataDir), [recent]);
  assert.equal(schedule.timers[0]!.ms, DAY_MS - 60 * 60 * 1000);
});

test('pruning keeps exactly the newest backupsKept; other files are never touched; folder 0700, files 0600', async (t) => {
  let clock = START;
  const { host } = startTrainingHost(t, {}, { now: () => clock, backups: false });
  host.saveSettings({ backupsKept: 3 });
  const folder = join(host.dataDir, 'backups');
  mkdirSync(folder, { mode: 0o700 });
  writeFileSync(join(folder, 'notes.txt'), 'the owner\'s notes');
  writeFileSync(join(folder, 'ledger-replaced-2026-01-01-000000.sqlite'), 'kept by restore');
  const names: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const outcome = await host.backups.runNow('daily');
    assert.equal(outcome.kind, 'written');
    if (outcome.kind === 'written') names.push(outcome.file.split('/').at(-1)!);
    clock += 60 * 60 * 1000;
  }
  assert.deepEqual(backupFiles(host.dataDir).filter((n) => !n.includes('replaced')), names.slice(2).sort());
  assert.ok(existsSync(join(folder, 'notes.txt')));
  assert.ok(existsSync(join(folder, 'ledger-replaced-2026-01-01-000000.sqlite')));
  assert.equal(statSync(folder).mode & 0o777, 0o700);
  for (const name of names.slice(2)) {
    assert.equal(statSync(join(folder, name)).mode & 0o777, 0o600, `${name} is private`);
    const copy = new Database(join(folder, name), { readonly: true });
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
    copy.close();
  }
  assert.throws(() => host.saveSettings({ backupsKept: 0 }), /backupsKept|Backups kept/);
  assert.throws(() => host.saveSettings({ backupsKept: 366 }));
  assert.equal(host.settings.current().backupsKept, 3);
});

test('not enough free space: refused in words in the log, nothing written, selling untouched', async (t) => {
  const lines: string[] = [];
  const { host } = startTrainingHost(t, {}, { now: () => START, backups: { freeBytes: () => 1024, log: (line) => lines.push(line), setTimer: scheduled().setTimer } });
  await host.backups.idle();
  const outcome = await host.backups.runNow('close');
  assert.equal(outcome.kind, 'refused');
  assert.deepEqual(backupFiles(host.dataDir), []);
  assert.equal(readdirSync(join(host.dataDir, 'backups')).length, 0, 'not even a temporary file');
  assert.match(lines.at(-1)!, /no close backup: not enough free space .* \(it needs about [\d.]+ MB, 0\.0 MB is free\)/);
});

test('a backup that would fit but leave the ledger\'s disk without room for selling is refused; with the reserve free it is written', async (t) => {
  // The start's own backup finds the disk roomy; then it is as tight as the test says.
  const disk: { db: Database.Database | null; spare: number } = { db: null, spare: 10 * 1024 * 1024 };
  let clock = START;
  const { host } = startTrainingHost(t, {}, {
    now: () => clock,
    backups: { freeBytes: () => (disk.db ? ledgerBytes(disk.db) + HEADROOM_BYTES + disk.spare : Number.MAX_SAFE_INTEGER), log: () => undefined, setTimer: scheduled().setTimer },
  });
  await host.backups.idle();
  disk.db = host.db;
  const tight = await host.backups.runNow('close');
  assert.equal(tight.kind, 'refused', 'the copy and its headroom fit, but 10 MB would be left for selling');
  assert.ok(tight.kind === 'refused' && tight.needed >= ledgerBytes(host.db) + SELLING_RESERVE_BYTES);
  disk.spare = SELLING_RESERVE_BYTES;
  clock += 60_000;
  assert.equal((await host.backups.runNow('close')).kind, 'written');
});

test('selling goes on while a backup is copied page by page; one backup at a time', async (t) => {
  let clock = START;
  const { host } = startTrainingHost(t, {}, { now: () => clock, backups: { pagesPerStep: 8, setTimer: scheduled().setTimer } });
  await host.backups.idle();
  clock += 1000;
  seedSales(host.db, 2000);
  const pages = host.db.pragma('page_count', { simple: true }) as number;
  const selling = keepSelling(host.ledger);
  const first = host.backups.runNow('daily');
  const second = host.backups.runNow('close');
  assert.equal(host.backups.runNow('close'), second, 'asked again while one waits: the same queued backup');
  clock += 1000;
  const [a, b] = await Promise.all([first, second]);
  const sold = selling.stop();
  assert.equal(a.kind, 'written');
  assert.equal(b.kind, 'written');
  assert.ok(sold > 0, `sales were committed while the backup of ${pages} pages ran`);
  const lastSale = host.db.prepare('SELECT max(id) FROM sales').pluck().get() as number;
  assert.ok(lastSale >= 2000 + sold, 'every sale committed during the backup is in the ledger');
  if (a.kind === 'written' && b.kind === 'written') {
    assert.notEqual(a.file, b.file);
    const copy = new Database(a.file, { readonly: true });
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    assert.ok((copy.prepare('SELECT count(*) FROM sales').pluck().get() as number) >= 2000);
    copy.close();
  }
  // The connection is free: a sale after the backups commits at once.
  host.ledger.create({ amountCents: 1, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' });
});

test('a second backup in the same second (a close right after the start\'s) is written as -2, not refused; pruning keeps the newest', async (t) => {
  const clock = START;
  const { host } = startTrainingHost(t, {}, { now: () => clock, backups: false });
  host.saveSettings({ backupsKept: 2 });
  const outcomes = [];
  for (let i = 0; i < 3; i += 1) outcomes.push(await host.backups.runNow(i === 0 ? 'daily' : 'close'));
  assert.deepEqual(outcomes.map((o) => o.kind), ['written', 'written', 'written']);
  const base = backupName(host.backups.list()[0]!.name.split('-')[1]!, START).replace('.sqlite', '');
  assert.deepEqual(backupFiles(host.dataDir), [`${base}-2.sqlite`, `${base}-3.sqlite`], 'the first of the second is the oldest, pruned');
  assert.deepEqual(host.backups.list().map((b) => b.name), [`${base}-3.sqlite`, `${base}-2.sqlite`]);
  assert.equal(host.backups.list()[0]!.at, START);
});
