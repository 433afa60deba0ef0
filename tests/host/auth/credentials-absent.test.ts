/**
 * Credentials never leave the credentials file: no PIN hash or salt, no recovery code or its hash,
 * no API key in the ledger file (with its WAL), its journal, a backup (`ledger backup` and the daily
 * one) or an export — searched for in the raw bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBackup } from '../../../src/cli/commands/backup.ts';
import { runCommand } from '../../../src/host/commands.ts';
import type { ExportCreated, OwnerSignedIn } from '../../../src/shared/contract.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { OTHER_PIN, OWNER_PIN } from '../../support/users.ts';

test('no PIN hash, recovery code or API key in the ledger file, its journal, a backup or an export', async (t) => {
  const host = startHost(t, { POS_BAKONG_API_URL: 'https://api.example.test', POS_BAKONG_ID: 'shop@aclb' }, { backups: false });
  const made = await runCommand(host, 'auth.createOwner', { name: 'Owner', pin: OWNER_PIN });
  assert.ok(made.ok);
  const { recoveryCode } = made.value as OwnerSignedIn;
  assert.ok((await runCommand(host, 'users.add', { name: 'Dara', role: 'cashier', pin: OTHER_PIN })).ok);
  const apiKey = 'sk-live-Zq8pW3nR7tY2uX5vA9bC';
  assert.ok((await runCommand(host, 'settings.setApiKey', { apiKey })).ok);
  assert.equal(host.settings.view().apiKeySet, true);
  assert.ok((await runCommand(host, 'settings.save', { receiptFooter: ['Thank you'] })).ok);
  // A sale (its API is not there: it fails, and is in the ledger all the same) and the owner's export of the day.
  await runCommand(host, 'payment.charge', { amountCents: 1050 });
  await waitFor('the QR attempt to end', () => host.ledger.get(1)?.status === 'failed');
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const exported = await runCommand(host, 'export.create', { format: 'csv', from: today, to: today });
  assert.ok(exported.ok, JSON.stringify(exported));

  const credentials = readFileSync(join(host.dataDir, 'credentials.json'), 'utf8');
  const stored = JSON.parse(credentials) as { pins: Record<string, { salt: string; hash: string }>; recovery: { hash: { salt: string; hash: string } }; apiKey: string };
  assert.equal(stored.apiKey, apiKey, 'the key is where it belongs');
  const secrets = [apiKey, recoveryCode, recoveryCode.replace(/-/g, ''), stored.recovery.hash.hash, stored.recovery.hash.salt,
    ...Object.values(stored.pins).flatMap((p) => [p.hash, p.salt])];
  assert.equal(secrets.length, 9);

  const backupDir = tempDir(t);
  await runBackup({ dataDir: host.dataDir, out: join(backupDir, 'ledger-backup.sqlite3'), force: false }, () => undefined);
  const daily = await host.backups.runNow('daily');
  assert.equal(daily.kind, 'written');
  host.db.pragma('wal_checkpoint(PASSIVE)');

  const files = [
    join(host.dataDir, 'ledger.sqlite3'),
    join(host.dataDir, 'ledger.sqlite3-wal'),
    ...readdirSync(backupDir).map((name) => join(backupDir, name)),
    ...readdirSync(join(host.dataDir, 'backups')).map((name) => join(host.dataDir, 'backups', name)),
    join(host.dataDir, 'exports', (exported.value as ExportCreated).fileName),
  ].filter((file) => existsSync(file));
  assert.ok(files.length >= 4, files.join(', '));
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const secret of secrets) assert.equal(bytes.indexOf(secret), -1, `${secret.slice(0, 6)}… found in ${file}`);
  }
  const journal = host.db.prepare('SELECT group_concat(actor || type || payload, char(10)) FROM journal').pluck().get() as string;
  for (const secret of secrets) assert.ok(!journal.includes(secret), `${secret.slice(0, 6)}… in the journal`);
  // The names are there (they are not secret): the search would have found a credential had it been written.
  assert.ok(journal.includes('"name":"Dara"'));
});
