/**
 * `ledger export` against a real data directory while a real host holds it open and keeps selling:
 * the file agrees with the ledger, is private (0600), and the output rules give their exit codes.
 * The export's content in detail: tests/host/export/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { businessDate } from '../../src/host/export/business-date.ts';
import { runLedgerCli } from '../support/ledger-cli.ts';
import { keepSelling, seedSales } from '../support/seed-sales.ts';
import { startTrainingHost } from '../support/servers.ts';
import { tempDir } from '../support/temp.ts';

test('export while the POS runs and sells: CSV and XLSX, private, every sale committed before it', async (t) => {
  const { host } = startTrainingHost(t);
  const before = seedSales(host.db, 200);
  const today = businessDate(Date.now());
  const outDir = tempDir(t, 'pos-export-cli-');

  const selling = keepSelling(host.ledger);
  const csv = await runLedgerCli(['export', '--from', today, '--to', today, '--format', 'csv', '--out', 'day.csv'], host.dataDir, { INIT_CWD: outDir });
  const xlsx = await runLedgerCli(['export', '--from', today, '--to', today, '--format', 'xlsx', '--out', join(outDir, 'day.xlsx')], host.dataDir);
  selling.stop();

  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(xlsx.code, 0, xlsx.stderr);
  assert.match(csv.stdout, /Export written: .*day\.csv \(csv, \d+ row\(s\), business dates/);
  assert.match(csv.stdout, /Takings \(paid to the shop's own account\): \d+ sale\(s\), \$[\d,]+\.\d\d \/ [\d,]+៛\./);
  for (const name of ['day.csv', 'day.xlsx']) assert.equal(statSync(join(outDir, name)).mode & 0o777, 0o600, name);
  assert.deepEqual(readdirSync(outDir).sort(), ['day.csv', 'day.xlsx'], 'no temporary file is left');
  const ids = new Set(readFileSync(join(outDir, 'day.csv'), 'utf8').split('\r\n').slice(1, -1).map((line) => Number(line.split(',')[0])));
  for (const id of before) assert.ok(ids.has(id), `sale ${id}, committed before the export, is in it`);
});

test('export refuses to overwrite an existing file (exit 4) unless --force; a missing ledger is exit 3', async (t) => {
  const { host } = startTrainingHost(t);
  seedSales(host.db, 3);
  const outDir = tempDir(t, 'pos-export-cli-');
  const out = join(outDir, 'taken.csv');
  writeFileSync(out, 'the accountant\'s file');
  const args = ['export', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv', '--out', out];

  const refused = await runLedgerCli(args, host.dataDir);
  assert.equal(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, /already exists: choose a new name, or add --force/);
  assert.equal(readFileSync(out, 'utf8'), 'the accountant\'s file');

  const forced = await runLedgerCli([...args, '--force'], host.dataDir);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(out, 'utf8'), /^\uFEFFSale number,/);
  assert.deepEqual(readdirSync(outDir), ['taken.csv']);

  const noFolder = await runLedgerCli(['export', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv', '--out', join(outDir, 'no', 'x.csv')], host.dataDir);
  assert.equal(noFolder.code, 4, noFolder.stderr);
  assert.match(noFolder.stderr, /does not exist \(or cannot be seen\): create it first/);

  const noLedger = await runLedgerCli(['export', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'csv', '--out', join(outDir, 'y.csv')], tempDir(t));
  assert.equal(noLedger.code, 3, noLedger.stderr);
  assert.match(noLedger.stderr, /There is no ledger at/);
});
