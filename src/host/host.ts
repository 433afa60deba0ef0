/**
 * The host: everything the POS does besides drawing screens — configuration, the Bakong API client,
 * the payment watcher and the ledger — as plain Node modules. It never imports `electron`; the
 * Electron main process and the web-mode server both create one with `createHost` and only carry
 * its commands and state to the screens. Training mode's payment API is passed in by the launcher
 * (HostOptions.training), so the host never imports the sandbox.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { ApprovalInput, CashierState, CommandArgs, DrawerCount, DrawerKickResult, PrintJobView, DisplayState, SalesPage, SettingsInput, SettingsView, ShiftReport, ZReportSummary } from '../shared/contract.ts';
import type { CashCurrency, CashMovementKind } from '../shared/rules/cash.ts';
import type { DrawerCountInput } from '../shared/rules/count.ts';
import { blindUntilCounted } from './reports/close-report.ts';
import { preparePrivateDataDir, tightenDataDir } from './data-dir.ts';
import { warmUpFetch } from './api/warm-up.ts';
import { createHttpBakongApi, type BakongApi, type FetchLike } from './api/bakong-client.ts';
import type { TrainingMode, TrainingModeFactory } from './api/training-mode.ts';
import { readEnv } from './config/env.ts';
import { SettingsStore, TRAINING_BAKONG_ID, type Settings } from './config/settings.ts';
import { openLedger, type Db } from './ledger/database.ts';
import { Integrity, verifyFromLastZ, type StartCheck } from './ledger/integrity.ts';
import { lockDataDir } from './ledger/instance-lock.ts';
import { readTill } from './ledger/journal/till.ts';
import { saleEpoch } from './ledger/journal/journal.ts';
import { Alerts } from './ledger/alerts.ts';
import { CashMovements } from './ledger/cash-movements.ts';
import type { Actor } from './ledger/journal/events.ts';
import { ExportFiles } from './export/export-files.ts';
import { DailyBackups, type DailyBackupsOptions } from './ledger/daily-backups.ts';
import { BackupHealth } from './ledger/backup-health.ts';
import { PrintJobs } from './ledger/print-jobs.ts';
import { recordCashTender, recordPayment } from './ledger/record-payment.ts';
import { SalesLedger, type StoredSale } from './ledger/sales.ts';
import { Shifts, type Shift } from './ledger/shifts.ts';
import { PosError } from '../shared/errors.ts';
import { hostMessage } from '../shared/messages/index.ts';
import { ledgerWriteHealth } from './ledger/write-health.ts';
import { HostEvents } from './events.ts';
import { PaymentError, PaymentService } from './payments/payment-service.ts';
import { PrinterService, type PrinterServiceDeps } from './printing/printer-service.ts';
import { CashDrawer } from './printing/drawer.ts';
import { parsePrinterSetting } from './printing/transports/printer-setting.ts';
import { registerReceiptFonts } from './printing/receipt/fonts.ts';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './payments/poll-policy.ts';
import { createHostSync, type HostSync, type HostSyncOptions } from './sync/host-sync.ts';
import { fileSecretStore, type SecretStore } from './sync/secret-store.ts';
import { buildCashierState, buildDisplayState, buildSalesPage } from './views.ts';
import { Returns, type Approval } from './returns.ts';
import { APPROVER_ROLES, type ApproverRole } from '../shared/rules/refund.ts';
import { userActor } from './ledger/journal/events.ts';
import { Auth } from './auth/auth.ts';
import { CredentialsStore } from './auth/credentials.ts';
import type { ScryptParams } from './auth/pin.ts';
import { Users } from './ledger/users.ts';

export interface HostOptions {
  /**
   * Training mode (no API URL set): the payment API trainees pay through, and "simulate payment".
   * Launchers pass `trainingMode()` from src/sandbox/training.ts.
   */
  training: TrainingModeFactory;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Used when POS_DATA_DIR is not set (Electron passes its userData folder). */
  fallbackDataDir?: string;
  now?: () => number;
  /** For the live API; tests may route it, production uses global fetch. */
  fetch?: FetchLike;
  policy?: PollPolicy;
  /** Where bundled resources live (fonts/); the packaged Electron app passes its resources path. */
  resourcesDir?: string;
  /** Tests: build printer transports differently (e.g. one that fails N times). */
  createTransport?: PrinterServiceDeps['createTransport'];
  /** Tests: a faster print retry schedule. */
  printRetryDelayMs?: (attempts: number) => number;
  /**
   * The automatic backups (POS_DATA_DIR/backups): on unless `false`. Tests inject the free-space
   * reader, the 24-hour timer and the copy's step size.
   */
  backups?: false | Pick<DailyBackupsOptions, 'freeBytes' | 'setTimer' | 'clearTimer' | 'pagesPerStep' | 'log'>;
  /**
   * Where secrets kept outside the ledger live (the back office's token for this till), given the
   * data directory: Electron passes its safeStorage store (electron/secret-store.ts); by default
   * private files under POS_DATA_DIR/secrets (web mode).
   */
  secrets?: (dataDir: string) => SecretStore;
  /** Tests: the sync worker's timers, fetch and jitter (src/host/sync/). */
  sync?: HostSyncOptions;
  /** Tests only: cheaper scrypt parameters for PINs (production always uses DEFAULT_SCRYPT). */
  scrypt?: ScryptParams;
}

