/**
 * The printed Z (src/host/printing/receipt/z-report.ts) holds everything the report does since
 * formats 5–7, with people by NAME: through a live host (sandbox API, real ledger file, file printer)
 * a cashier's cash sale of $10.25 paid with $20 (change $9 and 3,100៛, a 25៛ rounding line), a cash
 * refund approved by a manager's PIN, a void approved by the owner's, "Open drawer" approved in place,
 * a receipt reprint, a blind count that is short, then the close. The job in the printer's folder is
 * exactly the Z rendered, and that raster draws: cash tendered and change per currency, the rounding
 * line, expected in drawer, counted and the difference per currency, each refund and void with actor
 * and approver names (never a `user:` id), the drawer opened without a sale, the reprint, takings per
 * cashier by name (a Khmer name drawn in Khmer), and the environment's overrides flagged.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../../src/host/commands.ts';
import { decodeEscPosJob } from '../../../src/host/printing/escpos/decode.ts';
import type { ShiftReport } from '../../../src/shared/contract.ts';
import { printedText } from '../../support/printed-text.ts';
import { startHost, startSandbox } from '../../support/servers.ts';
import { tempDir, waitFor } from '../../support/temp.ts';
import { OWNER_PIN, signInAs } from '../../support/users.ts';
import { attemptId } from '../../support/cash-attempt.ts';

const jobs = (dir: string): string[] => readdirSync(dir).filter((name) => !name.startsWith('.') && !name.endsWith('-drawer.escpos')).sort();

async function ok<T>(reply: Promise<{ ok: boolean }>): Promise<T> {
  const r = (await reply) as { ok: true; value: T } | { ok: false; error: unknown };
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

test('the printed Z names the people and holds the cash sales, rounding, count, refunds, voids, no-sale opens, reprints and overrides', async (t) => {
  const prints = tempDir(t);
  const { url } = await startSandbox(t);
  const host = startHost(t, { POS_BAKONG_API_URL: url, POS_BAKONG_ID: 'shop@aclb', POS_PRINTER: `file:${prints}` });
  const owner = await signInAs(host);
  host.saveSettings({ drawerEnabled: true, khrPerUsd: 4100 });
  const manager = await host.auth.addUser('Dara', 'manager', '2468');
  const cashier = await host.auth.addUser('សុខា', 'cashier', '1357');
  host.cash.setFloat({ usdCents: 5_000, riel: 100_000 });

  await host.auth.signIn(cashier.id, '1357');
  const paid = await ok<{ sale: { id: number } }>(runCommand(host, 'cash.tender', { due: { currency: 'USD', amount: 1025 }, tender: { currency: 'USD', amount: 2000 }, attempt: attemptId() }));
  await ok(runCommand(host, 'refund.create', {
    saleId: paid.sale.id, currency: 'USD', amount: 500, method: 'cash', reference: null, reason: 'wrong size', approver: { userId: manager.id, pin: '2468' },
  }));
  const open = await ok<{ sale: { id: number } }>(runCommand(host, 'cash.tender', { due: { currency: 'USD', amount: 300 }, tender: { currency: 'KHR', amount: 4000 }, attempt: attemptId() }));
  await ok(runCommand(host, 'sale.void', { saleId: open.sale.id, reason: 'changed mind', approver: { userId: owner.id, pin: OWNER_PIN } }));
  await ok(runCommand(host, 'drawer.open', { approver: { userId: manager.id, pin: '2468' } }));
  await ok(runCommand(host, 'receipt.reprint', { saleId: paid.sale.id }));
  // A copy is counted once it has printed (print.printed).
  await waitFor('every receipt printed', () => host.printing.view().jobs.every((j) => j.status === 'printed'));

  await host.auth.signIn(manager.id, '2468');
  // Expected: $50 + $20 − $9 − $5 refunded = $56.00; 100,000 + 4,000 − 3,100 − 4,000 voided = 96,900៛. Counted a dollar short.
  await ok(runCommand(host, 'shift.count', { USD: { total: 5_500 }, KHR: { total: 96_900 } }));
  const z = await ok<ShiftReport>(runCommand(host, 'shift.close', {}));
  assert.equal(z.names?.[`user:${cashier.id}`], 'សុខា', 'the screens get the names with the report');

  // The Z is the last job: compare the printer's bytes with the Z rendered, bit for bit.
  await waitFor('the Z printed', () => host.printing.view().jobs.some((j) => j.kind === 'z' && j.status === 'printed'));
  const files = jobs(prints);
  const decoded = decodeEscPosJob(new Uint8Array(readFileSync(join(prints, files.at(-1)!))));
  const { result: rendered, text } = printedText(t, () => host.printing.zBitmap(1));
  assert.deepEqual(decoded.raster, rendered, 'the printed job is this Z');

  const has = (line: string) => assert.ok(text.includes(line), `the printed Z says "${line}"\n--- it says:\n${text}`);
  has('Cash tendered / សាច់ប្រាក់បានទទួល USD 1 · $20.00');
  has('Cash tendered / សាច់ប្រាក់បានទទួល KHR 1 · 4,000៛');
  has('Change given / ប្រាក់អាប់ USD 1 · $9.00');
  has('Change given / ប្រាក់អាប់ KHR 1 · 3,100៛');
  has('Rounding / ការបង្គត់ (1 sales / ការលក់) 25៛');
  has('Expected in drawer / គួរមានក្នុងថត USD $56.00');
  has('Expected in drawer / គួរមានក្នុងថត KHR 96,900៛');
  has('Counted / បានរាប់ USD $55.00');
  has('Difference / ខុសគ្នា USD −$1.00 short / ខ្វះ');
  has('Difference / ខុសគ្នា KHR 0៛');
  has(`R1 #${paid.sale.id} $5.00 · សុខា · approved by / អនុម័តដោយ Dara`);
  has(`V1 #${open.sale.id} $0.00 · 4,000៛ · សុខា · approved by / អនុម័តដោយ Owner`);
  has('Drawer opened, no sale / បើកថតដោយគ្មានការលក់ 1');
  has('Receipt copies / ច្បាប់ចម្លងបង្កាន់ដៃ 1');
  has('Takings per cashier / ចំណូលតាមអ្នកគិតប្រាក់ សុខា');
  has('Fixed by environment / កំណត់ដោយបរិស្ថាន: apiBaseUrl, bakongId, printer');
  assert.ok(!text.includes('user:'), 'no user id is printed');
});
