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
import { seedSales } from '../support/seed-sales.ts';

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

export async function benchPushSize(sales = 2_000): Promise<PushSizes> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-push-'));
  const host = createHost({ training: trainingMode({}), env: { POS_DATA_DIR: dataDir, POS_MERCHANT_NAME: 'Bench Shop' } });
  try {
    const emptyBytes = pushBytes(host);
    seedSales(host.db, sales);
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
