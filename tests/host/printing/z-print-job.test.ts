/**
 * The Z report's print (src/host/ledger/shifts.ts, src/host/printing/receipt/z-report.ts): its job is
 * written in the close's own transaction (write-before-print: no close without its print, no print
 * without its close), printed as a raster that decodes to exactly the rendered Z, reprinted as a COPY
 * by `shift.zReprint`, and the ledger still verifies with Z prints in print_jobs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { openLedger } from '../../../src/host/ledger/database.ts';
import { parseAnchor, verifyChain, verifyProjection } from '../../../src/host/ledger/journal/verify.ts';
import { PrintJobs } from '../../../src/host/ledger/print-jobs.ts';
import { Shifts } from '../../../src/host/ledger/shifts.ts';
import { decodeEscPosJob } from '../../../src/host/printing/escpos/decode.ts';
import type { PrintJobView, ShiftReport } from '../../../src/shared/contract.ts';
import { anchorText } from '../../../src/shared/z-anchor.ts';
import { startHost } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { payTrainingSale } from '../../support/training-sale.ts';
import { signInAs } from '../../support/users.ts';


const jobFiles = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

test('the close queues its Z print in its own transaction; it prints as the rendered Z; a reprint is a COPY', async (t) => {
  const prints = tempDir(t);
  const host = startHost(t, { POS_PRINTER: `file:${prints}` });
  await signInAs(host);
  await payTrainingSale(host, 1050, { dismiss: true });
  await payTrainingSale(host, 250, { dismiss: true });
  await waitFor('two receipts printed', () => jobFiles(prints).length === 2);

  const closed = await runCommand(host, 'shift.close', {});
  assert.ok(closed.ok, JSON.stringify(closed));
  const z = closed.value as ShiftReport;
  const job = host.db.prepare(`SELECT kind, shift, sale_id FROM print_jobs WHERE kind = 'z'`).all();
  assert.deepEqual(job, [{ kind: 'z', shift: 1, sale_id: null }], 'one Z print, queued by the close');
  assert.equal(z.zNumber?.endsWith('-Z1'), true);

  await waitFor('the Z printed', () => jobFiles(prints).length === 3);
  const decoded = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, jobFiles(prints)[2]!))));
  assert.deepEqual(decoded.commands.filter((c) => c.kind === 'unknown'), []);
  const original = host.printing.zBitmap(1);
  assert.deepEqual(decoded.raster, original, 'the third job is the Z report, bit for bit');
  assert.equal(original.width, 576);

  const reprint = await runCommand(host, 'shift.zReprint', { n: 1 });
  assert.ok(reprint.ok, JSON.stringify(reprint));
  assert.deepEqual([(reprint.value as PrintJobView).kind, (reprint.value as PrintJobView).shift], ['z_copy', 1]);
  await waitFor('the copy printed', () => jobFiles(prints).length === 4);
  const copy = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, jobFiles(prints)[3]!))));
  assert.deepEqual(copy.raster, host.printing.zBitmap(1, true));
  assert.ok(copy.raster!.height > original.height, 'the copy carries the COPY box');

  const missing = await runCommand(host, 'shift.zReprint', { n: 2 });
  assert.ok(!missing.ok);
  assert.equal(missing.error.text.code, 'shift.zNotFound');
  const bad = await runCommand(host, 'shift.zReprint', { n: 0 });
  assert.ok(!bad.ok);
  assert.equal(bad.error.code, 'invalid_request');

  await waitFor('every job settled', () => host.printing.view().jobs.every((j) => j.status === 'printed'));
  // Z prints are not receipts: the journal/projection check still agrees with print_jobs.
  assert.equal(verifyChain(host.db).ok, true);
  // The anchor as shown and printed is one ledger verify --anchor takes, and it holds.
  const printed = parseAnchor(anchorText(z.anchor, z.zNumber));
  assert.ok(printed?.code, 'the printed anchor names the till');
  assert.equal(verifyChain(host.db, { anchor: printed }).ok, true);
  const projection = verifyProjection(host.db);
  assert.equal(projection.ok, true, JSON.stringify(projection.problem));
});

test('a close whose Z print cannot be queued does not happen (one transaction)', (t) => {
  const dir = tempDir(t);
  const db = openLedger(dir);
  t.after(() => db.close());
  const jobs = new PrintJobs(db);
  const shifts = new Shifts(db, Date.now, jobs);
  shifts.open();
  t.mock.method(jobs, 'addZ', () => {
    throw new Error('the print job could not be written');
  });
  assert.throws(() => shifts.close(), /could not be written/);
  assert.equal(shifts.current()?.shift, 1, 'the shift is still open');
  assert.deepEqual(shifts.zReports(), []);
  assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM journal WHERE type = 'shift.closed'`).get() as { n: number }).n, 0);
  t.mock.restoreAll();
  shifts.close();
  assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM print_jobs WHERE kind = 'z' AND shift = 1`).get() as { n: number }).n, 1);
});
