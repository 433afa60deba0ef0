/**
 * POS_DATA_DIR/exports does not grow (review 8b): an export not handed over is deleted once it is
 * older than a day — at the next export, or at the next start — with the temporary a crash left;
 * files the POS did not name are never touched; an export still fresh stays downloadable. A full
 * disk is said in words.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXPORT_KEEP_MS, EXPORTS_FOLDER, ExportFiles, writeRefusal } from '../../../src/host/export/export-files.ts';
import { hostMessageText } from '../../../src/shared/messages/index.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { seedSales } from '../../support/seed-sales.ts';
import { tempDir } from '../../support/temp.ts';

test('exports older than a day are deleted before the next export (and at start); fresh ones and foreign files stay', async (t) => {
  const dir = tempDir(t, 'pos-exports-');
  const db = openLedger(dir);
  t.after(() => db.close());
  seedSales(db, 2);
  const clock = { now: Date.now() };
  const exports = new ExportFiles(dir, () => clock.now);
  const old = await exports.create({ format: 'csv', from: '2026-01-01', to: '2026-01-31' });
  const folder = join(dir, EXPORTS_FOLDER);
  const oldPath = join(folder, old.fileName);
  const crashed = join(folder, `.${old.fileName.replace('.csv', '.xlsx')}.1234.0123456789ab.tmp`);
  const foreign = join(folder, 'owner-notes.txt');
  writeFileSync(crashed, 'half');
  writeFileSync(foreign, 'mine');
  // Two days old, by the file's own time.
  const twoDaysAgo = (clock.now - 2 * EXPORT_KEEP_MS) / 1000;
  for (const file of [oldPath, crashed, foreign]) utimesSync(file, twoDaysAgo, twoDaysAgo);

  const fresh = await exports.create({ format: 'xlsx', from: '2026-01-01', to: '2026-01-01' });
  assert.equal(existsSync(oldPath), false, 'the export left for two days is gone');
  assert.equal(existsSync(crashed), false, 'and the temporary a crash left');
  assert.equal(exports.file(old.exportId), null, 'its id is forgotten');
  assert.ok(existsSync(foreign), 'a file the POS did not name is never removed');
  assert.ok(exports.file(fresh.exportId), 'the new export stays');

  // At the next start (a new run, two days later): what is older than a day goes. The fresh export's
  // file time is the real time it was written, which on a busy machine can be seconds after the
  // clock above was read: two days leave no doubt which side of the cut it falls.
  clock.now += 2 * EXPORT_KEEP_MS;
  const nextRun = new ExportFiles(dir, () => clock.now);
  assert.deepEqual(nextRun.prune(), [fresh.fileName]);
  assert.deepEqual(readdirSync(folder), ['owner-notes.txt']);
});

test('a delivered export is deleted at once; delivering an unknown id does nothing', async (t) => {
  const dir = tempDir(t, 'pos-exports-');
  const db = openLedger(dir);
  t.after(() => db.close());
  const exports = new ExportFiles(dir);
  const made = await exports.create({ format: 'csv', from: '2026-01-01', to: '2026-01-01' });
  const path = exports.file(made.exportId)!.path;
  exports.delivered('A'.repeat(22));
  assert.ok(existsSync(path));
  exports.delivered(made.exportId);
  assert.equal(existsSync(path), false);
  assert.equal(exports.file(made.exportId), null);
});

test('a full disk while the POS writes an export is told in the owner\'s words (en, km), not "something went wrong"', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: no space left on device, write`), { code });
  const full = writeRefusal(errno('ENOSPC'))!;
  assert.equal(full.code, 'storage_error');
  assert.equal(hostMessageText(full.text, 'en'), 'The export could not be written: the disk is full. Free some disk space, then export again. Nothing was left behind.');
  assert.match(hostMessageText(full.text, 'km'), /^មិនអាចសរសេរការនាំចេញបានទេ៖ ថាសពេញ។/);
  assert.deepEqual(writeRefusal(errno('EROFS'))!.text, { code: 'export.cannotWrite' });
  assert.equal(writeRefusal(new Error('a bug')), null, 'anything else stays an internal error');
});
