/**
 * The refunds and voids of an X/Z report (format 5), from the range's `refund.made` and `sale.voided`
 * rows — the till's (src/host/reports/shift-report.ts reads them from its ledger) and the back
 * office's (journal-fold.ts) alike. Plain data.
 */
import type { Currency, ReportRefund, ShiftReport } from '../contract.ts';

type Payload = Record<string, unknown>;

/**
 * Format 5: the refunds and voids journaled in the range (`refund.made`, `sale.voided`), each listed
 * with its actor and approver; real ones counted and totalled per currency (minor units, nothing
 * converted), training ones listed only.
 */
export function returnsSection(rows: Iterable<{ actor: string; at: number; type: string; payload: string }>): Pick<ShiftReport, 'refunds' | 'voids'> {
  const refunds: NonNullable<ShiftReport['refunds']> = { count: 0, USD: 0, KHR: 0, cash: { USD: 0, KHR: 0 }, list: [] };
  const voids: NonNullable<ShiftReport['voids']> = { count: 0, USD: 0, KHR: 0, list: [] };
  for (const row of rows) {
    if (row.type !== 'refund.made' && row.type !== 'sale.voided') continue;
    const p = JSON.parse(row.payload) as Payload;
    const training = p.training === true;
    const who = { actor: row.actor, approver: p.approver as string, at: row.at, training };
    if (row.type === 'refund.made') {
      const currency = p.currency as Currency;
      const amount = p.amount as number;
      refunds.list.push({ refund: p.refund as number, sale: p.sale as number, currency, amount, method: p.method as ReportRefund['method'], ...who });
      if (training) continue;
      refunds.count += 1;
      refunds[currency] += amount;
      if (p.method === 'cash') refunds.cash[currency] += amount;
    } else {
      const returnedUsd = p.returnedUsd as number;
      const returnedKhr = p.returnedKhr as number;
      voids.list.push({ void: p.void as number, sale: p.sale as number, returnedUsd, returnedKhr, ...who });
      if (training) continue;
      voids.count += 1;
      voids.USD += returnedUsd;
      voids.KHR += returnedKhr;
    }
  }
  return { refunds, voids };
}
