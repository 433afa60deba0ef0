/**
 * The POS's one error family. Every error a person may see is a `PosError` (or a subclass named for
 * its area: PaymentError, PrinterError, BakongApiError…): it carries the contract's error category
 * (`code`, which the screens and command replies branch on) and the catalog message (`text`) that
 * says what happened in words, in either language. `message` is its English text, for logs.
 * Runs everywhere: no Node or DOM APIs.
 */
import type { ErrorCode } from './contract.ts';
import { englishText, type HostMessage } from './messages/index.ts';

export class PosError extends Error {
  override name = 'PosError';
  readonly code: ErrorCode;
  readonly text: HostMessage;

  constructor(code: ErrorCode, text: HostMessage, options?: ErrorOptions) {
    super(englishText(text), options);
    this.code = code;
    this.text = text;
  }
}
