/**
 * The shift commands through runCommand, as a screen sends them (src/host/commands.ts): the X report,
 * a close refused while a QR is watched and accepted with carryOver, the Z list and one Z, a second
 * close refused in words (English and Khmer).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand } from '../../src/host/commands.ts';
import type { ShiftReport, ZReportSummary } from '../../src/shared/contract.ts';
import { hostMessageText } from '../../src/shared/messages/index.ts';
import { startTrainingHost } from '../support/servers.ts';
import { signInAs } from '../support/users.ts';

test('shift.x, shift.close (carryOver), shift.zList and shift.z through the command path', async (t) => {
  const { host } = startTrainingHost(t);
  await signInAs(host);
  assert.ok((await runCommand(host, 'payment.charge', { amountCents: 250 })).ok);
  const x = await runCommand(host, 'shift.x', {});
  assert.ok(x.ok);
  const report = x.value as ShiftReport;
  assert.equal(report.kind, 'X');
  assert.equal(report.shift, 1);
  assert.equal(report.training.opened.count, 1, 'a training sale is counted apart');
  assert.equal(report.takings.count, 0);

  const refused = await runCommand(host, 'shift.close', {});
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'not_allowed');
  assert.match(refused.error.message, /1 payment\(s\) still being watched \(#1\)/);
  assert.equal(host.shifts.current()?.shift, 1);

  const closed = await runCommand(host, 'shift.close', { carryOver: true });
  assert.ok(closed.ok);
  const z = closed.value as ShiftReport;
  assert.match(z.zNumber ?? '', /^[2-9A-Z]{6}-Z1$/);
  assert.deepEqual(z.unresolved.map((u) => u.sale), [1]);

  const list = await runCommand(host, 'shift.zList', {});
  assert.ok(list.ok);
  assert.deepEqual((list.value as ZReportSummary[]).map((s) => s.zNumber), [z.zNumber]);
  const one = await runCommand(host, 'shift.z', { shift: 1 });
  assert.ok(one.ok);
  assert.deepEqual(one.value, z);

  const again = await runCommand(host, 'shift.close', { carryOver: true });
  assert.ok(!again.ok);
  assert.equal(again.error.text.code, 'shift.alreadyClosed');
  assert.match(again.error.message, /Shift 1 is already closed/);
  assert.match(hostMessageText(again.error.text, 'km'), /វេនទី 1 ត្រូវបានបិទរួចហើយ/);
});
