/**
 * Schema version 5: the account a sale's QR actually pays (KHQR tag 29/30.00), recorded when the QR
 * is verified. It is the shop's own Bakong ID or one of the owner's allowed accounts; the watcher
 * checks the payment with it, and money paid to any account but the shop's own is counted apart
 * from the takings. Final once set, like the QR itself.
 *
 * Sales recorded before this version get it from their stored QR when it has the usual layout
 * (payload format, point of initiation, then the 29/30 template with its 00 first); otherwise the
 * shop's ID, which is what older versions checked with.
 */
export const version = 5;
export const name = 'receiving-account';

export const sql = `
ALTER TABLE sales ADD COLUMN pay_to TEXT;

UPDATE sales SET pay_to = CASE
    WHEN substr(khqr_string, 13, 2) IN ('29', '30') AND substr(khqr_string, 17, 2) = '00'
      AND CAST(substr(khqr_string, 19, 2) AS INTEGER) > 0
    THEN substr(khqr_string, 21, CAST(substr(khqr_string, 19, 2) AS INTEGER))
    ELSE bakong_id
  END
  WHERE khqr_string IS NOT NULL;

CREATE TRIGGER sales_pay_to_is_final BEFORE UPDATE OF pay_to ON sales
  WHEN OLD.pay_to IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'the account a sale''s QR pays cannot change once recorded');
END;
`;
