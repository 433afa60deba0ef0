/**
 * Schema version 19: how a sale was settled (docs/ledger.md, "Sales and tenders"; docs/cash.md).
 *
 * A sale paid in cash may give change, in dollars and in riel, and the 100 ៛ rounding leaves a
 * rounding line, so that tenders − change + rounding = total holds in the common unit (a hundredth of
 * a riel: cents × rate = riel × 100). Both are facts of the completion, journaled in `sale.completed`
 * v2, and stored on the sale itself: `change_usd` (cents), `change_khr` (whole riel, 100 ៛ notes) and
 * `rounding_exact` (signed, in hundredths of a riel; at least −50 ៛ and under +50 ៛). Columns of the
 * sale rather than a table of their own: there is one change and one rounding per sale, and the
 * verifier compares them with the other folded columns of `sales`.
 *
 * They are 0 until the sale completes, are set by the update that completes it, and never change
 * after (the completed-sale guard of version 17 lists its columns, so a trigger of their own).
 */
export const version = 19;
export const name = 'sale-settlement';

export const sql = `
ALTER TABLE sales ADD COLUMN change_usd INTEGER NOT NULL DEFAULT 0 CHECK (change_usd >= 0);
ALTER TABLE sales ADD COLUMN change_khr INTEGER NOT NULL DEFAULT 0 CHECK (change_khr >= 0 AND change_khr % 100 = 0);
ALTER TABLE sales ADD COLUMN rounding_exact INTEGER NOT NULL DEFAULT 0 CHECK (rounding_exact >= -5000 AND rounding_exact < 5000);

CREATE TRIGGER sales_settlement_is_final BEFORE UPDATE ON sales
  WHEN (NEW.change_usd IS NOT OLD.change_usd
        OR NEW.change_khr IS NOT OLD.change_khr
        OR NEW.rounding_exact IS NOT OLD.rounding_exact)
    AND NOT (OLD.status = 'open' AND NEW.status = 'completed')
BEGIN
  SELECT RAISE(ABORT, 'a sale''s change and rounding cannot change, except as the update that completes it sets them');
END;
`;
