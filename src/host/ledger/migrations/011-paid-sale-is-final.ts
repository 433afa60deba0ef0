/**
 * Schema version 11: a paid sale never changes again, in any column. Version 1 guarded only its
 * status and paid time; the columns added since (paid_late, failure_code/params, final_check_at, …)
 * and those no trigger guarded (expires_at, api_base_url, updated_at) could still be rewritten, so
 * a paid sale could show a failure reason or hide that it was paid late.
 *
 * The one column the POS writes after a payment is checked_at: the watcher records every answer of
 * the payment service (src/host/ledger/sales.ts markChecked), and an answer can land after the
 * payment was recorded. Every other column is listed below; tests/host/ledger/paid-sale-is-final.test.ts
 * tries each column of the table, so a column added later fails that test until a new version's
 * trigger covers it (or says why the POS may change it after payment).
 */
export const version = 11;
export const name = 'paid-sale-is-final';

export const sql = `
CREATE TRIGGER sales_paid_row_is_final BEFORE UPDATE ON sales
  WHEN OLD.status = 'paid' AND (
    NEW.id IS NOT OLD.id
    OR NEW.amount_cents IS NOT OLD.amount_cents
    OR NEW.currency IS NOT OLD.currency
    OR NEW.khr_per_usd IS NOT OLD.khr_per_usd
    OR NEW.status IS NOT OLD.status
    OR NEW.training IS NOT OLD.training
    OR NEW.merchant_name IS NOT OLD.merchant_name
    OR NEW.bakong_id IS NOT OLD.bakong_id
    OR NEW.api_base_url IS NOT OLD.api_base_url
    OR NEW.md5 IS NOT OLD.md5
    OR NEW.khqr_string IS NOT OLD.khqr_string
    OR NEW.created_at IS NOT OLD.created_at
    OR NEW.updated_at IS NOT OLD.updated_at
    OR NEW.expires_at IS NOT OLD.expires_at
    OR NEW.paid_at IS NOT OLD.paid_at
    OR NEW.failure_reason IS NOT OLD.failure_reason
    OR NEW.paid_late IS NOT OLD.paid_late
    OR NEW.final_check_at IS NOT OLD.final_check_at
    OR NEW.pay_to IS NOT OLD.pay_to
    OR NEW.failure_code IS NOT OLD.failure_code
    OR NEW.failure_params IS NOT OLD.failure_params
  )
BEGIN
  SELECT RAISE(ABORT, 'a paid sale cannot change');
END;
`;
