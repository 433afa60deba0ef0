/**
 * A sale read straight from the ledger file as a test (or an accountant's tool) would see it since
 * schema 16: the sale's own columns and its shown tender's (the paid tender that completed it, else
 * its newest), its status as its tenders show it (`paid` once completed). Written independently of
 * the POS's own queries, so a test reading through it checks them.
 */
export const SALE_ROW_SQL = `
  SELECT s.id, CASE WHEN s.status = 'completed' THEN 'paid' ELSE t.status END AS status, s.due_amount AS amount_cents,
         s.khr_per_usd, s.training, s.merchant_name, s.bakong_id, s.created_at, s.completed_at AS paid_at, s.paid_late,
         t.md5, t.khqr_string, t.pay_to, t.failure_code, t.expires_at
  FROM sales s JOIN tenders t ON t.id = (
    SELECT x.id FROM tenders x WHERE x.sale_id = s.id
    ORDER BY CASE WHEN s.status = 'completed' AND x.status = 'paid' AND x.overpaid = 0 THEN 0 ELSE 1 END, x.id DESC LIMIT 1)`;
