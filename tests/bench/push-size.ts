/**
 * How big is what the host pushes to the cashier screen on every change, and how long it takes to
 * build, with an empty ledger and with 2,000 sales today. The sales are seeded through the ledger's
 * own calls (create → QR → paid, receipt job included) in one transaction, so they are exactly what
 * a day of real sales leaves behind; then one more sale is charged for real and left waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/host/commands.ts';
import { createHost, type Host } from '../../src/host/host.ts';
import { trainingMode } from '../../src/sandbox/training.ts';

export interface PushSizes {
  emptyBytes: number;
  seededBytes: number;
  seededAwaitingBytes: number;
  /** Median time to build the cashier state with the seeded ledger. */
  seededBuildMs: number;
}

/** The bytes one Server-Sent Event carrying the state takes on the wire (what web mode writes). */
function pushBytes(host: Host): number {
  return Buffer.byteLength(`event: state\ndata: ${JSON.stringify(host.cashierState())}\n\n`);
}

/** Today's sales as a busy day leaves them: paid through the real ledger calls. */
export function seedPaidSales(host: Host, count: number): void {
  const { ledger, db } = host;
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const sale = ledger.create({
        amountCents: 100 + (i % 5_000), khrPerUsd: 4_100, training: false,
        merchantName: 'Bench Shop', bakongId: 'bench@aclb', apiBaseUrl: 'https://api.example.test',
      });
      const md5 = i.toString(16).padStart(32, '0');
      // A real-looking payload length (a KHQR is about 150–250 characters).
      const khqrString = `00020101021229180014bench@aclb5204599953038405405${String(i).padStart(5, '0')}5802KH5910Bench Shop6010Phnom Penh99340013${Date.now()}0113${Date.now()}6304ABCD`;
      ledger.attachQr(sale.id, { md5, khqrString, expiresAt: Date.now() + 600_000, payTo: 'bench@aclb' });
      ledger.markPaid(sale.id, 'seeded by the bench');
    }
  })();
}

export async function benchPushSize(sales = 2_000): Promise<PushSizes> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-push-'));
  const host = createHost({ training: trainingMode({}), env: { POS_DATA_DIR: dataDir, POS_MERCHANT_NAME: 'Bench Shop' } });
  try {
    const emptyBytes = pushBytes(host);
    seedPaidSales(host, sales);
    const seededBytes = pushBytes(host);
    const times: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const start = performance.now();
      JSON.stringify(host.cashierState());
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const reply = await runCommand(host, 'payment.charge', { amountCents: 250 });
    if (!reply.ok) throw new Error(reply.error.message);
    const seededAwaitingBytes = pushBytes(host);
    return { emptyBytes, seededBytes, seededAwaitingBytes, seededBuildMs: times[Math.floor(times.length / 2)]! };
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
