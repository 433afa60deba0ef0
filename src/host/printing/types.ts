/**
 * Shapes shared by the printing parts: the receipt's content, the 1-bit raster it becomes, and the
 * small interface every printer transport (USB, file, none) implements. Khmer cannot be printed as
 * text on ESC/POS printers (no code page has it), so every receipt travels as a raster image.
 */

import type { ErrorCode } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage, type HostMessage, type HostMessageCode, type MessageParams } from '../../shared/messages/index.ts';

export type PaperWidth = 58 | 80;

/** Printable dots across the paper at 203 dpi. */
export const PAPER_DOTS: Record<PaperWidth, number> = { 58: 384, 80: 576 };

/** A 1-bit image: rows packed MSB-first, `bytesPerRow = width / 8` (width is a multiple of 8), 1 = black dot. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Everything a receipt shows; built by the host from the sale and the settings in force. */
export interface ReceiptData {
  paperWidth: PaperWidth;
  /** Khmer or Latin; printed large at the top. */
  merchantName: string;
  /** Owner's extra lines under the name (address, phone, VAT number), Khmer or Latin. */
  headerLines: string[];
  /** e.g. "Thank you! · អរគុណ!" */
  footerLines: string[];
  saleId: number;
  /** `<till code>-<sale number>` (e.g. K7QX2M-12, or K7QX2M-2-12 after a restore): unique across the shop's tills (docs/journal.md, "The till"). */
  receiptNumber: string;
  /** When the payment was recorded, epoch ms; printed in the host's local time. */
  paidAt: number;
  amountCents: number;
  khrPerUsd: number;
  /** KHR equivalent, already rounded (money.ts centsToRiel). */
  riel: number;
  /** Short payment reference: from the transaction hash when the API gives one, else the md5. */
  reference: string;
  training: boolean;
  /** Reprints say COPY. */
  copy: boolean;
  /** Paid after the QR had expired or been cancelled. */
  paidLate: boolean;
  /**
   * A sale keyed in riel, or paid (partly) in cash: each tender, the change and the rounding line
   * (docs/cash.md). Absent for a dollar sale paid by one KHQR payment, whose receipt is as before.
   */
  payment?: ReceiptPayment;
}

/** How a cash or split sale was paid, as its receipt lists it: amounts in their own currency's minor units. */
export interface ReceiptPayment {
  dueCurrency: 'USD' | 'KHR';
  tenders: Array<{ kind: 'cash' | 'khqr'; currency: 'USD' | 'KHR'; amount: number }>;
  change: { usd: number; khr: number };
  /** Hundredths of a riel, signed (positive: forgone by the shop). */
  roundingExact: number;
}

export type PrinterErrorCode =
  | 'not_configured'
  | 'not_found'
  | 'access_denied'
  | 'driver'
  | 'busy'
  /** The setting `usb` with several USB printers attached: the owner must choose one. */
  | 'ambiguous'
  | 'disconnected'
  | 'io';

/** The command-level category of each printer problem (printer problems mostly reach screens as queue state). */
const CATEGORY: Record<PrinterErrorCode, ErrorCode> = {
  not_configured: 'not_configured',
  ambiguous: 'not_configured',
  access_denied: 'not_configured',
  driver: 'not_configured',
  not_found: 'not_found',
  disconnected: 'not_found',
  busy: 'internal',
  io: 'internal',
};

/**
 * A printer problem: `reason` is what the queue and transports branch on, `text` the catalog message
 * (src/shared/messages/printer.ts) the cashier reads in their language. `detail` is for the log only:
 * libusb's and the system's codes, names a device reported, anything not made by the POS.
 */
export class PrinterError extends PosError {
  override name = 'PrinterError';
  readonly reason: PrinterErrorCode;
  readonly detail: string | null;

  constructor(reason: PrinterErrorCode, code: HostMessageCode, params?: MessageParams, options: { detail?: string | null; cause?: unknown } = {}) {
    super(CATEGORY[reason], hostMessage(code, params), options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.detail = options.detail ?? null;
  }
}

/** For the log: the English message and, when there is one, the detail the screen never shows. */
export function logText(error: PrinterError): string {
  return error.detail ? `${error.message} [${error.detail}]` : error.message;
}

/**
 * What a transport knows once a job is handed over. USB and file transports know the bytes arrived
 * (they resolve with nothing: printed). A Windows printer queue may only say it took the job:
 * `spooled`, with a note for the cashier, and `attention` when Windows reports the printer needs it.
 */
export type PrintOutcome = { state: 'printed' } | { state: 'spooled'; note: HostMessage; attention: boolean };

/**
 * What the bytes handed to a transport are: a print job of the queue (its id), or a drawer kick
 * (printing/drawer.ts), which never is a job: sent once, straight to the printer, never retried.
 */
export type PrintMeta = { jobId: number } | { drawerKick: true };

/** Where print jobs go. One long-lived instance per configured printer. */
export interface PrinterTransport {
  /** e.g. "USB printer 0416:5011 (POS58)", "file:/var/pos/prints", "no printer". */
  readonly description: string;
  /**
   * Sends one job's bytes and resolves only when all of them were handed over (USB: every bulk
   * transfer completed; file: written and flushed). Throws PrinterError.
   */
  print(job: Uint8Array, meta: PrintMeta): Promise<PrintOutcome | void>;
  /** Releases the device; waits for any transfer in progress first. */
  close(): Promise<void>;
  /**
   * Transports that can tell when their printer comes back (USB: plugged in) call `listener` then,
   * so waiting jobs are retried at once rather than after the queue's backoff. Returns the unsubscribe.
   */
  onReconnect?(listener: () => void): () => void;
}
