/**
 * Schema version 6: sales by the time they were paid. The day's totals and today's sales list
 * (created or paid today) are read by page and by SQL aggregate instead of loading the whole day,
 * so they need to find the day's paid sales without scanning the ledger.
 */
export const version = 6;
export const name = 'sales-by-paid-at';

export const sql = `
CREATE INDEX sales_by_paid ON sales (paid_at);
`;