export type HostListener = () => void;

export interface Host {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly payments: PaymentService;
  readonly ledger: SalesLedger;
  /** The cashier's alerts (their table's only writer). */
  readonly alerts: Alerts;
  /** What happened, announced after commit (e.g. `sale.paid`, which wakes the print queue). */
  readonly events: HostEvents;
  readonly printing: PrinterService;
  /**
   * The automatic backups: daily (at start when the newest is older than 24 h, then every 24 h) and
   * `backups.runNow('close')` at a shift close. One at a time; never throws (outcomes are logged).
   */
  readonly backups: DailyBackups;
  /**
   * Shifts and their X/Z reports (src/host/ledger/shifts.ts). `close` stores the Z, starts the
   * close's backup and tells the screens. Owner-only gating comes with issue 9.
   */
  readonly shifts: HostShifts;
  /** Exports asked for from the screens, in POS_DATA_DIR/exports, each on its own read-only connection. */
  readonly exports: ExportFiles;
  /** The cash drawer and the shift's cash: float, paid-in, paid-out, safe drops (ledger/cash-movements.ts, printing/drawer.ts). */
  readonly cash: HostCash;
  /** The sync with the back office (src/host/sync/): its state in words, pairing, "try now". */
  readonly sync: HostSync;
  /** Voids and refunds: the Refund screen's search, a refund, a void (src/host/returns.ts). */
  readonly returns: Returns;
  /**
   * The PIN approval of a void or refund: the chosen user's PIN, checked like a sign-in (wrong ones
   * slow down), and their role among APPROVER_ROLES (`host.auth.approve`). Returns the approver as a
   * journal actor (`user:<uuid>`) and their role; refused in words otherwise.
   */
  approve(input: ApprovalInput): Promise<Approval>;
  /** The ledger's SQLite connection, for diagnostics and tests (e.g. simulating a full disk). */
  readonly db: Db;
  /** Training mode, as the launcher built it. */
  readonly training: TrainingMode;
  /** The users, the signed-in one, PINs and approvals (src/host/auth/auth.ts). */
  readonly auth: Auth;
  /** Saves the hosted API's key in the credentials file ('' removes it); refused while POS_BAKONG_API_KEY is set. */
  setApiKey(key: string): SettingsView;
  /** Prints the current recovery code (checked against its hash first) on the receipt printer. */
  printRecoveryCode(code: string): Promise<PrintJobView>;
  cashierState(): CashierState;
  /** One page of today's sales list (the `sales.page` command, arguments already checked). */
  salesPage(query: CommandArgs<'sales.page'>): SalesPage;
  displayState(): DisplayState;
  saveSettings(input: SettingsInput): SettingsView;
  simulatePayment(saleId: number): void;
  /**
   * A cash tender (the `cash.tender` command, arguments checked): on the sale on the screens or a new
   * one; journaled with the sale's completion, change and rounding when it covers it (and its receipt
   * queued), then — only when it covered the sale — the drawer kicked once (never for a training sale),
   * then the screens told. A partial tender does not open the drawer (the notes go in when the sale is
   * covered), so a small "tender" cannot open it without an approval. A repeat of an attempt already
   * recorded answers with the sale as it stands: nothing written, printed or kicked. Refused until the
   * shift's float is entered (not in training), and for a new sale while another is partly paid.
   */
  tenderCash(input: CommandArgs<'cash.tender'>): Promise<{ sale: StoredSale; drawer: DrawerKickResult | null }>;
  /** Acknowledges the ledger's integrity warning (journaled); false when there is none. */
  acknowledgeIntegrity(): boolean;
  /** The start check of the ledger (integrity.ts), run after the host is up; resolves when it has run. */
  readonly integrityChecked: Promise<StartCheck>;
  /** Acknowledges a cashier alert; false when there is no such open alert. */
  dismissAlert(id: number): boolean;
  /** Called after every change the screens should show (already committed). Returns an unsubscribe. */
  subscribe(listener: HostListener): () => void;
  close(): Promise<void>;
}

