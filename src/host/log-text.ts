/**
 * Outside text (an API's answer, a QR it sent, a codec message quoting that QR) on its way into the
 * log: printable ASCII only and clipped, so a value holding newlines or control characters cannot
 * forge log lines or flood the log.
 */
export function clip(text: string, max = 200): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?').trim();
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}
