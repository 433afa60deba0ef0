/**
 * Receipts: time from the payment being recorded (PAID) to the receipt's bytes written by the file
 * transport (both as committed in the ledger, in ms), and bytes per receipt, for 58 mm and 80 mm
 * paper. Training-mode hosts, real SQLite, the real renderer and file transport.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/host/commands.ts';
import { createHost } from '../../src/host/host.ts';
import { trainingMode } from '../../src/sandbox/training.ts';

const RECEIPTS = 12;

export async function benchPrinting(paperWidth: 58 | 80): Promise<{ medianMs: number; p95Ms: number; bytes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-print-'));
  const prints = join(dataDir, 'prints');
  const host = createHost({ training: trainingMode({}), env: { POS_DATA_DIR: dataDir, POS_PRINTER: `file:${prints}` } });
  const delays: number[] = [];
  try {
    host.saveSettings({ paperWidth });
    for (let i = 0; i < RECEIPTS; i += 1) {
      const reply = await runCommand(host, 'payment.charge', { amountCents: 1050 + i });
      if (!reply.ok) throw new Error(reply.error.message);
      const id = (reply.value as { id: number }).id;
      // Both times come from the ledger: when the payment was committed, and when the job was confirmed written.
      const printed = new Promise<void>((resolve) => {
        const stop = host.subscribe(() => {
          const job = host.printing.view().jobs.find((j) => j.saleId === id);
          if (job?.status === 'printed') {
            stop();
            delays.push(job.printedAt! - host.ledger.get(id)!.paidAt!);
            resolve();
          }
        });
      });
      host.simulatePayment(id);
      await printed;
    }
    const files = readdirSync(prints).filter((f) => !f.startsWith('.'));
    const bytes = Math.round(files.reduce((sum, f) => sum + statSync(join(prints, f)).size, 0) / files.length);
    delays.sort((a, b) => a - b);
    return {
      medianMs: delays[Math.floor(delays.length / 2)]!,
      p95Ms: delays[Math.min(delays.length - 1, Math.ceil(0.95 * delays.length) - 1)]!,
      bytes,
    };
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