export interface HostCash {
  /** The shift's float in both currencies, once (opens a shift when none is open). */
  setFloat(input: { usdCents: number; riel: number }, by?: { actor: Actor }): void;
  /** A paid-in, paid-out or safe drop with its reason; refused (`cash.floatFirst`) until the float is entered. */
  record(input: { kind: CashMovementKind; currency: CashCurrency; amount: number; reason: string }, by?: { actor: Actor }): void;
  /** The open shift has no float yet (or no shift is open): the screens ask for it before the first cash event. */
  needsFloat(): boolean;
  /**
   * "Open drawer" without a sale: journaled first (`drawer.opened`, reason no_sale, the actor and the
   * approver), then kicked once; never in training mode, not journaled when no drawer is set up.
   * `approver` is the owner or manager whose PIN the `drawer.open` command checked (host.approve).
   */
  openDrawerNoSale(by: { actor: Actor; approver: Actor }): Promise<DrawerKickResult>;
  /**
   * For the cash-tender flow: call after the cash tender of `saleId` is committed. Kicks once (not
   * for a training sale); a failure is shown to the cashier and logged, and changes nothing else.
   */
  openForCashTender(saleId: number): Promise<DrawerKickResult>;
  /** The cashier closed the "drawer did not open" warning. */
  dismissDrawerProblem(): void;
}

export interface HostShifts {
  /** The open shift, or null. */
  current(): Shift | null;
  xReport(): ShiftReport;
  /** The blind count of the drawer (journaled before the answer gives the expected figure), by the signed-in user. */
  count(input: DrawerCountInput, by?: { actor: Actor }): DrawerCount;
  /** Refused (ShiftRefused) when no shift is open, or while a QR is watched unless `carryOver`. */
  close(options?: { carryOver?: boolean; actor?: Actor }): ShiftReport;
  zReports(): ZReportSummary[];
  zReport(shift: number): ShiftReport | null;
  /** Prints stored Z report `n` again, marked COPY; not_found when there is none. */
  reprintZ(shift: number): PrintJobView;
}

