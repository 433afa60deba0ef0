/**
 * A receipt's number: the till's code and the sale's number, so two tills never print the same one;
 * after a restore (epoch above 1) the epoch the sale was opened in goes between them (`K7QX2M-2-12`),
 * since sale numbers restart from the backup's (docs/journal.md, "Epochs"). Shared: the till prints
 * it, and the till's and the back office's exports carry it.
 */
export function receiptNumber(tillCode: string, saleId: number, epoch = 1): string {
  return epoch > 1 ? `${tillCode}-${epoch}-${saleId}` : `${tillCode}-${saleId}`;
}
