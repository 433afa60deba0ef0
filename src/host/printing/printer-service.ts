/**
 * The host's printing desk: owns the one long-lived transport for the printer setting in force,
 * the print queue, and the receipt renderer; answers the cashier's printing commands. A paid sale's
 * receipt job is written in the payment's own transaction (ledger/record-payment.ts); the host's
 * `sale.paid` event, emitted after that commit, is what wakes the queue to print it.
 */
import { RECENT_PRINT_JOBS, type CommandResult, type PrintJobView, type PrinterView, type ReceiptPreview } from '../../shared/contract.ts';
import { PosError } from '../../shared/errors.ts';
import { hostMessage } from '../../shared/messages/index.ts';
import type { Settings } from '../config/settings.ts';
import type { PrintJob, PrintJobs } from '../ledger/print-jobs.ts';
import type { SalesLedger } from '../ledger/sales.ts';
import type { Db } from '../ledger/database.ts';
import { encodeRasterJob } from './escpos/encode.ts';
import { PrintQueue } from './print-queue.ts';
import { receiptForReturn, receiptForSale, testReceipt } from './receipt-data.ts';
import { renderReturnReceipt } from './receipt/return-receipt.ts';
import { Refunds } from '../ledger/refunds.ts';
import { SaleVoids } from '../ledger/sale-voids.ts';
import { actorNames } from '../ledger/users.ts';
import { renderReceipt } from './receipt/layout.ts';
import { renderZReport } from './receipt/z-report.ts';
import { renderRecoveryCode } from './receipt/recovery-code.ts';
import { bitmapToPng } from './receipt/preview.ts';
import { describePrinterSetting } from './printer-description.ts';
import { createTransport } from './transports/create-transport.ts';
import { listUsbPrinters } from './transports/usb-discovery.ts';
import { listWindowsPrinters } from './transports/windows-printers.ts';
import type { Bitmap, PrinterTransport, ReceiptData } from './types.ts';
import { storedZReport } from '../ledger/shifts.ts';
import type { Actor } from '../ledger/journal/events.ts';
import { append } from '../ledger/journal/journal.ts';

export interface PrinterServiceDeps {
  jobs: PrintJobs;
  ledger: SalesLedger;
  /** The ledger, to read a stored Z report for its print (src/host/ledger/shifts.ts). */
  db?: Db;
  settings(): Settings;
  /** This till's code (ledger/journal/till.ts): receipts are numbered `<code>-<sale>`. */
  tillCode: string;
  /** The epoch a sale was opened in (journal.ts saleEpoch); 1 when not given. */
  saleEpoch?: (saleId: number) => number;
  now(): number;
  onChange(): void;
  /** Tests may count retries faster; production uses the queue's backoff. */
  retryDelayMs?: (attempts: number) => number;
  /** Builds a transport for a setting; tests may wrap it (e.g. to fail N times). */
  createTransport?: (setting: string) => PrinterTransport;
  /** The private folder (in the data directory) for Windows print jobs and scripts. */
  spoolDir?: string;
  /** Which printers Settings lists (Windows printers only on win32); defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Lists the installed Windows printers; tests pass a fake. */
  listWindowsPrinters?: typeof listWindowsPrinters;
}

export class PrinterService {
  readonly #deps: PrinterServiceDeps;
  readonly queue: PrintQueue;
  #transport: { setting: string; transport: PrinterTransport; unsubscribe: () => void } | null = null;
  /** Rasters of jobs whose content is never stored (the recovery code), by job id. */
  readonly #privateDocuments = new Map<number, Bitmap>();