export function createHost(options: HostOptions): Host {
  const env = readEnv(options.env ?? process.env, options.fallbackDataDir);
  const now = options.now ?? Date.now;
  if (options.resourcesDir) registerReceiptFonts(join(options.resourcesDir, 'fonts'));
  // Owner-only: a umask of 077 for all written from now on, a new folder 0700 (older files: below).
  preparePrivateDataDir(env.dataDir);
  const unlock = lockDataDir(env.dataDir);
  let db: Db;
  let training: TrainingMode;
  try {
    db = openLedger(env.dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    // After the lock: training keeps its state in the data directory too.
    training = options.training({ dataDir: env.dataDir, now });
  } catch (error) {
    db.close();
    unlock();
    throw error;
  }
  let credentials: CredentialsStore;
  try {
    credentials = new CredentialsStore(env.dataDir);
  } catch (error) {
    db.close();
    unlock();
    throw error;
  }
  // POS_BAKONG_API_KEY, when set, wins over the key saved in Settings.
  const apiKey = (): string | null => env.apiKey ?? credentials.apiKey();
  const settings = new SettingsStore(db, env.overrides, { set: () => apiKey() !== null, fromEnv: env.apiKey !== null });
  // What an older version left readable by others: the POS's own files (and a file: printer folder
  // inside the data directory), never anything else kept in a folder named by POS_DATA_DIR.
  tightenDataDir(env.dataDir, {
    ownFolders: printerFolder(settings.current().printer),
    dedicated: !(options.env ?? process.env).POS_DATA_DIR?.trim(),
  });
  const ledger = new SalesLedger(db, now);
  const alerts = new Alerts(db, now);
  const printJobs = new PrintJobs(db, now);
  const events = new HostEvents();
  const listeners = new Set<HostListener>();
  const apis = new Map<string, BakongApi>();

  // Several commits in one turn of the event loop reach the screens as one update.
  let notifyQueued = false;
  let sync: HostSync | null = null;
  const notify = (): void => {
    if (notifyQueued) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      // New journal rows go to the back office soon (off the selling path: the worker's own turn).
      sync?.ledgerChanged();
      for (const listener of listeners) listener();
    });
  };

  const isTraining = (s: Settings): boolean => s.apiBaseUrl === '';

  // Any write to the ledger that fails (or works again) is told on every tab, whoever wrote it.
  const writeHealth = ledgerWriteHealth(db);
  writeHealth.onChange(notify);

  // Today's sales list changes only when the ledger is written (a sale or a print job), and every
  // write goes through this one connection: SQLite's count of rows it changed is the list's
  // revision. It restarts at each start, so a random offset keeps a screen that outlived a restart
  // from taking the new count for the one it already has.
  const revisionBase = randomInt(1, 2 ** 20) * 2 ** 32;
  const changeCount = db.prepare('SELECT total_changes()').pluck();
  const salesRevision = (): number => revisionBase + (changeCount.get() as number) - ledger.uncountedChanges();

  function api(baseUrl: string): BakongApi {
    if (baseUrl === '') return training.api;
    const key = apiKey();
    // One client per URL and key: a key saved in Settings is used from the next request on.
    const cacheKey = `${baseUrl}\n${key ?? ''}`;
    let client = apis.get(cacheKey);
    if (!client) {
      client = createHttpBakongApi({ baseUrl, fetch: options.fetch, apiKey: key });
      apis.set(cacheKey, client);
    }
    return client;
  }

  const payments = new PaymentService({
    ledger,
    now,
    api,
    // The late-payment grace period is the owner's setting unless a test fixes the whole policy.
    policy: options.policy ?? {
      ...DEFAULT_POLL_POLICY,
      get graceMs() {
        return settings.current().graceMinutes * 60_000;
      },
    },
    onChange: notify,
    recordPayment: (tenderId, detail, allowedFrom) => {
      const paid = recordPayment({ db, sales: ledger, printJobs, alerts }, tenderId, detail, allowedFrom);
      // Committed: now it may be announced (never from inside the transaction).
      if (paid) events.emit('sale.paid', paid);
      return paid;
    },
    context: () => {
      const s = settings.current();
      const training = isTraining(s);
      return {
        training,
        merchantName: s.merchantName,
        // Never the shop's real account in training: a real banking app could pay a training QR.
        bakongId: training ? TRAINING_BAKONG_ID : s.bakongId,
        khrPerUsd: s.khrPerUsd,
        allowedAccounts: s.allowedAccounts,
        apiBaseUrl: s.apiBaseUrl,
      };
    },
  });
  const printing = new PrinterService({
    jobs: printJobs,
    ledger,
    db,
    settings: () => settings.current(),
    // openLedger made the till (its identity is written once, with the journal's first row).
    tillCode: readTill(db)!.code,
    saleEpoch: (saleId) => saleEpoch(db, saleId),
    now,
    onChange: notify,
    retryDelayMs: options.printRetryDelayMs,
    createTransport: options.createTransport,
    spoolDir: join(env.dataDir, 'print-spool'),
  });
  // What a committed payment sets going; the screens hear of it through onChange, like any change.
  events.on('sale.paid', () => printing.salePaid());
  // A split sale's cash waited in the cashier's hand: its KHQR payment covering the sale opens the
  // drawer for it (a cash tender that covers a sale opens it itself, in tenderCash).
  events.on('sale.paid', ({ sale, tender, completed }) => {
    if (completed && tender.kind === 'khqr' && sale.tenders.some((t) => t.kind === 'cash' && t.status === 'paid')) {
      void cash.openForCashTender(sale.id).then(notify, (error: unknown) => console.error(`[host] the drawer kick for sale #${sale.id} failed: ${String(error)}`));
    }
  });
  events.on('sale.paid', ({ sale, tender, overpaid }) => {
    if (overpaid) console.warn(`[host] sale #${sale.id} was already covered when tender #${tender.id} was paid; recorded as an overpayment`);
    else if (tender.paidLate) console.warn(`[host] sale #${sale.id} was paid after its QR had ended; recorded as paid`);
  });
  const backups = new DailyBackups({
    ...(options.backups || {}),
    db,
    dataDir: env.dataDir,
    tillCode: readTill(db)!.code,
    now,
    kept: () => settings.current().backupsKept,
    // A backup not made is journaled and shown to the owner until one is (never blocking a sale or a close).
    onOutcome: (outcome) => {
      if (backupHealth.record(outcome)) notify();
    },
  });
  const backupHealth = new BackupHealth(db, now, backups.list()[0]?.at ?? null);
  payments.resume();
  printing.start();
  if (options.backups !== false) void backups.start(backupHealth.outstanding);
  warmUpFetch();

  // The start check, off the selling path: after the host is up, in small steps (integrity.ts says
  // why and what was measured). Selling goes on whatever it finds.
  const integrity = new Integrity(db, now);
  let closed = false;
  const integrityChecked = verifyFromLastZ(db, {
    pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
    stopped: () => closed,
  }).then((check) => {
    if (closed) return check;
    reportIntegrity(check);
    try {
      if (integrity.record(check)) notify();
    } catch (error) {
      console.error(`[ledger] could not journal the failed start check: ${(error as Error).message}`);
    }
    return check;
  });

  // Exports not handed over within a day (and those of earlier runs) do not pile up.
  const exports = new ExportFiles(env.dataDir, now);
  exports.prune();
  const drawer = new CashDrawer({ settings: () => settings.current(), transport: () => printing.transport(), now, onChange: notify });
  const cashMovements = new CashMovements(db, now);
  const cash: HostCash = {
    setFloat: (input, by = { actor: 'cashier' }) => {
      cashMovements.setFloat(input, { actor: by.actor, training: isTraining(settings.current()) });
      notify();
    },
    record: (input, by = { actor: 'cashier' }) => {
      cashMovements.record(input, { actor: by.actor, training: isTraining(settings.current()) });
      notify();
    },
    needsFloat: () => cashMovements.needsFloat(),
    openDrawerNoSale: async (by) => {
      const s = settings.current();
      const training = isTraining(s);
      // Nothing to open electronically (training, or no drawer): nothing to journal either.
      if (training || !s.drawerEnabled) return drawer.kick('no sale', training);
      cashMovements.journalNoSaleOpen(by);
      notify();
      return drawer.kick('no sale', false);
    },
    openForCashTender: async (saleId) => {
      const sale = ledger.get(saleId);
      if (!sale) throw new PosError('not_found', hostMessage('drawer.noSuchSale', { saleId }));
      // The sale's own mode, not the till's now: a training sale never opens the drawer.
      return drawer.kick(`cash tender of sale ${saleId}`, sale.training);
    },
    dismissDrawerProblem: () => drawer.dismissProblem(),
  };

  // The journal's rows to the back office, when paired: after start, on its own read-only connection.
  sync = createHostSync({
    db,
    dataDir: env.dataDir,
    secrets: (options.secrets ?? fileSecretStore)(env.dataDir),
    now,
    changes: () => changeCount.get() as number,
    onChange: notify,
    options: options.sync,
  });
  const hostSync = sync;
  const returns = new Returns({
    db,
    now,
    printJobs,
    tillCode: readTill(db)!.code,
    training: () => isTraining(settings.current()),
    kick: (why, inTraining) => drawer.kick(why, inTraining),
    printQueued: () => printing.queue.kick(),
    onChange: notify,
  });

  const shiftLedger = new Shifts(db, now, printJobs);
  const shifts: HostShifts = {
    current: () => shiftLedger.current(),
    // Blind until counted: the X the screens get holds no expected figure before the shift's drawer count.
    xReport: () => blindUntilCounted(shiftLedger.xReport()),
    count: (input, by = { actor: 'cashier' }) => {
      const counted = shiftLedger.count(input, by.actor);
      notify();
      return counted;
    },
    close: (closeOptions = {}) => {
      const z = shiftLedger.close({ carryOver: closeOptions.carryOver === true, actor: closeOptions.actor ?? 'cashier' });
      // Off the selling path: the backup copies a few pages per step and never throws.
      if (options.backups !== false) void backups.runNow('close');
      // Its Z print was queued in the close's transaction: print it now.
      printing.queue.kick();
      notify();
      return z;
    },
    zReports: () => shiftLedger.zReports(),
    zReport: (n) => shiftLedger.zReport(n),
    reprintZ: (n) => {
      if (!shiftLedger.zReport(n)) throw new PosError('not_found', hostMessage('shift.zNotFound', { shift: n }));
      const job = printing.queueZ('z_copy', n);
      notify();
      return job;
    },
  };

  const auth = new Auth({
    users: new Users(db, now),
    credentials,
    now,
    scrypt: options.scrypt,
    onChange: notify,
  });
  // The environment's overrides, journaled when they differ from the last start's (the X/Z flag them).
  try {
    settings.journalOverrides(now());
  } catch (error) {
    console.error(`[ledger] could not journal the environment's overrides: ${(error as Error).message}`);
  }

  return {
    dataDir: env.dataDir,
    settings,
    auth,
    payments,
    ledger,
    alerts,
    events,
    printing,
    backups,
    shifts,
    exports,
    cash,
    sync: hostSync,
    returns,
    approve: async ({ userId, pin }) => {
      const approver = await auth.approve(userId, pin, APPROVER_ROLES);
      return { approver: userActor(approver.id), role: approver.role as ApproverRole };
    },
    db,
    training,
    cashierState() {
      const s = settings.current();
      const current = payments.current();
      return buildCashierState({
        settings: s,
        training: isTraining(s),
        ledger,
        alerts: alerts.open(),
        current,
        watch: current ? payments.watcher.view(current.tenderId) : null,
        ledgerUnwritable: writeHealth.unwritable,
        printer: printing.view(current?.id ?? null),
        salesRevision: salesRevision(),
        integrity: integrity.state(),
        backup: backupHealth.state(),
        drawer: drawer.problem,
        sync: hostSync.view(),
        auth: auth.state(),
        now: now(),
      });
    },
    salesPage(query) {
      return buildSalesPage({ ledger, receiptsFor: (ids) => printing.receiptsFor(ids), query, now: now() });
    },
    displayState() {
      const s = settings.current();
      const current = payments.current();
      const watching = current !== null && payments.watcher.isWatching(current.tenderId);
      return buildDisplayState({ settings: s, training: isTraining(s), current, watching, now: now() });
    },
    saveSettings(input) {
      const urlBefore = settings.current().apiBaseUrl;
      settings.save(input);
      // A key belongs to its API: a new URL must not receive the old one's key.
      if (settings.current().apiBaseUrl !== urlBefore) credentials.setApiKey(null);
      printing.settingsChanged();
      notify();
      return settings.view();
    },
    async printRecoveryCode(code) {
      if (!(await auth.isRecoveryCode(code))) throw new PosError('not_allowed', hostMessage('auth.wrongRecoveryCode'));
      return printing.printRecoveryCode(code);
    },
    setApiKey(key) {
      if (env.apiKey !== null) throw new PosError('not_allowed', hostMessage('auth.apiKeyFromEnv'));
      credentials.setApiKey(key === '' ? null : key);
      notify();
      return settings.view();
    },
    simulatePayment(saleId) {
      const sale = ledger.get(saleId);
      if (!sale?.md5) throw new PaymentError('not_found', 'payment.noQrToPay', { saleId });
      if (!sale.training) throw new PaymentError('not_allowed', 'payment.trainingOnly');
      try {
        training.simulatePayment(sale.md5);
      } catch (error) {
        console.warn(`[host] the training sandbox would not pay sale #${saleId}: ${(error as Error).message}`);
        throw new PaymentError('not_allowed', 'payment.simulateRefused', { saleId });
      }
      // Let the watcher find it as it would a real payment, without waiting for the next poll.
      void payments.checkNow(saleId).catch(() => undefined);
    },
    async tenderCash(input) {
      // A repeat (the reply to it was lost) is answered as the sale stands, whatever changed since.
      const earlier = payments.repeatOf(input);
      if (earlier) return { sale: earlier.sale, drawer: null };
      if (!isTraining(settings.current()) && cashMovements.needsFloat()) throw new PosError('not_allowed', hostMessage('drawer.floatFirst'));
      const recorded = payments.tenderCash(input, (args) => recordCashTender({ db, sales: ledger, printJobs, alerts }, args));
      if (recorded.repeated) return { sale: recorded.sale, drawer: null };
      // Committed: the receipt it owes may print, and only now may the drawer open — once the sale is covered.
      if (recorded.completed) {
        events.emit('sale.paid', { ...recorded, previousStatus: 'creating', overpaid: false });
      }
      const kicked = recorded.completed ? await cash.openForCashTender(recorded.sale.id) : null;
      notify();
      return { sale: ledger.get(recorded.sale.id)!, drawer: kicked };
    },
    integrityChecked,
    acknowledgeIntegrity() {
      const acknowledged = integrity.acknowledge();
      if (acknowledged) notify();
      return acknowledged;
    },
    dismissAlert(id) {
      const dismissed = alerts.dismiss(id);
      if (dismissed) notify();
      return dismissed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      await integrityChecked;
      listeners.clear();
      events.clear();
      await payments.stop();
      await printing.stop();
      await hostSync.stop();
      // A backup copies from this connection: it ends before the connection does.
      backups.stop();
      await backups.idle();
      db.close();
      unlock();
    },
  };
}

/** The folder a file: printer setting writes into, if that is the setting. */
function printerFolder(setting: string): string[] {
  try {
    const printer = parsePrinterSetting(setting);
    return printer.kind === 'file' ? [printer.dir] : [];
  } catch {
    return [];
  }
}

/**
 * What the start check found, loudly in the log with its details (the screens get catalog words only).
 */
function reportIntegrity(check: StartCheck): void {
  const took = `${check.rowsWalked} journal row(s), ${check.salesCompared} sale(s) in ${check.ms.toFixed(0)} ms`;
  if (check.problems.length === 0) {
    console.log(`[ledger] start check passed: ${took}`);
    return;
  }
  for (const detail of check.details) console.error(`[ledger] WARNING, the ledger may have been tampered with: ${detail}`);
  console.error(`[ledger] start check failed (${took}); the POS keeps selling and shows the owner a warning until acknowledged`);
}
