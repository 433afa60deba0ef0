/**
 * A paid cash tender on an open sale, written as the cash work's tender writer journals one
 * (docs/ledger.md: `tender.opened` kind cash, then `tender.paid` at once, the KHQR columns null), for
 * the tests of voids before that writer exists on this branch. It never covers the sale.
 */
import type { Currency } from '../../src/shared/contract.ts';
import type { Db } from '../../src/host/ledger/database.ts';
import { append } from '../../src/host/ledger/journal/journal.ts';

export function tenderCash(db: Db, saleId: number, currency: Currency, amount: number, at: number): number {
  return db.transaction(() => {
    const { lastInsertRowid } = db.prepare(`INSERT INTO tenders (sale_id, kind, currency, amount, status, created_at, updated_at, paid_at)
                                            VALUES (?, 'cash', ?, ?, 'paid', ?, ?, ?)`).run(saleId, currency, amount, at, at, at);
    const tender = Number(lastInsertRowid);
    db.prepare('INSERT INTO tender_events (tender_id, at, from_status, to_status) VALUES (?, ?, NULL, ?)').run(tender, at, 'creating');
    db.prepare('INSERT INTO tender_events (tender_id, at, from_status, to_status) VALUES (?, ?, ?, ?)').run(tender, at, 'creating', 'paid');
    append(db, { type: 'tender.opened', version: 1, payload: { sale: saleId, tender, kind: 'cash', currency, amount, apiBaseUrl: null } }, { actor: 'cashier', at });
    append(db, { type: 'tender.paid', version: 1, payload: { sale: saleId, tender, from: 'creating', late: false, overpaid: false } }, { actor: 'cashier', at });
    return tender;
  })();
}