  constructor(deps: PrinterServiceDeps) {
    this.#deps = deps;
    this.queue = new PrintQueue({
      jobs: deps.jobs,
      transport: () => this.transport(),
      render: (job) => encodeRasterJob(this.#bitmapFor(job)),
      now: deps.now,
      onChange: deps.onChange,
      retryDelayMs: deps.retryDelayMs,
    });
  }

  start(): void {
    this.queue.start();
  }

  /**
   * A payment was recorded (its receipt job is committed): print it, once the screens have been
   * told (drawing the receipt takes a moment, and the customer is watching the display).
   */
  salePaid(): void {
    setImmediate(() => this.queue.kick());
  }

  /** The printer setting changed: drop the old device handle (after its job) and retry what waits. */
  settingsChanged(): void {
    if (this.#transport && this.#transport.setting !== this.#deps.settings().printer) {
      const old = this.#transport.transport;
      this.#transport.unsubscribe();
      this.#transport = null;
      void old.close().catch(() => undefined);
    }
    this.queue.retryNow();
  }

  reprint(saleId: number): PrintJobView {
    const sale = this.#deps.ledger.get(saleId);
    if (!sale) throw new PosError('not_found', hostMessage('payment.noSale', { saleId }));
    if (sale.status !== 'paid') throw new PosError('not_allowed', hostMessage('payment.noReceipt', { saleId }));
    const job = this.#deps.jobs.add('copy', saleId);
    this.queue.kick();
    this.#deps.onChange();
    return toView(job);
  }

  /** Queues a Z report print (`z_copy`: a reprint, marked COPY) and starts printing. */
  queueZ(kind: 'z' | 'z_copy', shift: number, actor: Actor = 'cashier'): PrintJobView {
    const db = this.#deps.db;
    // A reprint is journaled (`z.reprinted`) with its job, in one transaction: the next Z counts it.
    const add = (): PrintJob => {
      const queued = this.#deps.jobs.addZ(kind, shift);
      if (kind === 'z_copy' && db) append(db, { type: 'z.reprinted', version: 1, payload: { shift, job: queued.id } }, { actor, at: queued.createdAt });
      return queued;
    };
    const job = db ? db.transaction(add)() : add();
    this.queue.kick();
    this.#deps.onChange();
    return toView(job);
  }

  /** The Z report raster exactly as the printer gets it (the original, not the COPY). */
  zBitmap(shift: number, copy = false): Bitmap {
    const db = this.#deps.db;
    const report = db ? storedZReport(db, shift) : null;
    if (!db || !report) throw new PosError('not_found', hostMessage('shift.zNotFound', { shift }));
    const settings = this.#deps.settings();
    return renderZReport({ paperWidth: settings.paperWidth, merchantName: settings.merchantName, report, copy, actorName: actorNames(db) });
  }

  /**
   * Prints the owner's recovery code: a print job like a test page (print_jobs holds its kind, never
   * its content), whose raster is kept in memory only. Were the POS to stop before it printed, the
   * job prints a plain test page and the owner asks for a new code (Settings → Users).
   */
  printRecoveryCode(code: string): PrintJobView {
    const settings = this.#deps.settings();
    const job = this.#deps.jobs.add('test', null);
    this.#privateDocuments.set(job.id, renderRecoveryCode({ paperWidth: settings.paperWidth, merchantName: settings.merchantName, code, at: this.#deps.now() }));
    this.queue.retryNow();
    this.#deps.onChange();
    return toView(job);
  }

  testPrint(): PrintJobView {
    const job = this.#deps.jobs.add('test', null);
    this.queue.retryNow();
    this.#deps.onChange();
    return toView(job);
  }

  /** The same raster the printer gets for the sale's receipt, as a PNG. */
  preview(saleId: number): ReceiptPreview {
    const sale = this.#deps.ledger.get(saleId);
    if (!sale) throw new PosError('not_found', hostMessage('payment.noSale', { saleId }));
    if (sale.status !== 'paid') throw new PosError('not_allowed', hostMessage('payment.noReceipt', { saleId }));
    const bitmap = renderReceipt(receiptForSale(sale, this.#deps.settings(), false, this.#deps.tillCode, this.#deps.saleEpoch?.(sale.id)));
    return { png: `data:image/png;base64,${bitmapToPng(bitmap).toString('base64')}`, width: bitmap.width, height: bitmap.height };
  }

  /** The printers Settings offers: USB ones, and on Windows the installed Windows printers. */
  async list(): Promise<CommandResult<'printer.list'>> {
    const platform = this.#deps.platform ?? process.platform;
    const usb = await listUsbPrinters({ platform });
    for (const line of usb.details) console.warn(`[printer] listing USB printers: ${line}`);
    if (platform !== 'win32' || !this.#deps.spoolDir) return { printers: usb.printers, windowsPrinters: [], problem: usb.problem };
    const windows = await (this.#deps.listWindowsPrinters ?? listWindowsPrinters)({ spoolDir: this.#deps.spoolDir });
    for (const line of windows.details) console.warn(`[printer] listing Windows printers: ${line}`);
    // On Windows the Windows printers are the recommended way: their problem is the one to show.
    return { printers: usb.printers, windowsPrinters: windows.printers, problem: windows.problem ?? usb.problem };
  }

  /** The printer for the cashier screen: a bounded list of jobs, whatever the day's count (see PrinterView.jobs). */
  view(currentSaleId: number | null = null): PrinterView {
    const setting = this.#deps.settings().printer;
    const jobs = this.#deps.jobs.latest(RECENT_PRINT_JOBS);
    if (currentSaleId !== null && !jobs.some((job) => job.saleId === currentSaleId)) {
      const current = this.#deps.jobs.newestForSales([currentSaleId]).get(currentSaleId);
      if (current) jobs.push(current);
    }
    return {
      setting,
      description: describePrinterSetting(setting, this.#deps.platform),
      problem: this.queue.problem,
      jobs: jobs.map(toView),
    };
  }

  /** Each sale's newest receipt or copy, for today's sales list. */
  receiptsFor(saleIds: readonly number[]): Map<number, PrintJobView> {
    return new Map([...this.#deps.jobs.newestForSales(saleIds)].map(([saleId, job]) => [saleId, toView(job)]));
  }

  async stop(): Promise<void> {
    await this.queue.stop();
    await this.#transport?.transport.close().catch(() => undefined);
  }

  /**
   * The one long-lived transport of the printer setting in force (null for `none`): the print queue
   * prints through it, and the cash drawer's kick goes straight through it too (printing/drawer.ts),
   * between two jobs, never queued.
   */
  transport(): PrinterTransport | null {
    const setting = this.#deps.settings().printer;
    if (setting === 'none') return null;
    if (this.#transport?.setting !== setting) {
      const spoolDir = this.#deps.spoolDir;
      const create = this.#deps.createTransport ?? ((s: string) => createTransport(s, { spoolDir }));
      const transport = create(setting);
      // The printer was plugged back in: print what waits now, not after the backoff.
      const unsubscribe = transport.onReconnect?.(() => this.queue.retryNow()) ?? (() => {});
      this.#transport = { setting, transport, unsubscribe };
    }
    return this.#transport.transport;
  }

  /** A refund's or void's receipt raster exactly as the printer gets it. */
  returnBitmap(kind: 'refund' | 'void', id: number): Bitmap {
    const db = this.#deps.db;
    const doc = !db ? null : kind === 'refund'
      ? ((r) => (r ? { kind, refund: r } as const : null))(new Refunds(db).get(id))
      : ((v) => (v ? { kind, void: v } as const : null))(new SaleVoids(db).get(id));
    if (!db || !doc) throw new Error(`${kind} #${id} is not in the ledger`);
    const { saleId, seq } = doc.kind === 'refund' ? doc.refund : doc.void;
    const sale = this.#deps.ledger.get(saleId);
    if (!sale) throw new Error(`sale #${saleId} is not in the ledger`);
    const epoch = (db.prepare('SELECT epoch FROM journal WHERE till_id = (SELECT id FROM till) AND seq = ?').get(seq) as { epoch: number } | undefined)?.epoch ?? 1;
    const data = receiptForReturn(doc, sale.merchantName, this.#deps.settings(), this.#deps.tillCode, { sale: this.#deps.saleEpoch?.(saleId) ?? 1, doc: epoch });
    return renderReturnReceipt(data);
  }

  #bitmapFor(job: PrintJob): Bitmap {
    const privateDocument = this.#privateDocuments.get(job.id);
    if (privateDocument) return privateDocument;
    if ((job.kind === 'z' || job.kind === 'z_copy') && job.shift != null) return this.zBitmap(job.shift, job.kind === 'z_copy');
    if (job.kind === 'refund' && job.refundId != null) return this.returnBitmap('refund', job.refundId);
    if (job.kind === 'void' && job.voidId != null) return this.returnBitmap('void', job.voidId);
    return renderReceipt(this.#receiptFor(job));
  }

  #receiptFor(job: PrintJob): ReceiptData {
    const settings = this.#deps.settings();
    if (job.kind === 'test' || job.saleId === null) return testReceipt(settings, this.#deps.now(), this.#deps.tillCode);
    const sale = this.#deps.ledger.get(job.saleId);
    if (!sale) throw new Error(`sale #${job.saleId} is not in the ledger`);
    return receiptForSale(sale, settings, job.kind === 'copy', this.#deps.tillCode, this.#deps.saleEpoch?.(sale.id));
  }
}

function toView(job: PrintJob): PrintJobView {
  const { nextAttemptAt: _internal, ...view } = job;
  return view;
}
