/**
 * Recording a payment touches three tables, each through its own module (its only writer): the
 * tender becomes paid and, when that covers what is due, its sale completed (sales.ts); the sale's
 * receipt is owed (print-jobs.ts), once, when the sale completes; and the cashier gets an alert
 * (alerts.ts) when the payment came after its QR had ended (paid late) or on a sale already covered
 * (overpaid: the money arrived and is owed back). All commit in one transaction, so a completed sale
 * never lacks its receipt job or an alert, even if the POS dies right after.
 *
 * Nothing else happens here: the host announces the committed payment as a `sale.paid` event
 * (events.ts), and whatever must react (the print queue, the log) listens to that.
 */
import type { SaleStatus } from '../../shared/contract.ts';
import type { Alerts } from './alerts.ts';
import type { Db } from './database.ts';
import type { PrintJobs } from './print-jobs.ts';
import type { RecordedCashTender, RecordedPayment, SalesLedger } from './sales.ts';
import { ledgerWrite } from './write-health.ts';

export interface PaymentTables {
  db: Db;
  sales: SalesLedger;
  printJobs: PrintJobs;
  alerts: Alerts;
}

/** Returns what was recorded, or null when nothing was (already paid, or not payable from its status). */
export function recordPayment(
  tables: PaymentTables,
  tenderId: number,
  detail: string,
  allowedFrom: readonly SaleStatus[],
): RecordedPayment | null {
  return ledgerWrite(tables.db, tables.db.transaction(() => {
    const paid = tables.sales.markPaid(tenderId, detail, allowedFrom);
    if (!paid) return null;
    if (paid.completed) tables.printJobs.add('receipt', paid.sale.id);
    if (paid.overpaid) tables.alerts.raise('overpaid', paid.sale.id, tenderId, paid.previousStatus);
    else if (paid.tender.paidLate) tables.alerts.raise('paid_late', paid.sale.id, tenderId, paid.previousStatus);
    return paid;
  }));
}

/**
 * A cash tender (sales.ts tenderCash), and the receipt it owes when it completes the sale, in one
 * transaction: a completed cash sale never lacks its receipt job.
 */
export function recordCashTender(tables: PaymentTables, input: Parameters<SalesLedger['tenderCash']>[0]): RecordedCashTender {
  return ledgerWrite(tables.db, tables.db.transaction(() => {
    const tendered = tables.sales.tenderCash(input);
    if (tendered.completed) tables.printJobs.add('receipt', tendered.sale.id);
    return tendered;
  }));
}
