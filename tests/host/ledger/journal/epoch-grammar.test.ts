/**
 * Epochs and the hashed fields' grammar (docs/journal.md, "The hashed bytes" and "Epochs"): the writer
 * refuses a field outside the grammar and an epoch not raised by a restore; the insert guard refuses an
 * epoch change; verifyChain names a row whose field or epoch was changed even with hashes recomputed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { LEDGER_FILE, openLedger, type Db } from '../../../../src/host/ledger/database.ts';
import { rowHash } from '../../../../src/host/ledger/journal/canonical.ts';
import type { Actor } from '../../../../src/host/ledger/journal/events.ts';
import { JournalError, append, appendFor, headEpoch, tillId } from '../../../../src/host/ledger/journal/journal.ts';
import { formatAnchor, parseAnchor, verifyChain } from '../../../../src/host/ledger/journal/verify.ts';
import { seedSales } from '../../../support/seed-sales.ts';
import { tempDir } from '../../../support/temp.ts';

function ledger(t: TestContext): { dir: string; db: Db } {
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => { if (db.open) db.close(); });
  seedSales(db, 2);
  return { dir, db };
}

const restored = (epoch: number) => ({
  type: 'ledger.restored' as const, version: 1 as const,
  payload: { fromFile: 'b.sqlite', fromEpoch: epoch - 1, fromSeq: 1, fromHash16: '0'.repeat(16), replacedEpoch: null, replacedHeadSeq: null, replacedHeadHash16: null },
});

/** Recomputes every hash from `fromSeq` on, as anyone with the file could. */
function rehash(db: Db, fromSeq: number): void {
  type Stored = { till_id: string; epoch: number; seq: number; uuid: string; actor: string; at: number; type: string; version: number; payload: string };
  let prev = (db.prepare('SELECT hash FROM journal WHERE seq = ?').get(fromSeq - 1) as { hash: string }).hash;
  for (const r of db.prepare('SELECT * FROM journal WHERE seq >= ? ORDER BY seq').all(fromSeq) as Stored[]) {
    const hash = rowHash(prev, { tillId: r.till_id, epoch: r.epoch, seq: r.seq, uuid: r.uuid, actor: r.actor, at: r.at, type: r.type, version: r.version, payload: r.payload });
    db.prepare('UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

test('append refuses an actor outside [a-z0-9:-]{1,64} (a name), and writes nothing', (t) => {
  const { db } = ledger(t);
  const before = verifyChain(db).rows;
  for (const actor of ['Sokha', 'system\nx', 'a'.repeat(65)]) {
    assert.throws(() => db.transaction(() => append(db, { type: 'alert.dismissed', version: 1, payload: { alert: 1, sale: 1 } }, { actor: actor as Actor, at: 1 }))(),
      JournalError, actor);
  }
  assert.equal(verifyChain(db).rows, before);
  assert.ok(verifyChain(db).ok);
});

test('verifyChain names a row whose actor breaks the grammar, even with every hash recomputed', (t) => {
  const { dir, db } = ledger(t);
  db.close();
  const file = new Database(join(dir, LEDGER_FILE));
  t.after(() => file.close());
  file.exec('DROP TRIGGER journal_never_updated');
  file.prepare("UPDATE journal SET actor = 'Sokha Chan' WHERE seq = 3").run();
  rehash(file, 3);
  const { problem } = verifyChain(file);
  assert.equal(problem?.kind, 'bad field');
  assert.equal(problem?.seq, 3);
  assert.match(problem!.text, /actor "Sokha Chan" is not \[a-z0-9:-\]\{1,64\}/);
});

test('only a restore starts a new epoch: the writer and the insert guard refuse any other change, rows follow the head\'s epoch', (t) => {
  const { db } = ledger(t);
  const till = tillId(db)!;
  assert.equal(headEpoch(db), 1);
  // The writer: an epoch for anything but a restore, or not above the head's, is refused.
  assert.throws(() => db.transaction(() => appendFor(db, till, { type: 'alert.dismissed', version: 1, payload: { alert: 1, sale: 1 } }, { actor: 'system', at: 1, epoch: 2 }))(), JournalError);
  assert.throws(() => db.transaction(() => appendFor(db, till, restored(1), { actor: 'system', at: 1, epoch: 1 }))(), JournalError);
  // The guard, for a writer that is not ours: a row in epoch 2 that is not a restore.
  const head = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  assert.throws(() => db.prepare(`INSERT INTO journal (till_id, epoch, seq, uuid, actor, at, type, version, payload, prev_hash, hash)
    VALUES (?, 2, ?, ?, 'system', 1, 'alert.dismissed', 1, '{"alert":1,"sale":1}', ?, ?)`).run(till, head.seq + 1, crypto.randomUUID(), head.hash, 'e'.repeat(64)),
  /append-only/);

  const row = db.transaction(() => appendFor(db, till, restored(2), { actor: 'system', at: 2, epoch: 2 }))();
  assert.equal(row.epoch, 2);
  assert.equal(row.prevHash, head.hash, 'the new epoch\'s first row links to the head it follows');
  const next = db.transaction(() => append(db, { type: 'alert.dismissed', version: 1, payload: { alert: 1, sale: 1 } }, { actor: 'cashier', at: 3 }))();
  assert.equal(next.epoch, 2);
  assert.equal(headEpoch(db), 2);
  assert.ok(verifyChain(db).ok);
});

test('verifyChain names a row moved to another epoch without a restore, even with every hash recomputed', (t) => {
  const { dir, db } = ledger(t);
  db.close();
  const file = new Database(join(dir, LEDGER_FILE));
  t.after(() => file.close());
  file.exec('DROP TRIGGER journal_never_updated');
  const last = file.prepare('SELECT MAX(seq) FROM journal').pluck().get() as number;
  file.prepare('UPDATE journal SET epoch = 2 WHERE seq = ?').run(last);
  rehash(file, last);
  const { problem } = verifyChain(file);
  assert.equal(problem?.kind, 'bad field');
  assert.equal(problem?.seq, last);
  assert.match(problem!.text, /epoch 2 after a row of epoch 1: only a restore starts a new, higher epoch/);
});

test('anchors: SEQ:HASH16 and CODE[-EPOCH]:SEQ:HASH16, SEQ at most 15 digits, anything else refused', () => {
  const hash = 'ab'.repeat(8);
  assert.deepEqual(parseAnchor(`120:${hash}`), { seq: 120, hash });
  assert.deepEqual(parseAnchor(`k7qx2m:120:${hash.toUpperCase()}`), { seq: 120, hash, code: 'K7QX2M', epoch: 1 });
  assert.deepEqual(parseAnchor(`K7QX2M-2:130:${hash}`), { seq: 130, hash, code: 'K7QX2M', epoch: 2 });
  assert.equal(parseAnchor(`${'9'.repeat(15)}:${hash}`)?.seq, 999_999_999_999_999);
  for (const bad of [`${'1'.repeat(16)}:${hash}`, `0:${hash}`, `12:${hash.slice(1)}`, '12', `K7QX2M-0:1:${hash}`, `K7QX2M-2-1:${hash}`, `K7-QX:1:${hash}`, `:1:${hash}`]) {
    assert.equal(parseAnchor(bad), null, bad);
  }
  assert.equal(formatAnchor({ seq: 5, hash, code: 'K7QX2M', epoch: 1 }), `K7QX2M:5:${hash}`);
  assert.equal(formatAnchor({ seq: 5, hash, code: 'K7QX2M', epoch: 3 }), `K7QX2M-3:5:${hash}`);
});
