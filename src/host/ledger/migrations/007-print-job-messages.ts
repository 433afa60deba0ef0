/**
 * Schema version 7: a print job's last problem is stored as a catalog message (a code from
 * src/shared/messages/printer.ts and its params as JSON), not as English text, so the cashier reads
 * it in their own language and nothing but the POS's own words is ever stored or shown. Problems
 * recorded as text by earlier versions become "a problem recorded by an earlier version".
 */
export const version = 7;
export const name = 'print-job-messages';

export const sql = `
ALTER TABLE print_jobs ADD COLUMN error_code TEXT;
ALTER TABLE print_jobs ADD COLUMN error_params TEXT;
UPDATE print_jobs SET error_code = 'printer.earlierProblem' WHERE last_error IS NOT NULL;
ALTER TABLE print_jobs DROP COLUMN last_error;
`;
