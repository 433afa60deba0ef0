/**
 * The one typed contract between the screens and the host.
 *
 * In Electron it travels over the preloads and IPC; in web mode over HTTP (commands) and
 * Server-Sent Events (pushed state) on 127.0.0.1. Both transports carry exactly these shapes, so a
 * screen cannot tell which one it is talking to. The cashier window may call every command; the
 * customer display only ever receives `DisplayState` (read-only).
 *
 * Runs everywhere: no Node or DOM APIs, types and plain data only.
 */
import type { HostMessage } from './messages/index.ts';
import type { CashCurrency, CashMovementKind } from './rules/cash.ts';
import type { DrawerCountInput } from './rules/count.ts';
import type { DrawerPin } from './rules/drawer.ts';
import type { RefundMethod } from './rules/refund.ts';

/**
 * Lifecycle of one tender (an attempt to pay a sale; a KHQR QR today). `creating` and
 * `awaiting_payment` are a KHQR tender's two pending states: written before the API is asked for a
 * QR, then while its QR waits. The sale itself is open, completed or voided (SaleDocumentStatus).
 * SaleView.status shows a sale by its tenders: `paid` once completed, else its current tender's.
 */
export const SALE_STATUSES = [
  'creating',
  'awaiting_payment',
  'paid',
  'expired',
  'cancelled',
  'failed',
] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly SaleStatus[] = ['paid', 'expired', 'cancelled', 'failed'];

/** A tender's status is one of these (the same lifecycle, named for what it describes). */
export type TenderStatus = SaleStatus;

/** The sale document: open until its paid tenders cover what is due; voided comes with issue 9. */
export type SaleDocumentStatus = 'open' | 'completed' | 'voided';

/** How a tender pays: KHQR now; cash (USD or KHR) is issue 9's, the ledger already admits it. */
export type TenderKind = 'khqr' | 'cash';

/** Money's currency; amounts are integer minor units: USD cents, whole riel. */
export type Currency = 'USD' | 'KHR';

/** How change is given (docs/cash.md): the default split, all in dollars, all in riel, or a keyed split (cents, whole riel). */
export type ChangeChoiceArg = 'default' | 'usd' | 'khr' | { usd: number; khr: number };

/** The `cash.tender` command's arguments: the tender, on the sale `saleId` or a new sale for `due`. */
export type CashTenderArgs = (
  | { saleId: number; tender: { currency: Currency; amount: number }; change?: ChangeChoiceArg }
  | { due: { currency: Currency; amount: number }; tender: { currency: Currency; amount: number }; change?: ChangeChoiceArg }
) & {
  /**
   * The cash screen's id for this press of Take cash (CASH_ATTEMPT: 32 lowercase hex digits, random),
   * kept until the host answers: a repeat of it (the reply was lost) records nothing and answers with
   * the sale as it stands; the same id with another sale or amount is refused.
   */
  attempt: string;
};

/** A cash tender's `attempt` id: 128 random bits as 32 lowercase hex digits. */
export const CASH_ATTEMPT = /^[0-9a-f]{32}$/;

/**
 * A sale's settlement (docs/cash.md): covered once what remains rounds to 0 ៛; what remains in both
 * currencies (cents rounded half up, riel to 100 ៛; 0 once covered); the change given (cents, whole
 * riel; set when the sale completes); the rounding line in hundredths of a riel, signed (positive: the
 * shop forgoes it), so that tenders − change + rounding = total.
 */
export interface SaleSettlementView {
  covered: boolean;
  remaining: { usd: number; khr: number };
  change: { usd: number; khr: number };
  roundingExact: number;
}

/** One attempt to pay a sale, as the cashier's sale details list it. */
export interface TenderView {
  id: number;
  kind: TenderKind;
  currency: Currency;
  /** In the tender's currency's minor units (USD cents, whole riel). */
  amount: number;
  status: TenderStatus;
  createdAt: number;
  paidAt: number | null;
  /** Paid after its QR had expired or been cancelled. */
  paidLate: boolean;
  /** Paid while the sale was already covered: owed back to the customer. */
  overpaid: boolean;
  expiresAt: number | null;
  /** The account a KHQR tender's QR pays (null before the QR is verified, and for cash). */
  receivingAccount: string | null;
  failureReason: HostMessage | null;
  /** The cash screen's attempt id a cash tender answers (`cash.tender` `attempt`); null for KHQR. */
  attempt: string | null;
}

export type Language = 'en' | 'km';

/** Who may do what (README, "Roles"): the owner everything; a manager also closes shifts; a cashier sells. */
export const ROLES = ['owner', 'manager', 'cashier'] as const;
export type Role = (typeof ROLES)[number];

/** A person who uses the till, as the sign-in tiles and the header show them. Never a PIN or its hash. */
export interface UserView {
  id: string;
  /** As typed, any script (Khmer, Latin…). */
  name: string;
  role: Role;
}

/** A user as the owner's user management lists them. */
export interface UserAdminView extends UserView {
  active: boolean;
  /** False when their PIN was lost with the credentials file: the owner sets one (Reset PIN). */
  hasPin: boolean;
}

/** The till's session: one signed-in user for every screen of the till, or none (locked). */
export interface AuthState {
  user: UserView | null;
  /** Who may sign in (active, with a PIN): the sign-in screen's tiles. */
  users: UserView[];
  /** No owner can sign in yet: the screen asks to create the owner before anything else. */
  needsOwner: boolean;
}

/** `auth.createOwner` and `auth.recover`: the owner, signed in, and the new recovery code — shown once, printed, never stored but as a hash. */
export interface OwnerSignedIn {
  user: UserView;
  recoveryCode: string;
}


/**
 * A sale as the screens see it. Money in integer USD cents. Times are epoch milliseconds. The QR
 * fields (khqrString, md5, expiresAt, receivingAccount, failureReason) are its current tender's
 * (`tenderId`: the newest, or the one that completed it); `tenders` lists every attempt.
 */
