/** A SaleView for screen-logic tests: a plain $12.50 sale in the given status, fields overridable. */
import type { SaleStatus, SaleView } from '../../src/shared/contract.ts';

export function saleView(status: SaleStatus, extra: Partial<SaleView> = {}): SaleView {
  return {
    id: 7,
    saleStatus: status === 'paid' ? 'completed' : 'open',
    tenderId: 7,
    tenders: [],
    amountCents: 1250,
    amountRiel: 50_000,
    currency: 'USD',
    dueAmount: 1250,
    settlement: { covered: status === 'paid', remaining: status === 'paid' ? { usd: 0, khr: 0 } : { usd: 1250, khr: 50_000 }, change: { usd: 0, khr: 0 }, roundingExact: 0 },
    khrPerUsd: 4000,
    status,
    training: false,
    merchantName: 'Shop',
    bakongId: 'shop@bank',
    receivingAccount: null,
    khqrString: null,
    md5: null,
    createdAt: 0,
    expiresAt: null,
    paidAt: null,
    paidLate: false,
    failureReason: null,
    ...extra,
  };
}
