/**
 * How long after the customer pays does the POS record it? Hosts in live mode at the default
 * polling policy watch QRs from the sandbox over loopback HTTP; the sandbox marks each one PAID at a
 * random moment, and the delay to the ledger's paid_at is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/host/commands.ts';
import { createHost } from '../../src/host/host.ts';
import { startSandboxServer } from '../../src/sandbox/server.ts';
import { Sandbox } from '../../src/sandbox/simulator.ts';
import { trainingMode } from '../../src/sandbox/training.ts';

const HOSTS = 4;
const PAYMENTS_PER_HOST = 6;

export async function benchDetection(): Promise<{ median: number; p95: number; samples: number }> {
  const sandbox = new Sandbox();
  const running = await startSandboxServer(sandbox);
  const delays: number[] = [];
  try {
    await Promise.all(Array.from({ length: HOSTS }, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-'));
      const host = createHost({
        training: trainingMode({}),
        env: { POS_DATA_DIR: dataDir, POS_BAKONG_API_URL: running.url, POS_BAKONG_ID: 'bench@aclb', POS_MERCHANT_NAME: 'Bench' },
      });
      try {
        for (let i = 0; i < PAYMENTS_PER_HOST; i += 1) {
          const reply = await runCommand(host, 'payment.charge', { amountCents: 100 + i });
          if (!reply.ok) throw new Error(reply.error.message);
          const sale = host.payments.current()!;
          // Customers pay at any moment relative to the polling rhythm.
          await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 2_000));
          const paidAt = sandbox.pay(sale.md5!).paidAt!;
          await new Promise<void>((resolve) => {
            const stop = host.subscribe(() => {
              const recorded = host.ledger.get(sale.id)!;
              if (recorded.status === 'paid') {
                stop();
                delays.push(recorded.paidAt! - paidAt);
                resolve();
              }
            });
          });
          await runCommand(host, 'payment.dismiss', {});
        }
      } finally {
        await host.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }));
  } finally {
    await running.close();
  }
  delays.sort((a, b) => a - b);
  const at = (q: number): number => delays[Math.min(delays.length - 1, Math.ceil(q * delays.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), samples: delays.length };
}