export interface SaleView {
  id: number;
  /** The document's own status; `status` below is the sale as its tenders show it. */
  saleStatus: SaleDocumentStatus;
  /** The tender whose QR fields these are. */
  tenderId: number;
  tenders: TenderView[];
  /** What is due in dollars: the amount keyed for a dollar sale, a riel sale's cents rounded half up. */
  amountCents: number;
  /** What is due in riel: a dollar sale's riel rounded to 100 ៛, the amount keyed for a riel sale. */
  amountRiel: number;
  /** The currency the sale was keyed in (what is due), and the amount in its minor units (cents or whole riel). */
  currency: Currency;
  dueAmount: number;
  /** How far its tenders pay it, the change given and the rounding line (docs/cash.md). */
  settlement: SaleSettlementView;
  /** Riel per dollar used for this sale's KHR equivalent. */
  khrPerUsd: number;
  status: SaleStatus;
  training: boolean;
  merchantName: string;
  /** The shop's own Bakong ID when the sale was made (the account the QR was asked for). */
  bakongId: string;
  /**
   * The account the verified QR actually pays (tag 29/30.00): bakongId or one of the owner's allowed
   * accounts. Null until the QR is verified.
   */
  receivingAccount: string | null;
  /** The KHQR payload to render as a QR; null until the API answered and the answer was checked. */
  khqrString: string | null;
  md5: string | null;
  createdAt: number;
  expiresAt: number | null;
  paidAt: number | null;
  /** Paid after it had expired or been cancelled (the customer scanned just before). */
  paidLate: boolean;
  /** Why the sale failed, as a catalog message (never the payment service's own words). */
  failureReason: HostMessage | null;
}

/** Live condition of the payment being watched (not stored; derived by the watcher). */
export interface WatchView {
  /** The last check could not reach the API or got an unusable answer. */
  apiUnreachable: boolean;
  /** The last check problem, if any, as a catalog message (never the payment service's own words). */
  lastError: HostMessage | null;
  /**
   * The ledger could not be written (a full disk): a payment may arrive but cannot be saved. Stays
   * set until a write succeeds; lastError then says so.
   */
  cannotSave: boolean;
  lastCheckedAt: number | null;
}

/** Something the cashier must see and acknowledge; kept until dismissed, across restarts. */
export interface CashierAlert {
  id: number;
  /** paid_late: a payment after its QR had ended; overpaid: a payment on a sale already covered (owed back). */
  kind: 'paid_late' | 'overpaid';
  saleId: number;
  amountCents: number;
  /** What the sale was when the payment arrived: 'expired' or 'cancelled'. */
  previousStatus: SaleStatus;
  createdAt: number;
  /** What happened, from the host's message catalog (src/shared/messages/alerts.ts). */
  message: HostMessage;
}

/** `z` / `z_copy`: a shift's Z report, printed at the close / reprinted (PrintJobView.shift). */
export type PrintJobKind = 'receipt' | 'copy' | 'test' | 'z' | 'z_copy' | 'refund' | 'void';
/**
 * queued: waiting to print (or for the printer: see lastError); skipped: no printer is set up;
 * spooled: handed to a Windows printer's queue, which did not confirm it printed (see lastError).
 */
export type PrintJobStatus = 'queued' | 'printing' | 'printed' | 'spooled' | 'failed' | 'skipped';

export interface PrintJobView {
  id: number;
  /** null for a test print and a Z report. */
  saleId: number | null;
  /** The shift of a Z report print (`z`, `z_copy`); absent or null otherwise. */
  shift?: number | null;
  /** The refund or void a `refund` / `void` receipt prints (schema 18); absent or null otherwise. */
  refundId?: number | null;
  voidId?: number | null;
  kind: PrintJobKind;
  status: PrintJobStatus;
  attempts: number;
  /** The POS stopped while this job was printing; it is being printed again (a partial receipt may exist). */
  interrupted: boolean;
  /** Why the last attempt failed (e.g. the printer is unplugged, no permission), as a catalog message. */
  lastError: HostMessage | null;
  createdAt: number;
  printedAt: number | null;
}

export interface PrinterView {
  /** The setting in force: 'none' | 'usb' | 'usb:vvvv:pppp' | 'windows:<name>' | 'file:<dir>'. */
  setting: string;
  /** What it is (a catalog message from the setting), e.g. "USB printer 0416:5011". */
  description: HostMessage;
  /** The printer's last problem (a catalog message), or null when the last job printed (or none was tried). */
  problem: HostMessage | null;
  /**
   * The newest few print jobs (at most RECENT_PRINT_JOBS) and the current sale's newest receipt,
   * newest first: enough to follow a print just asked for. Older sales' receipts come with
   * today's sales list (`sales.page`), so this never grows with the day.
   */
  jobs: PrintJobView[];
}

/** An installed Windows printer (Settings → Printer on a Windows PC). */
export interface WindowsPrinterInfo {
  /** As Windows shows it, e.g. "POS-80C". */
  name: string;
  /** How it is attached, e.g. "USB001", when Windows says and it is plain text. */
  port: string | null;
  /** Windows has it set to "use printer offline". */
  offline: boolean;
  /** The value to store as the printer setting, e.g. 'windows:POS-80C'. */
  setting: string;
}

export interface UsbPrinterInfo {
  vid: string;
  pid: string;
  name: string | null;
  /** The value to store as the printer setting, e.g. 'usb:0416:5011'. */
  setting: string;
}

export interface ReceiptPreview {
  /** data:image/png;base64,… — exactly the raster the printer gets. */
  png: string;
  width: number;
  height: number;
}

/** How many print jobs `PrinterView.jobs` carries at most, besides the current sale's. */
export const RECENT_PRINT_JOBS = 5;

/** One row of today's sales list: the sale, and its newest receipt or copy print job (null if none). */
export interface SaleListItem extends SaleView {
  receipt: PrintJobView | null;
}

/** `sales.page`: how many sales a page holds unless asked, and at most. */
export const SALES_PAGE_SIZE = 30;
export const SALES_PAGE_MAX = 100;

