import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintJobView } from '../../../src/shared/contract.ts';
import { translator } from '../../../src/renderer/i18n/index.ts';
import {
  receiptBadge,
  receiptJobFor,
  receiptSentence,
  receiptStatus,
  receiptText,
  receiptTone,
} from '../../../src/renderer/cashier/receipt.ts';

const en = translator('en');
const km = translator('km');

function job(patch: Partial<PrintJobView>): PrintJobView {
  return {
    id: 1,
    saleId: 7,
    kind: 'receipt',
    status: 'queued',
    attempts: 0,
    interrupted: false,
    lastError: null,
    createdAt: 1_000,
    printedAt: null,
    ...patch,
  };
}

const say = (patch: Partial<PrintJobView>) => receiptSentence(receiptStatus(job(patch)), en);

describe('receipt status in words', () => {
  it('queued for the first time, or printing, is "Printing…"', () => {
    assert.equal(say({ status: 'queued' }), 'Printing…');
    assert.equal(say({ status: 'printing', attempts: 1 }), 'Printing…');
  });

  it('queued again after a failed try waits for the printer, with the reason', () => {
    assert.equal(say({ status: 'queued', attempts: 2, lastError: 'The printer is unplugged' }), 'Waiting for the printer — The printer is unplugged');
    assert.equal(receiptStatus(job({ status: 'queued', attempts: 0, lastError: 'No permission' })).phase, 'waiting');
    assert.equal(say({ status: 'queued', attempts: 3, lastError: null }), 'Waiting for the printer');
    assert.equal(say({ status: 'queued', attempts: 1, lastError: '   ' }), 'Waiting for the printer');
  });

  it('printed, failed and skipped', () => {
    assert.equal(say({ status: 'printed', attempts: 1, printedAt: 2_000 }), 'Printed');
    assert.equal(say({ status: 'failed', attempts: 25, lastError: 'Printer gone' }), 'Receipt failed — Printer gone');
    assert.equal(say({ status: 'failed', lastError: null }), 'Receipt failed');
    assert.equal(say({ status: 'skipped', lastError: 'No printer is set up (Settings → Printer)' }), 'Not printed: no printer set up');
  });

  it('a job cut off by a stop says it is printed again, and then that a partial receipt may exist', () => {
    const again = 'Printing again after the POS stopped mid-print (check for a partial receipt)';
    assert.equal(say({ status: 'queued', interrupted: true, attempts: 1, lastError: 'The POS stopped while this was printing' }), again);
    assert.equal(say({ status: 'printing', interrupted: true, attempts: 2 }), again);
    assert.match(say({ status: 'printed', interrupted: true }), /^Printed .*partial receipt/);
    // A job that was not interrupted never mentions it.
    assert.doesNotMatch(say({ status: 'printed' }), /partial/);
  });

  it('a reprint is marked as a copy', () => {
    assert.equal(say({ kind: 'copy', status: 'printed' }), 'Copy: Printed');
    assert.deepEqual(receiptText(receiptStatus(job({ kind: 'copy', status: 'failed', lastError: 'x' })), en), {
      text: 'Copy: Receipt failed',
      error: 'x',
    });
  });

  it('short badges and tones', () => {
    const badge = (patch: Partial<PrintJobView>) => receiptBadge(receiptStatus(job(patch)), en);
    assert.equal(badge({ status: 'printed' }), 'Printed');
    assert.equal(badge({ status: 'queued', attempts: 1, lastError: 'x' }), 'Waiting for printer');
    assert.equal(badge({ status: 'skipped' }), 'Not printed');
    assert.equal(receiptTone('printed'), 'ok');
    assert.equal(receiptTone('failed'), 'bad');
    assert.equal(receiptTone('waiting'), 'warn');
  });

  it('Khmer words, with the host reason kept as it came', () => {
    const sentence = receiptSentence(receiptStatus(job({ status: 'failed', lastError: 'Printer gone' })), km);
    assert.match(sentence, /[\u1780-\u17FF]/);
    assert.match(sentence, / — Printer gone$/);
  });
});

describe('which job is a sale’s receipt', () => {
  const jobs = [
    job({ id: 9, saleId: null, kind: 'test', status: 'printed' }),
    job({ id: 8, saleId: 7, kind: 'copy', status: 'printing' }),
    job({ id: 6, saleId: 5, kind: 'receipt', status: 'printed' }),
    job({ id: 4, saleId: 7, kind: 'receipt', status: 'printed' }),
  ];

  it('is the newest receipt or copy for that sale, never a test print', () => {
    assert.equal(receiptJobFor(jobs, 7)?.id, 8);
    assert.equal(receiptJobFor(jobs, 5)?.id, 6);
    assert.equal(receiptJobFor(jobs, 3), null);
    assert.equal(receiptJobFor(undefined, 7), null);
    assert.equal(receiptJobFor([job({ id: 2, saleId: null, kind: 'test' })], 0), null);
  });
});
