import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PrintJobView } from '../../../src/shared/contract.ts';
import { translator } from '../../../src/renderer/i18n/index.ts';
import { hostMessage } from '../../../src/shared/messages/index.ts';
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
const UNPLUGGED = hostMessage('printer.unplugged', { printer: 'USB 0416:5011' });
const NO_PAPER = hostMessage('printer.stoppedTakingData', { printer: 'USB 0416:5011' });

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

const say = (patch: Partial<PrintJobView>) => receiptSentence(receiptStatus(job(patch)), en, 'en');

describe('receipt status in words', () => {
  it('queued for the first time, or printing, is "Printing…"', () => {
    assert.equal(say({ status: 'queued' }), 'Printing…');
    assert.equal(say({ status: 'printing', attempts: 1 }), 'Printing…');
  });

  it('queued again after a failed try waits for the printer, with the reason', () => {
    assert.equal(
      say({ status: 'queued', attempts: 2, lastError: UNPLUGGED }),
      'Waiting for the printer — The printer (USB 0416:5011) was unplugged or switched off while printing; this receipt did not finish. Plug it back in and switch it on (code printer.unplugged)',
    );
    assert.equal(receiptStatus(job({ status: 'queued', attempts: 0, lastError: hostMessage('printer.accessLinux', { printer: 'USB' }) })).phase, 'waiting');
    assert.equal(say({ status: 'queued', attempts: 3, lastError: null }), 'Waiting for the printer');
  });

  it('printed, failed and skipped', () => {
    assert.equal(say({ status: 'printed', attempts: 1, printedAt: 2_000 }), 'Printed');
    assert.match(say({ status: 'failed', attempts: 25, lastError: NO_PAPER }), /^Receipt failed — The printer \(USB 0416:5011\) stopped accepting data/);
    assert.equal(say({ status: 'failed', lastError: null }), 'Receipt failed');
    assert.equal(say({ status: 'skipped', lastError: hostMessage('printer.notSetUp') }), 'Not printed: no printer set up');
  });

  it('a job cut off by a stop says it is printed again, and then that a partial receipt may exist', () => {
    const again = 'Printing again after the POS stopped mid-print (check for a partial receipt)';
    assert.equal(say({ status: 'queued', interrupted: true, attempts: 1, lastError: hostMessage('printer.stoppedWhilePrinting') }), again);
    assert.equal(say({ status: 'printing', interrupted: true, attempts: 2 }), again);
    assert.match(say({ status: 'printed', interrupted: true }), /^Printed .*partial receipt/);
    // A job that was not interrupted never mentions it.
    assert.doesNotMatch(say({ status: 'printed' }), /partial/);
  });

  it('handed to a Windows printer is never called printed: sent, not confirmed, with what Windows said', () => {
    const spooled = { status: 'spooled' as const, attempts: 1, printedAt: 2_000 };
    assert.equal(
      say({ ...spooled, lastError: hostMessage('printer.windowsSpooled', { name: 'POS-80C' }) }),
      'Sent to the Windows printer (printing not confirmed) — Handed to the Windows printer "POS-80C"; Windows does not confirm that it printed (code printer.windowsSpooled)',
    );
    assert.equal(receiptStatus(job(spooled)).phase, 'spooled');
    assert.equal(receiptBadge(receiptStatus(job(spooled)), en), 'Sent to printer');
    assert.doesNotMatch(receiptBadge(receiptStatus(job(spooled)), en), /Printed/);
    const attention = receiptStatus(job({ ...spooled, lastError: hostMessage('printer.windowsAttention', { name: 'POS-80C' }) }));
    assert.equal(receiptTone(attention.phase), 'ok');
    assert.match(receiptSentence(attention, km, 'km'), /[\u1780-\u17FF].* — .*POS-80C/);
  });

  it('a reprint is marked as a copy', () => {
    assert.equal(say({ kind: 'copy', status: 'printed' }), 'Copy: Printed');
    assert.deepEqual(receiptText(receiptStatus(job({ kind: 'copy', status: 'failed', lastError: hostMessage('printer.renderFailed') })), en, 'en'), {
      text: 'Copy: Receipt failed',
      error: 'The receipt could not be drawn; the details are in the POS log (code printer.renderFailed)',
    });
  });

  it('short badges and tones', () => {
    const badge = (patch: Partial<PrintJobView>) => receiptBadge(receiptStatus(job(patch)), en);
    assert.equal(badge({ status: 'printed' }), 'Printed');
    assert.equal(badge({ status: 'queued', attempts: 1, lastError: UNPLUGGED }), 'Waiting for printer');
    assert.equal(badge({ status: 'skipped' }), 'Not printed');
    assert.equal(receiptTone('printed'), 'ok');
    assert.equal(receiptTone('failed'), 'bad');
    assert.equal(receiptTone('waiting'), 'warn');
  });

  it('Khmer words, the host reason in Khmer too, its code kept for support', () => {
    const sentence = receiptSentence(receiptStatus(job({ status: 'failed', lastError: UNPLUGGED })), km, 'km');
    assert.match(sentence, /^[^A-Za-z]*[\u1780-\u17FF]/);
    assert.match(sentence, / — ម៉ាស៊ីនបោះពុម្ព \(USB 0416:5011\) ត្រូវបានដកខ្សែ.*\(កូដ printer\.unplugged\)$/);
    assert.doesNotMatch(sentence, /unplugged or switched off/, 'no English sentence on a Khmer screen');
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