export interface SalesPage {
  /** Sales created or paid today, newest first. */
  sales: SaleListItem[];
  /** Pass as `before` for the next (older) page; null when this page reaches the day's first sale. */
  nextBefore: number | null;
}

/** Real money paid during the day (training sales never count). */
export interface DayTotals {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** Sales completed that day (paid to the shop's own account): each once, however many tenders paid it. */
  paidCount: number;
  /** Their amounts due in dollars (a riel sale's cents at its rate): what was sold, not the notes handed over (change is never takings). */
  paidCents: number;
  /** Their amounts due in riel, each at its own rate. */
  paidRiel: number;
  /** Overpayments that day (tenders paid on a sale already covered, owed back to the customer), apart from the sums above: how many, and their USD cents. */
  overpaidCount: number;
  overpaidCents: number;
  /**
   * Sales paid to an account other than the shop's own Bakong ID (an allowed account): not in the
   * takings above, counted apart so money sent elsewhere is seen.
   */
  otherAccountCount: number;
  otherAccountCents: number;
}

/**
 * The ledger's start check (src/host/ledger/integrity.ts): ok, or what it found not as the POS wrote
 * it, in catalog words, and since when (host time). Stays until acknowledged (`integrity.acknowledge`).
 */
export type IntegrityState = { ok: true } | { ok: false; problems: HostMessage[]; since: number };

/**
 * The POS's own backups (src/host/ledger/backup-health.ts): ok, or the last one that was not made
 * (no free space, or failed), in catalog words, and since when (host time). Shown until a later
 * backup is written; it never blocks a sale or a close.
 */
export type BackupState = { ok: true } | { ok: false; message: HostMessage; since: number };

/**
 * The till's sync with the back office (src/host/sync/, docs/backoffice.md), in words: not paired,
 * up to date, N rows waiting, or the last error (a catalog message, never the back office's text).
 */
export interface SyncView {
  /** The back office's address while paired, else null. */
  url: string | null;
  /** Rows of this till's journal the back office has not acknowledged yet. */
  waiting: number;
  /** The state in one sentence (sync.unpaired / sync.upToDate / sync.waiting / the last error). */
  words: HostMessage;
  /** The last failure, until a push succeeds again. */
  lastError: HostMessage | null;
  /** When the back office last acknowledged rows (host clock), or null. */
  lastSyncedAt: number | null;
}

export interface CashierState {
  mode: 'training' | 'live';
  merchantName: string;
  language: Language;
  khrPerUsd: number;
  /** The sale on screen now (awaiting payment, or the last outcome until the cashier moves on). */
  current: SaleView | null;
  watch: WatchView | null;
  /**
   * The last write to the ledger failed (a full disk) and none has succeeded since — whichever part
   * of the host wrote it: a sale still watched for a late payment, a receipt job, an alert. A
   * payment may arrive but cannot be saved: every tab says so while it lasts.
   */
  ledgerUnwritable: boolean;
  /** Unacknowledged alerts, oldest first. */
  alerts: CashierAlert[];
  printer: PrinterView;
  /**
   * Changes whenever today's sales list may have changed (a sale or a print job was written): the
   * list itself is not pushed, it is fetched by page (`sales.page`) when this changes, so a push
   * stays the same size however long the day.
   */
  salesRevision: number;
  /** The ledger failed its start check: a red warning above every tab until acknowledged. */
  integrity: IntegrityState;
  /** A backup was not made (no free space, or failed): a notice above every tab until one is. */
  backup: BackupState;
  /**
   * The last drawer kick failed (the cashier must open it with the key): the message, the printer's
   * reason, and when. Null once a kick works again or the cashier closes the warning.
   */
  drawer: DrawerProblem | null;
  totals: DayTotals;
  /** The sync with the back office, in words. */
  sync: SyncView;
  /** Who is signed in at this till, and who may sign in. */
  auth: AuthState;
  /** The cashier screen locks itself (auth.lock) after this many minutes without a touch or key; 0 = never. */
  autoLockMinutes: number;
  /** Host clock when this state was made, so screens can correct countdowns for clock skew. */
  serverTime: number;
}

/** The read-only subset the customer display receives. Nothing here is secret or internal. */
export interface DisplayState {
  training: boolean;
  merchantName: string;
  language: Language;
  khrPerUsd: number;
  /**
   * idle: welcome screen; awaiting: show the QR; then the outcome. tendering: cash was handed over
   * and more is due (more cash, or a QR for the rest next); voided: the sale was voided and its cash
   * given back.
   */
  phase: 'idle' | 'preparing' | 'awaiting' | 'tendering' | 'paid' | 'expired' | 'cancelled' | 'failed' | 'voided';
  /** What the sale is, in dollars and in riel (SaleView.amountCents / amountRiel); null when idle. */
  amountCents: number | null;
  amountRiel: number | null;
  /** The currency the sale was keyed in (shown first; the other is "≈"); null when idle. */
  currency: Currency | null;
  /**
   * What the QR on screen asks for, in cents (its KHQR tender's amount: after cash, only what is
   * left — never the sale's total); null when no QR waits.
   */
  qrCents: number | null;
  /** The cash the customer handed over on this sale, what is left to pay, and their change; null when no cash was tendered. */
  cash: DisplayCash | null;
  khqrString: string | null;
  expiresAt: number | null;
  /**
   * Expired or cancelled, but the POS is still checking for a payment made in time (grace period):
   * the customer should be told to wait if they already paid, not to pay again.
   */
  stillChecking: boolean;
  /** When the sale was paid (host clock), so the display can go back to Welcome a few seconds after. */
  paidAt: number | null;
  serverTime: number;
}

/** Cash on the customer display: amounts only, each in its own currency's minor units (cents, whole riel). */
export interface DisplayCash {
  /** Each cash note or sum handed over, in its own currency. */
  tendered: Array<{ currency: Currency; amount: number }>;
  /** Left to pay, in dollars (cents rounded half up) and in riel (to 100 ៛); 0 once covered. */
  remaining: { usd: number; khr: number };
  /** The change given back once the sale is paid (0 and 0 before, or for none). */
  change: { usd: number; khr: number };
}

/** Settings as the screens may see them. Secrets never leave the host; only whether one is set. */
export interface SettingsView {
  merchantName: string;
  bakongId: string;
  /** Empty means training mode against the embedded sandbox. */
  apiBaseUrl: string;
  khrPerUsd: number;
  language: Language;
  /**
   * Receiving accounts other than bakongId that a QR may pay (e.g. a relay's settlement account).
   * Empty unless the owner deliberately adds one.
   */
  allowedAccounts: string[];
  /** Minutes an expired or cancelled QR keeps being checked for a late payment. */
  graceMinutes: number;
  /** 'none' | 'usb' | 'usb:vvvv:pppp' | 'file:<absolute dir>'. */
  printer: string;
  paperWidth: 58 | 80;
  /** Extra lines under the merchant name on receipts (address, phone…), Khmer or Latin. */
  receiptHeader: string[];
  /** Lines at the bottom of receipts. */
  receiptFooter: string[];
  /** How many automatic backups (POS_DATA_DIR/backups) are kept, newest first; 1–365. */
  backupsKept: number;
  /** A cash drawer on the receipt printer's kick-out port opens on a cash tender and on "Open drawer". */
  drawerEnabled: boolean;
  /** The kick-out pin the drawer's cable uses (2, 5, or both). */
  drawerPin: DrawerPin;
  /** The kick pulse: on time and the rest after it, even milliseconds (shared/rules/drawer.ts). */
  drawerPulseOnMs: number;
  drawerPulseOffMs: number;
  /** Minutes without a touch or key before the cashier screen locks itself; 0 = never (the owner's). */
  autoLockMinutes: number;
  /** Fields fixed by an environment variable at start; the Settings screen shows them read-only. */
  lockedByEnv: Array<keyof SettingsInput>;
  /** An API key is set (in Settings or by POS_BAKONG_API_KEY); the key itself never leaves the host. */
  apiKeySet: boolean;
  /** The key comes from POS_BAKONG_API_KEY, which overrides Settings. */
  apiKeyFromEnv: boolean;
}

/** What the Settings screen may change. Every field optional: a patch. */
export interface SettingsInput {
  merchantName?: string;
  bakongId?: string;
  apiBaseUrl?: string;
  khrPerUsd?: number;
  language?: Language;
  allowedAccounts?: string[];
  graceMinutes?: number;
  printer?: string;
  paperWidth?: 58 | 80;
  receiptHeader?: string[];
  receiptFooter?: string[];
  backupsKept?: number;
  drawerEnabled?: boolean;
  drawerPin?: DrawerPin;
  drawerPulseOnMs?: number;
  drawerPulseOffMs?: number;
  autoLockMinutes?: number;
}

/** How a drawer kick went (src/host/printing/drawer.ts): sent once, never queued or retried. */
export interface DrawerKickResult {
  /** sent: handed to the printer; training: never in training; disabled: no drawer set up; failed: open it with the key. */
  outcome: 'sent' | 'training' | 'disabled' | 'failed';
  /** What to tell the cashier (null when sent). */
  message: HostMessage | null;
  /** The printer's own reason a failed kick did not get through (unplugged, no permission…). */
  cause: HostMessage | null;
}

export interface DrawerProblem {
  message: HostMessage;
  cause: HostMessage | null;
  at: number;
}

/** Movements of one kind in one currency: how many, and how much (USD cents or whole riel). */
export interface CashCount {
  count: number;
  amount: number;
}

/** A shift's cash in one currency, in that currency's integer unit (USD cents or whole riel). */
export interface CurrencyCash {
  /** The float entered at the start; null until it is. */
  float: number | null;
  paidIn: CashCount;
  paidOut: CashCount;
  drops: CashCount;
  /** Format 5: cash given back by refunds, and by voids (the cash tendered on a voided sale). */
  refunds?: CashCount;
  voids?: CashCount;
  /** Format 6 on: cash tendered in this currency (sales not in training), and change given in it. */
  cashTenders?: CashCount;
  change?: CashCount;
  /**
   * What should be in the drawer: src/shared/reports/cash-report.ts expectedInDrawer. null in an X report sent
   * to the screens before the shift's drawer is counted: the count is blind (shift-commands).
   */
  expected: number | null;
}

/** One movement as the Shift tab lists it (the reason is the cashier's own text, shown as text). */
export interface CashMovementLine {
  kind: 'float' | CashMovementKind;
  currency: CashCurrency;
  amount: number;
  reason: string | null;
  at: number;
}

/** The cash section of an X/Z report (format 2 on): per currency, and drawer opens without a sale. */
export interface ShiftCash {
  USD: CurrencyCash;
  KHR: CurrencyCash;
  /** "Open drawer" without a sale, journaled in the shift. */
  noSaleOpens: number;
  /** The shift's movements (training ones included, flagged by `training` below), oldest first. */
  movements: CashMovementLine[];
  /** Movements made in training mode: listed apart, never in the drawer's figures. */
  training: number;
}

/** A count and its totals: USD cents, and riel summed at each sale's own rate (integers). */
export interface ShiftMoney {
  count: number;
  cents: number;
  riel: number;
}

/**
 * One line of the takings by tender (ShiftReport format 8): how many sales it is in, its sum in the
 * line's own unit (USD cents for KHQR and cash USD, whole riel for cash KHR, hundredths of a riel for
 * the rounding line; cash is net of the change given in that currency, so it may be below 0), and
 * the same sum in hundredths of a riel at each sale's own rate.
 */
export interface TakingsLine {
  count: number;
  amount: number;
  exact: number;
}

/**
 * An X report (read-only, any time) or a Z report (the close, stored, immutable), computed from the
 * journal rows of the shift's range (src/host/reports/shift-report.ts; docs/journal.md "Shifts and the close").
 */
export interface ShiftReport {
  /**
   * 1: before cash control; 2: with `cash`; 3: with `tenders`, `overpaid`, `unpaid` (sales and tenders);
   * 4: with the blind `count`, takings by receiving account, the account check against the approved
   * Bakong ID and its changes, per-cashier totals and reprints (the close, issue 9). A stored Z keeps
   * the format it was closed with. 5: with `refunds`, `voids` and the cash they gave back.
   * 6: with `change` and `rounding`, and each currency's cash tenders and change in `cash` (cash beside KHQR).
   * 7: with `envOverrides` (issue 9). 8: takings are the completed sales, counted once each at their
   * amount due (`takingsByTender` net of change, `partlyPaid` apart); up to 7 they were the paid tenders.
   */
  format: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  kind: 'X' | 'Z';
  till: { id: string; code: string };
  /** The shift reported; null for an X report while no shift is open (the rows since the last close). */
  shift: number | null;
  /** `<till code>-Z<n>` for a Z report; null for an X. */
  zNumber: string | null;
  /** Asia/Phnom_Penh calendar date when the shift opened (YYYY-MM-DD). */
  businessDate: string | null;
  openedAt: number | null;
  /** The journal actor who opened it: `system`, `user:<uuid>`, or `cashier` (before issue 9). */
  openedBy: string | null;
  openReason: 'first_sale' | 'explicit' | 'late_payment' | null;
  closedAt: number | null;
  /** The journal range reported, both ends included (`fromSeq > toSeq`: nothing journaled yet). */
  fromSeq: number;
  toSeq: number;
  /** The last row of the range and the first 16 hex of its hash: `ledger verify --anchor SEQ:HASH16`. */
  anchor: { seq: number; hash16: string };
  /**
   * Real money paid to the shop's own account in this shift (late payments included), by tender.
   * From format 8: the real sales completed in the shift and paid to the shop's own account, each
   * counted once at its amount due in both currencies at its own rate (shared/cash inBothCurrencies),
   * so a cash sale paid with a bigger note counts what was sold, not the note; `byTender.khqr` the
   * KHQR tenders of those sales. Up to format 7: every paid tender at its amount handed over (riel
   * tenders in `riel` only), change not taken off, a sale still open or later voided included.
   */
  takings: ShiftMoney & { byTender: { khqr: ShiftMoney } };
  /**
   * Format 8: the takings by tender net of change, each in the currency it was taken in, and the
   * rounding line; their `exact` values (hundredths of a riel, each sale at its own rate) add up to
   * `exact`, the sum of the completed sales' amounts due.
   */
  takingsByTender?: { khqr: TakingsLine; cashUSD: TakingsLine; cashKHR: TakingsLine; rounding: TakingsLine; exact: number };
  /**
   * Format 8: real sales still open at the end of the range with money already paid on them (a cash
   * tender that did not cover them): not takings until completed; their cash is in the drawer's `cashTenders`.
   */
  partlyPaid?: Array<{ sale: number; due: { currency: Currency; amount: number }; paid: { USD: number; KHR: number } }>;
  /**
   * Real (not training) sales: opened in the shift, and each outcome journaled in it. From format 8
   * `paid` and `paidLate` are the sales completed in the shift (once each, at their amount due in both
   * currencies), `opened` a riel sale in both currencies too; up to 7 they counted tenders.
   */
  byStatus: { opened: ShiftMoney; paid: ShiftMoney; paidLate: ShiftMoney; expired: ShiftMoney; cancelled: ShiftMoney; failed: ShiftMoney };
  /**
   * Real tenders paid to an account other than the shop's own, never in takings. Up to format 3 "the
   * shop's own" is the sale's Bakong ID when it opened; from format 4 it is the Bakong ID approved
   * for the shift (`accountChanges`), and `accounts` names the account each such tender paid.
   */
  otherAccount: ShiftMoney & { sales: number[]; accounts?: Array<{ sale: number; account: string }> };
  /**
   * Format 7: the settings POS_* environment variables fixed while this range was journaled (the
   * last `settings.envOverrides` row up to its end), flagged on the X and Z; null when none.
   */
  envOverrides?: { keys: string[]; apiKeyFromEnv: boolean } | null;
  /** Training sales, apart, never in takings. */
  training: { opened: ShiftMoney; paid: ShiftMoney; expired: ShiftMoney; cancelled: ShiftMoney; failed: ShiftMoney };
  /** The first and last sale opened in the shift (training included). */
  firstSale: { sale: number; at: number } | null;
  lastSale: { sale: number; at: number } | null;
  /** Sales whose QR is still unresolved (creating or awaiting payment) at the end of the range. */
  unresolved: Array<{ sale: number; status: SaleStatus; amountCents: number }>;
  paidLate: number[];
  cancelled: number[];
  failed: number[];
  /** The shift's cash (format 2 on; absent from a Z closed before cash control). */
  cash?: ShiftCash;
  /**
   * Format 3. Takings by tender kind and currency, each in that currency's minor units (USD cents,
   * whole riel): the paid tenders counted in `takings`.
   */
  tenders?: Array<{ kind: TenderKind; currency: Currency; count: number; amount: number }>;
  /** Format 3. Real tenders paid on a sale already covered (in takings: the money arrived; owed back to the customer). */
  overpaid?: ShiftMoney & { sales: number[] };
  /** Format 3. Real sales opened in the shift still open at its end with no tender pending: abandoned, nothing paid. */
  unpaid?: number[];
  /** Format 4. The drawer's blind count (the last `shift.counted` row of the range); null when not counted. */
  count?: DrawerCount | null;
  /** Format 4. The takings by the account that received them (null: no receiving account, e.g. cash). */
  receivingAccounts?: Array<ShiftMoney & { account: string | null }>;
  /** Format 4. The Bakong ID approved when the range began: the one takings must pay (null: unknown, an old till). */
  approvedAccount?: string | null;
  /** Format 4. Every change of the Bakong ID or the allowed accounts journaled in the range. */
  accountChanges?: AccountChange[];
  /** Format 4. Takings per person who rang the sale up (the `sale.opened` row's actor), in the order first seen. */
  cashiers?: Array<ShiftMoney & { actor: string }>;
  /** Format 4. Receipt copies printed, and Z reports reprinted, in the range. */
  reprints?: { receipts: number; z: number };
  /** Format 5. Refunds made in the shift (in cash or by bank transfer), with actor and approver. */
  refunds?: ShiftReturns<ReportRefund> & { cash: { USD: number; KHR: number } };
  /** Format 5. Sales voided in the shift, with the cash given back, actor and approver. */
  voids?: ShiftReturns<ReportVoid>;
  /** Format 6: change given back per currency (sales completed in the range, not training): how many sales, cents or riel. */
  change?: { USD: CashCount; KHR: CashCount };
  /** Format 6: the rounding lines of those sales: how many were not 0, and their sum in hundredths of a riel (positive: forgone). */
  rounding?: { count: number; exact: number };
  /**
   * The users' names by journal actor (`user:<uuid>` → name), added when a report is sent to a screen
   * so it can name the cashiers, actors and approvers. Never stored with a Z (the journal holds ids; a
   * name is looked up when shown, as on the printed Z) and not part of any format.
   */
  names?: Record<string, string>;
}

/** A change of the receiving account settings within a shift (a `settings.changed` row). */
export interface AccountChange {
  seq: number;
  at: number;
  actor: string;
  key: 'bakongId' | 'allowedAccounts';
  from: string | string[] | null;
  to: string | string[] | null;
  /** Made by the owner (auth): it moves the approved account. Any other actor's change is not approved. */
  approved: boolean;
}

/** One currency of the drawer count: what was counted (by note or as a total), expected then, and the difference (counted − expected). */
export interface CurrencyDrawerCount {
  counted: number;
  /** Notes by value in minor units (`"10000": 3` is three $100 notes), or null when a total was keyed. */
  notes: Record<string, number> | null;
  expected: number;
  /** Counted − expected: above 0 over, below 0 short. */
  difference: number;
}

/** The blind count of the drawer at a close, per currency, in that currency's minor units. */
export interface DrawerCount {
  USD: CurrencyDrawerCount;
  KHR: CurrencyDrawerCount;
  at: number;
  /** The journal actor who counted. */
  by: string;
  /** How many counts the shift had (a recount after seeing the expected figure is journaled, and shows). */
  counts: number;
}

/** A refund as the X/Z lists it (format 5): who made it and who approved it (journal actors: ids, never names). */
export interface ReportRefund {
  refund: number;
  sale: number;
  currency: Currency;
  amount: number;
  method: RefundMethod;
  actor: string;
  approver: string;
  at: number;
  training: boolean;
}

/** A void as the X/Z lists it (format 5): the cash given back per currency, who voided and who approved. */
export interface ReportVoid {
  void: number;
  sale: number;
  returnedUsd: number;
  returnedKhr: number;
  actor: string;
  approver: string;
  at: number;
  training: boolean;
}

/** Format 5: the shift's refunds or voids, real ones counted and totalled per currency (minor units), training ones listed only. */
export interface ShiftReturns<Line> {
  count: number;
  USD: number;
  KHR: number;
  list: Line[];
}

/** Who approves a void or refund: the chosen owner or manager and their PIN (checked by the host; never stored or journaled). */
export interface ApprovalInput {
  userId: string;
  pin: string;
}

/** A refund as the screens show it (the reason and reference are the cashier's text: shown as text only). */
export interface RefundView {
  id: number;
  /** `<code>-R<n>`. */
  number: string;
  saleId: number;
  currency: Currency;
  amount: number;
  method: RefundMethod;
  reference: string | null;
  reason: string;
  training: boolean;
  at: number;
}

/** A sale the Refund screen found: completed, with what it was paid by, its refunds and what is left to refund. */
export interface RefundableSale {
  saleId: number;
  /** The receipt number the customer holds. */
  receiptNumber: string;
  completedAt: number;
  dueCurrency: Currency;
  dueAmount: number;
  khrPerUsd: number;
  training: boolean;
  /** Its paid tenders, each in its own currency. */
  paid: Array<{ kind: TenderKind; currency: Currency; amount: number }>;
  refunds: RefundView[];
  /** The most that can still be refunded: in cents, whole riel (by bank transfer), whole hundreds of riel (in cash). */
  left: { usd: number; khr: number; khrCash: number };
}

/** One page of the Refund screen's search, newest first. */
export interface RefundSearchPage {
  sales: RefundableSale[];
  /** Pass as `before` for the next page; null when this is the last. */
  nextBefore: number | null;
  /** The business date searched (a date search, or today's for an amount), YYYY-MM-DD; null for a receipt number. */
  businessDate: string | null;
}

/** A refund or void made: the document, its receipt's print job, and the drawer's kick (null: no cash, or training). */
export interface ReturnDone {
  kind: 'refund' | 'void';
  /** The document's number (`<code>-R<n>` / `<code>-V<n>`). */
  number: string;
  saleId: number;
  /** What went back, each in its own currency. */
  returned: Array<{ currency: Currency; amount: number }>;
  method: RefundMethod;
  printJob: PrintJobView;
  drawer: DrawerKickResult | null;
}

/** One line of the list of Z reports. */
export interface ZReportSummary {
  shift: number;
  zNumber: string;
  businessDate: string;
  closedAt: number;
  takings: ShiftMoney;
  anchor: { seq: number; hash16: string };
}

/** Commands the cashier window may send. `args` is validated by the host whatever the transport. */
/** What `export.create` is asked for: a range of business dates, or one Z report (its shift number). */
export type ExportCreateArgs =
  | { format: 'csv' | 'xlsx'; from: string; to: string; z?: undefined }
  | { format: 'csv' | 'xlsx'; z: number; from?: undefined; to?: undefined };

/** An export written into POS_DATA_DIR/exports; `exportId` is opaque and names it for the download or save. */
export interface ExportCreated {
  exportId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  from: string;
  to: string;
  zNumber: string | null;
  rows: number;
  takings: { count: number; cents: number; riel: number };
}

/** How saving an export on the cashier's machine ended (web: the browser's download; Electron: a save dialog). */
/** `refused`: the place chosen was the POS's data folder (its ledger), which an export never overwrites. */
export type SaveExportOutcome = 'saved' | 'cancelled' | 'refused' | 'failed';

export interface CashierCommands {
  'state.get': { args: Record<string, never>; result: CashierState };
  /** A KHQR sale: in dollars (`amountCents`), or keyed in either currency (`due`: the QR asks for the cents, rounded half up). */
  'payment.charge': { args: { amountCents: number } | { due: { currency: Currency; amount: number } }; result: SaleView };
  /**
   * A cash tender, in dollars (cents) or riel (whole riel): on the open sale on the screens
   * (`saleId`) or on a new sale for `due`. When it covers the sale, the sale completes with its
   * change, given as `change` chooses (default: whole dollars, the rest in riel; `usd`; `khr`; or a
   * keyed split), and its rounding line; then the drawer opens (never in training). `drawer` is null
   * when it did not open: a tender that leaves something due, or a repeat of an attempt already
   * recorded (nothing written, printed or kicked again). Refused while another sale is partly paid.
   */
  'cash.tender': { args: CashTenderArgs; result: { sale: SaleView; drawer: DrawerKickResult | null } };
  'payment.cancel': { args: { saleId: number }; result: SaleView };
  'payment.checkNow': { args: { saleId: number }; result: SaleView };
  /**
   * Today's sales, newest first, one page at a time: sales numbered below `before` (the previous
   * page's `nextBefore`; omitted for the newest), at most `limit` (SALES_PAGE_SIZE unless given;
   * more than SALES_PAGE_MAX is capped).
   */
  'sales.page': { args: { before?: number; limit?: number }; result: SalesPage };
  /** A fresh QR for the same amount: the old one is cancelled (still watched for a late payment). */
  'payment.newQr': { args: { saleId: number }; result: SaleView };
  'alerts.dismiss': { args: { id: number }; result: null };
  /** The ledger's integrity warning was seen: journaled (`integrity.acknowledged`, by the cashier until issue 9's owner PIN). */
  'integrity.acknowledge': { args: Record<string, never>; result: null };
  /** Clears the finished sale from both screens so the next one can start. */
  'payment.dismiss': { args: Record<string, never>; result: null };
  /** Training mode only: the embedded sandbox marks the QR paid, as a customer's bank would. */
  'training.simulatePayment': { args: { saleId: number }; result: null };
  /** Prints the sale's receipt again, marked COPY. */
  'receipt.reprint': { args: { saleId: number }; result: PrintJobView };
  /** The receipt raster exactly as the printer gets it. */
  'receipt.preview': { args: { saleId: number }; result: ReceiptPreview };
  'printer.testPrint': { args: Record<string, never>; result: PrintJobView };
  /** The printer was fixed or plugged back in: try every waiting job now instead of after its backoff. */
  'printer.retryNow': { args: Record<string, never>; result: null };
  /** USB printers attached now, for the Settings screen; `problem` says why the list may be incomplete. */
  'printer.list': {
    args: Record<string, never>;
    /** `windowsPrinters` only when the POS runs on Windows (else empty); `problem` may come from either list. */
    result: { printers: UsbPrinterInfo[]; windowsPrinters: WindowsPrinterInfo[]; problem: HostMessage | null };
  };
  'settings.get': { args: Record<string, never>; result: SettingsView };
  'settings.save': { args: SettingsInput; result: SettingsView };
  /** The X report of the open shift (read-only). Owner or manager. */
  'shift.x': { args: Record<string, never>; result: ShiftReport };
  /**
   * The blind count of the drawer: journaled (`shift.counted`) before anything expected is shown;
   * the answer is the first place the expected figure appears. Owner or manager.
   */
  'shift.count': { args: DrawerCountInput; result: DrawerCount };
  /** Closes the open shift: its Z report (with the shift's last count). Refused while a QR is watched unless `carryOver: true`. Owner or manager. */
  'shift.close': { args: { carryOver?: boolean }; result: ShiftReport };
  /** Every Z report, newest first. */
  'shift.zList': { args: Record<string, never>; result: ZReportSummary[] };
  /** One stored Z report, by shift number. */
  'shift.z': { args: { shift: number }; result: ShiftReport };
  /** Writes an export for the accountant into POS_DATA_DIR/exports (own read-only connection). Owner-only. */
  'export.create': { args: ExportCreateArgs; result: ExportCreated };
  /** Prints stored Z report `n` again on the receipt printer, marked COPY. */
  'shift.zReprint': { args: { n: number }; result: PrintJobView };
  /** The shift's float in both currencies (USD cents, whole riel; 0 for none), once; opens a shift when none is. */
  'cash.setFloat': { args: { usdCents: number; riel: number }; result: null };
  /** A paid-in, paid-out or safe drop with the cashier's reason (refused until the float is entered). */
  'cash.record': { args: { kind: CashMovementKind; currency: CashCurrency; amount: number; reason: string }; result: null };
  /**
   * "Open drawer" without a sale: any signed-in user asks, an owner's or a manager's PIN approves it in
   * place; journaled (`drawer.opened`: the signed-in user its actor, the approver in its payload), then kicked once.
   */
  'drawer.open': { args: { approver: ApprovalInput }; result: DrawerKickResult };
  /**
   * The Refund screen's search: completed sales by receipt number (`K7QX2M-12`, or `12`), business date
   * (`YYYY-MM-DD`) or amount (`$10.25`, `10.25`, `42,000៛`: that day's, `date` defaulting to today), newest
   * first, a page at a time (`before`: the previous page's `nextBefore`). A refund's own number is refused in words.
   */
  'refund.search': { args: { query: string; date?: string; before?: number }; result: RefundSearchPage };
  /** A refund of a completed sale, capped at what is left; an owner's or manager's PIN approves it. Prints its receipt; cash opens the drawer. */
  'refund.create': {
    args: { saleId: number; currency: Currency; amount: number; method: RefundMethod; reference: string | null; reason: string; approver: ApprovalInput };
    result: ReturnDone;
  };
  /** Voids an open sale after cash was tendered: the cash goes back. An owner's or manager's PIN approves it. Prints its receipt, opens the drawer. */
  'sale.void': { args: { saleId: number; reason: string; approver: ApprovalInput }; result: ReturnDone };
  /** The cashier closed the "drawer did not open" warning. */
  'drawer.dismissProblem': { args: Record<string, never>; result: null };
  /**
   * Pairs this till with a back office: its address (https, or http to this computer) and the
   * one-time code it gave. The token stays in the host. Owner-only.
   */
  'sync.pair': { args: { url: string; code: string }; result: SyncView };
  /** Pushes waiting rows now instead of after the backoff. */
  'sync.now': { args: Record<string, never>; result: SyncView };
  /** First start (no owner can sign in): creates the owner and signs them in. Refused once there is one. */
  'auth.createOwner': { args: { name: string; pin: string }; result: OwnerSignedIn };
  /** Signs `userId` in with their PIN (wrong PINs slow down). */
  'auth.signIn': { args: { userId: string; pin: string }; result: UserView };
  /** Locks the till (every screen of it) until someone signs in. */
  'auth.lock': { args: Record<string, never>; result: null };
  /** The printed recovery code sets the owner's new PIN and signs them in; a new code replaces it. */
  'auth.recover': { args: { code: string; pin: string }; result: OwnerSignedIn };
  /** Owner-only: a new recovery code (shown once; the old one stops working). */
  'auth.renewRecoveryCode': { args: Record<string, never>; result: { recoveryCode: string } };
  /**
   * Owner-only: prints the recovery code just shown (sent back once from the dialog that shows it; the
   * host checks it against its hash). The code is in no stored row, the print job included.
   */
  'auth.printRecoveryCode': { args: { code: string }; result: PrintJobView };
  /** Owner-only: every user, active or not. */
  'users.list': { args: Record<string, never>; result: UserAdminView[] };
  /** Owner-only. */
  'users.add': { args: { name: string; role: Role; pin: string }; result: UserAdminView };
  /** Owner-only; the last owner who can sign in keeps the role. */
  'users.setRole': { args: { userId: string; role: Role }; result: UserAdminView };
  /** Owner-only: sets a user's PIN again (journaled as a reset, never the PIN). */
  'users.resetPin': { args: { userId: string; pin: string }; result: UserAdminView };
  /** Owner-only: the user may no longer sign in (kept: the journal names them). */
  'users.deactivate': { args: { userId: string }; result: UserAdminView };
  /** Owner-only: the hosted API's key, kept in the credentials file ('' removes it). POS_BAKONG_API_KEY, when set, wins. */
  'settings.setApiKey': { args: { apiKey: string }; result: SettingsView };
}

export type CommandName = keyof CashierCommands;
export type CommandArgs<K extends CommandName> = CashierCommands[K]['args'];
export type CommandResult<K extends CommandName> = CashierCommands[K]['result'];

/** Errors cross the transport as data, never as thrown exceptions (IPC mangles those). */
export interface CommandError {
  /** Stable category the screens branch on. */
  code: ErrorCode;
  /** What to show, in the screen's language (hostMessageText). */
  text: HostMessage;
  /** The English text of `text`, a fallback for logs and older screens. */
  message: string;
}
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_amount'
  | 'payment_in_progress'
  | 'not_found'
  | 'not_allowed'
  | 'sign_in_required'
  | 'not_configured'
  | 'api_error'
  | 'verification_failed'
  | 'storage_error'
  | 'internal';

export type CommandReply<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** Pushed from host to screens. */
export interface HostEvents {
  'cashier.state': CashierState;
  'display.state': DisplayState;
}

/** What the cashier window is given (by the preload, or by the web transport). */
export interface CashierBridge {
  invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandReply<CommandResult<K>>>;
  /** Calls back with every new state, starting with the current one. Returns an unsubscribe. */
  onState(listener: (state: CashierState) => void): () => void;
  /**
   * Web mode only: false when the link to the host drops (the host stopped), true when it is back.
   * In Electron the host is the app itself, so there is nothing to report and this is absent.
   */
  onConnection?(listener: (connected: boolean) => void): () => void;
  /**
   * Web mode only: the page cannot open the till because its cashier key is missing from the
   * address (a bookmark, a new tab, the root URL) or the POS refused it. Absent in Electron.
   */
  onAccessProblem?(listener: (problem: CashierAccessProblem) => void): () => void;
  /**
   * Puts an export made by `export.create` on the cashier's machine: in web mode a download (a
   * single-use token, never the cashier key, in its URL); in Electron a save dialog. Absent: not offered.
   */
  saveExport?(exportId: string, fileName: string): Promise<SaveExportOutcome>;
}

export type CashierAccessProblem = 'missing_key' | 'key_refused';

/** What the customer display is given: read-only. */
export interface DisplayBridge {
  onDisplay(listener: (state: DisplayState) => void): () => void;
  /** Web mode only: false while the display's link to the host is down, true once it is back. */
  onConnection?(listener: (connected: boolean) => void): () => void;
}

/** The names the web transport and IPC use; one place so the two cannot drift. */
export const CHANNELS = {
  command: 'pos:command',
  cashierState: 'pos:cashier-state',
  displayState: 'pos:display-state',
  cashierSubscribe: 'pos:cashier-subscribe',
  displaySubscribe: 'pos:display-subscribe',
  /** Electron: the cashier window asks the main process to save an export (a save dialog). */
  saveExport: 'pos:save-export',
} as const;
