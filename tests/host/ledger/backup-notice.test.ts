/**
 * A backup that is not made (the disk too full, or the copy failing) is told to the owner, not only
 * logged (review 8b): the close still closes, the failure is journaled (`backup.failed`, numbers
 * only, the chain and projections still verify), the cashier state carries a notice in catalog words
 * (English and Khmer) that survives a restart, and the next start tries again even when the newest
 * backup is under a day old — a written backup clears the notice.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Timer } from '../../../src/host/ledger/daily-backups.ts';
import { verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { createHost, type Host } from '../../../src/host/host.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { trainingMode } from '../../../src/sandbox/training.ts';
import { tempDir } from '../../support/temp.ts';

const START = Date.UTC(2026, 11, 1, 8, 0, 0);
const noTimer = (): Timer => ({ unref: () => undefined });

function journalOf(host: Host, type: string): Array<{ actor: string; payload: Record<string, unknown> }> {
  return (host.db.prepare('SELECT actor, payload FROM journal WHERE type = ? ORDER BY seq').all(type) as Array<{ actor: string; payload: string }>)
    .map((row) => ({ actor: row.actor, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

test('a close whose backup finds the disk full: closed anyway, journaled, and the owner told until a backup is written', async (t) => {
  const env = { POS_DATA_DIR: tempDir(t) };
  const clock = { now: START };
  const disk = { free: 10_000_000_000 };
  const start = () => createHost({ training: trainingMode(env), env, now: () => clock.now, backups: { freeBytes: () => disk.free, setTimer: noTimer, log: () => undefined } });

  // First start: the daily backup is written; no notice.
  let host = start();
  await host.backups.idle();
  assert.equal(host.backups.list().length, 1);
  assert.deepEqual(host.cashierState().backup, { ok: true });

  // A sale, then the disk fills up and the owner closes the shift.
  host.ledger.create({ amountCents: 1050, khrPerUsd: 4100, training: true, merchantName: 'ហាង', bakongId: 'training@sandbox', apiBaseUrl: '' });
  disk.free = 3_000_000;
  clock.now += 60 * 60_000;
  const z = host.shifts.close({ carryOver: true });
  assert.equal(z.kind, 'Z', 'the close is not blocked');
  await host.backups.idle();
  assert.equal(host.backups.list().length, 1, 'no backup was written');
  const state = host.cashierState().backup;
  assert.equal(state.ok, false);
  if (state.ok) return;
  assert.equal(state.since, clock.now);
  assert.equal(state.message.code, 'backup.closeNoSpace');
  assert.equal(state.message.params?.free, 3);
  assert.ok(Number(state.message.params?.needed) >= 1);
  assert.match(hostMessageText(state.message, 'en'), /^The backup at the shift close was not made: the disk is too full \(it needs about \d+ MB, 3 MB is free\)\. The shift is closed/);
  assert.match(hostMessageText(state.message, 'km'), /^ការបម្រុងទុកនៅពេលបិទវេនមិនត្រូវបានធ្វើទេ៖ ថាសពេញពេក \(ត្រូវការប្រហែល \d+ MB នៅសល់ទំនេរ 3 MB\)/);
  const rows = journalOf(host, 'backup.failed');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.actor, 'system');
  assert.deepEqual(Object.keys(rows[0]!.payload).sort(), ['freeBytes', 'neededBytes', 'outcome', 'reason']);
  assert.equal(rows[0]!.payload.reason, 'close');
  assert.equal(rows[0]!.payload.outcome, 'no_space');
  assert.equal(rows[0]!.payload.freeBytes, 3_000_000);
  assert.equal(verifyChain(host.db).problem, null);
  assert.equal(verifyProjection(host.db).problem, null);
  await host.close();

  // Restarted an hour later, the disk still full: the notice is still there (read from the journal).
  clock.now += 60 * 60_000;
  host = start();
  assert.equal(host.cashierState().backup.ok, false, 'the notice survives a restart');
  await host.backups.idle();
  assert.equal(host.cashierState().backup.ok, false);
  assert.equal(host.backups.list().length, 1);
  await host.close();

  // Space freed: the next start tries again although the newest backup is under a day old, and the notice goes.
  disk.free = 10_000_000_000;
  clock.now += 60 * 60_000;
  host = start();
  await host.backups.idle();
  assert.equal(host.backups.list().length, 2, 'the start retried the backup that was not made');
  assert.deepEqual(host.cashierState().backup, { ok: true });
  await host.close();

  // And the start after that, with a backup under a day old and nothing outstanding, makes none.
  clock.now += 60 * 60_000;
  host = start();
  await host.backups.idle();
  assert.equal(host.backups.list().length, 2);
  assert.deepEqual(host.cashierState().backup, { ok: true });
  await host.close();
});

test('a daily backup that fails while writing (the backups folder is a file) is told in words, never the error text', async (t) => {
  const env = { POS_DATA_DIR: tempDir(t) };
  writeFileSync(join(env.POS_DATA_DIR, 'backups'), 'not a folder');
  const host = createHost({ training: trainingMode(env), env, now: () => START, backups: { setTimer: noTimer, log: () => undefined } });
  t.after(() => host.close());
  await host.backups.idle();
  const state = host.cashierState().backup;
  assert.equal(state.ok, false);
  if (state.ok) return;
  assert.deepEqual(state.message, { code: 'backup.dailyFailed' });
  assert.match(hostMessageText(state.message, 'en'), /^The daily backup could not be written \(see the POS log\)\. Selling goes on/);
  assert.match(hostMessageText(state.message, 'km'), /^ការបម្រុងទុកប្រចាំថ្ងៃមិនអាចសរសេរបានទេ/);
  assert.deepEqual(journalOf(host, 'backup.failed').map((row) => row.payload), [{ reason: 'daily', outcome: 'error', neededBytes: null, freeBytes: null }]);
});
