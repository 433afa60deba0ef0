/**
 * A day's worth of sales written through the ledger's own modules (sales.ts, print-jobs.ts,
 * alerts.ts via record-payment.ts) in one transaction: what real sales leave behind, fast enough
 * for thousands. Sale i (from 0) is for 100 + i cents; with `unpaidEvery: 2` every second one
 * expires unpaid instead of being paid.
 */
import { Alerts } from '../../src/host/ledger/alerts.ts';
import type { Db } from '../../src/host/ledger/database.ts';
import { PrintJobs } from '../../src/host/ledger/print-jobs.ts';
import { recordPayment } from '../../src/host/ledger/record-payment.ts';
import { SalesLedger } from '../../src/host/ledger/sales.ts';

export function seedSales(db: Db, count: number, options: { now?: () => number; unpaidEvery?: number } = {}): number[] {
  const now = options.now ?? Date.now;
  const tables = { db, sales: new SalesLedger(db, now), printJobs: new PrintJobs(db, now), alerts: new Alerts(db, now) };
  return db.transaction(() => Array.from({ length: count }, (_, i) => {
    const sale = tables.sales.create({
      amountCents: 100 + i, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
    });
    // A payload of a real KHQR's length (150–250 characters), different for every sale.
    const khqrString = `00020101021229180014shop@aclb52045999530384054${String(i).padStart(6, '0')}5802KH5907My Shop6010Phnom Penh` +
      `99340013${now()}0113${now() + 600_000}6304ABCD-seeded-${i}`;
    tables.sales.attachQr(sale.id, { md5: i.toString(16).padStart(32, '0'), khqrString, expiresAt: now() + 600_000, payTo: 'shop@aclb' });
    if (options.unpaidEvery && i % options.unpaidEvery === options.unpaidEvery - 1) tables.sales.markExpired(sale.id, 'seeded');
    else recordPayment(tables, sale.id, 'seeded', ['awaiting_payment']);
    return sale.id;
  }))();
}

/**
 * Keeps committing one sale at a time (each its own transaction, awaiting payment) through a running
 * host's ledger, one per turn of the event loop, until stopped: the POS at work while another process
 * reads the file. stop() returns how many were committed.
 */
export function keepSelling(ledger: SalesLedger): { stop(): number } {
  let running = true;
  let written = 0;
  const step = () => {
    if (!running) return;
    const sale = ledger.create({
      amountCents: 500 + written, khrPerUsd: 4_100, training: false, merchantName: 'My Shop', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
    });
    ledger.attachQr(sale.id, { md5: `e${written.toString(16).padStart(31, '0')}`, khqrString: `000201-meanwhile-${written}`, expiresAt: Date.now() + 600_000, payTo: 'shop@aclb' });
    written += 1;
    setImmediate(step);
  };
  setImmediate(step);
  return { stop: () => ((running = false), written) };
}
