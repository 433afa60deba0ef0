/**
 * Recording a payment touches three tables, each through its own module (its only writer): the
 * sale becomes paid (sales.ts), its receipt is owed (print-jobs.ts) and, when the payment came after
 * the sale had ended, the cashier gets an alert (alerts.ts). All three commit in one transaction, so
 * a paid sale never lacks its receipt job or its alert, even if the POS dies right after.
 *
 * Nothing else happens here: the host announces the committed payment as a `sale.paid` event
 * (events.ts), and whatever must react (the print queue, the log) listens to that.
 */
import type { SaleStatus } from '../../shared/contract.ts';
import type { Alerts } from './alerts.ts';
import type { Db } from './database.ts';
import type { PrintJobs } from './print-jobs.ts';
import type { SalesLedger, StoredSale } from './sales.ts';
import { ledgerWrite } from './write-health.ts';

export interface PaymentTables {
  db: Db;
  sales: SalesLedger;
  printJobs: PrintJobs;
  alerts: Alerts;
}

/** Returns the paid sale, or null when nothing was recorded (already paid, or not payable from its status). */
export function recordPayment(
  tables: PaymentTables,
  saleId: number,
  detail: string,
  allowedFrom: readonly SaleStatus[],
): StoredSale | null {
  return ledgerWrite(tables.db, tables.db.transaction(() => {
    const before = tables.sales.get(saleId);
    const paid = tables.sales.markPaid(saleId, detail, allowedFrom);
    if (!paid || !before) return null;
    tables.printJobs.add('receipt', saleId);
    if (paid.paidLate) tables.alerts.raisePaidLate(saleId, before.status);
    return paid;
  }));
}
