/**
 * The journal's event types: each a `type`, a `version` of its payload and the payload's fields.
 * docs/journal.md lists them with what each field means. A payload holds only facts of the POS's own
 * (sale numbers, integer money, codes, times, user names): never a secret — PIN hashes, the recovery
 * code's hash and the Bakong API key live in the credentials file outside the ledger
 * (src/host/auth/credentials.ts) and no payload has a field they could go in — and never free
 * text from the API or a printer (a failure is journaled by its catalog code only).
 *
 * A payload's shape never changes under the same version: a new field or a changed meaning is the
 * next version of that type, and readers handle every version ever written.
 */
import type { Currency, Role, SaleStatus, TenderKind } from '../../../shared/contract.ts';
import type { HostMessage } from '../../../shared/messages/index.ts';
import type { CashCurrency, CashMovementKind } from '../../../shared/rules/cash.ts';
import type { RefundMethod } from '../../../shared/rules/refund.ts';

/** A person who uses the till, by their id in the users table (src/host/ledger/users.ts). */
export type UserActor = `user:${string}`;

/**
 * Who caused the row: the POS itself (`system`: the watcher, the print queue, start-up) or a signed-in
 * person (`user:<uuid>`). `cashier` is what rows written before issue 9 say (no one signed in then);
 * as a writer's input it means "the person at the till" and `append` resolves it to the user signed in
 * for the command being run (src/host/auth/actor-context.ts), or `system` outside any command.
 */
export type Actor = 'system' | 'cashier' | UserActor;

export type { Role } from '../../../shared/contract.ts';

export interface TillCreated {
  type: 'till.created';
  version: 1;
  payload: { till: string; code: string; schema: number };
}

/** An existing sale, journaled once at upgrade as it then stood (with its whole history). */
export interface MigratedSale {
  type: 'migrated.sale';
  version: 1;
  payload: {
    sale: number;
    amountCents: number;
    currency: string;
    khrPerUsd: number;
    status: SaleStatus;
    training: boolean;
    merchantName: string;
    bakongId: string;
    apiBaseUrl: string;
    payTo: string | null;
    md5: string | null;
    khqrString: string | null;
    createdAt: number;
    expiresAt: number | null;
    paidAt: number | null;
    paidLate: boolean;
    failureCode: string | null;
    history: Array<{ at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }>;
  };
}

/** An existing alert, journaled once at upgrade. */
export interface MigratedAlert {
  type: 'migrated.alert';
  version: 1;
  payload: { alert: number; sale: number; kind: string; previousStatus: string; createdAt: number; dismissedAt: number | null };
}

export interface SaleOpened {
  type: 'sale.opened';
  version: 1;
  payload: {
    sale: number;
    amountCents: number;
    currency: 'USD';
    khrPerUsd: number;
    training: boolean;
    merchantName: string;
    bakongId: string;
    /** The payment service the sale's QR is asked of (a URL without credentials: settings refuse one with them). */
    apiBaseUrl: string;
  };
}

/** The QR is issued: what the customer can pay (the KHQR payload is public: it is shown to be scanned). */
export interface QrIssued {
  type: 'sale.qrIssued';
  version: 1;
  payload: { sale: number; md5: string; amountCents: number; payTo: string; expiresAt: number; khqrString: string };
}

/** Paid; `late` when it was already expired or cancelled. The paid time is the row's `at`. */
export interface SalePaid {
  type: 'sale.paid';
  version: 1;
  payload: { sale: number; from: SaleStatus; late: boolean };
}

export interface SaleExpired {
  type: 'sale.expired';
  version: 1;
  payload: { sale: number; from: SaleStatus };
}

export interface SaleCancelled {
  type: 'sale.cancelled';
  version: 1;
  payload: { sale: number; from: SaleStatus };
}

/** Failed: the catalog code only (its params stay in the sales row). */
export interface SaleFailed {
  type: 'sale.failed';
  version: 1;
  payload: { sale: number; from: SaleStatus; code: string };
}

/**
 * A sale opened (schema 17 on): the document the customer owes, in its due currency's minor units
 * (USD cents or whole riel) at its own rate. Its tenders are `tender.*` rows. Version 1 (before 16)
 * was one KHQR attempt: read as sale N with KHQR tender N (docs/journal.md, "Sales and tenders").
 */
export interface SaleOpenedV2 {
  type: 'sale.opened';
  version: 2;
  payload: {
    sale: number;
    dueCurrency: Currency;
    dueAmount: number;
    khrPerUsd: number;
    training: boolean;
    merchantName: string;
    /** The shop's own Bakong ID when the sale opened: a KHQR tender paying any other account is not takings. */
    bakongId: string;
  };
}

/** The sale's paid tenders cover what is due; the completed time is the row's `at`. `paidLate`: the covering payment came after its QR had ended. */
export interface SaleCompleted {
  type: 'sale.completed';
  version: 1;
  payload: { sale: number; paidLate: boolean };
}

/**
 * Version 2 (schema 18 on): the completion with how the sale was settled (docs/cash.md): the change
 * given, USD cents and whole riel (0 when none), and the rounding line, signed, in hundredths of a
 * riel (positive: the shop forgoes it), so that the paid tenders − change + rounding = what was due.
 */
export interface SaleCompletedV2 {
  type: 'sale.completed';
  version: 2;
  payload: { sale: number; paidLate: boolean; changeUsd: number; changeKhr: number; rounding: number };
}

/** An attempt to pay a sale: a KHQR tender starts `creating` (before the API is asked), with the payment service it is asked of. */
export interface TenderOpened {
  type: 'tender.opened';
  version: 1;
  payload: { sale: number; tender: number; kind: TenderKind; currency: Currency; amount: number; apiBaseUrl: string | null };
}

/**
 * Version 2 (schema 21 on): also the cash screen's `attempt` id a cash tender answers (32 hex digits,
 * unique; a repeat of it records nothing), null for a KHQR tender.
 */
export interface TenderOpenedV2 {
  type: 'tender.opened';
  version: 2;
  payload: TenderOpened['payload'] & { attempt: string | null };
}

/** A KHQR tender's QR is issued (the KHQR payload is public: it is shown to be scanned). */
export interface TenderQrIssued {
  type: 'tender.qrIssued';
  version: 1;
  payload: { sale: number; tender: number; md5: string; amount: number; payTo: string; expiresAt: number; khqrString: string };
}

/**
 * A tender paid; the paid time is the row's `at`. `late`: its QR had expired or been cancelled;
 * `overpaid`: the sale was already covered when it arrived (the money is kept and counted, and the
 * cashier is alerted: it is owed back to the customer).
 */
export interface TenderPaid {
  type: 'tender.paid';
  version: 1;
  payload: { sale: number; tender: number; from: SaleStatus; late: boolean; overpaid: boolean };
}

export interface TenderEnded {
  type: 'tender.expired' | 'tender.cancelled';
  version: 1;
  payload: { sale: number; tender: number; from: SaleStatus };
}

/** Failed: the catalog code only (its params stay in the tenders row). */
export interface TenderFailed {
  type: 'tender.failed';
  version: 1;
  payload: { sale: number; tender: number; from: SaleStatus; code: string };
}

/** Version 2 (schema 17 on) names the tender; kinds: a late payment, or a payment on a sale already covered. */
export interface AlertRaisedV2 {
  type: 'alert.raised';
  version: 2;
  payload: { alert: number; sale: number; tender: number; kind: AlertKind; previousStatus: SaleStatus };
}

export type AlertKind = 'paid_late' | 'overpaid';

export interface AlertRaised {
  type: 'alert.raised';
  version: 1;
  payload: { alert: number; sale: number; kind: 'paid_late'; previousStatus: SaleStatus };
}

export interface AlertDismissed {
  type: 'alert.dismissed';
  version: 1;
  payload: { alert: number; sale: number };
}

/** A receipt or copy came out (or was handed to a spooler): the print, not each attempt. */
export interface ReceiptPrinted {
  type: 'receipt.printed';
  version: 1;
  payload: { job: number; sale: number; kind: 'receipt' | 'copy'; outcome: 'printed' | 'spooled'; attempts: number };
}

/** Settings saved: each key that changed, with its old and new value (settings hold no secret). */
export interface SettingsChanged {
  type: 'settings.changed';
  version: 1;
  payload: { changes: Array<{ key: string; from: SettingValue; to: SettingValue }> };
}

/**
 * The ledger was restored from a backup (`npm run ledger -- restore`): a new epoch of the same chain,
 * this row chained to the backup's head. The backup's file name only (never a path), the backup's
 * head, and the head of the ledger it replaced (null when there was none).
 */
export interface LedgerRestored {
  type: 'ledger.restored';
  version: 1;
  payload: {
    fromFile: string;
    fromEpoch: number;
    fromSeq: number;
    fromHash16: string;
    replacedEpoch: number | null;
    replacedHeadSeq: number | null;
    replacedHeadHash16: string | null;
  };
}

/**
 * The start check (src/host/ledger/integrity.ts) found the ledger not as the POS wrote it: the
 * problems as catalog messages with whole-number params only (a row, a sale, a Z), never text from
 * the file. Written again only when the problems differ from the last such row's.
 */
export interface IntegrityFailed {
  type: 'integrity.failed';
  version: 1;
  payload: { problems: HostMessage[] };
}

/** The owner acknowledged the warning of the `integrity.failed` row `failedSeq` (the row's actor). */
export interface IntegrityAcknowledged {
  type: 'integrity.acknowledged';
  version: 1;
  payload: { failedSeq: number };
}

/**
 * A backup the POS was to make (the daily one, or the one at a shift close) was not made: refused for
 * lack of free space (the bytes it needed and found free), or failed while writing. Numbers only,
 * never the error's text (it may quote paths). Selling and the close went on; the owner is told
 * until a later backup is written (src/host/ledger/backup-health.ts).
 */
export interface BackupFailed {
  type: 'backup.failed';
  version: 1;
  payload: { reason: 'daily' | 'close'; outcome: 'no_space' | 'error'; neededBytes: number | null; freeBytes: number | null };
}

/**
 * A user was added (the owner at first start, or by the owner in Settings). Their name as typed (any
 * script), never a PIN: PIN hashes live in the credentials file outside the ledger.
 */
export interface UserCreated {
  type: 'user.created';
  version: 1;
  payload: { user: string; name: string; role: Role };
}

export interface UserRoleChanged {
  type: 'user.roleChanged';
  version: 1;
  payload: { user: string; from: Role; to: Role };
}

/** A user may no longer sign in; kept, since journal rows name them. */
export interface UserDeactivated {
  type: 'user.deactivated';
  version: 1;
  payload: { user: string };
}

/**
 * A user's PIN was set again: by the owner (`owner`) or by the owner with the printed recovery code
 * (`recovery`). That it happened, never the PIN or its hash.
 */
export interface UserPinReset {
  type: 'user.pinReset';
  version: 1;
  payload: { user: string; via: 'owner' | 'recovery' };
}

/**
 * The settings fixed by POS_* environment variables at start (each key and the value in force), and
 * whether POS_BAKONG_API_KEY is set (never its value). Written at start only when they differ from
 * the last such row, so the X and Z reports can flag a shift run under overrides.
 */
export interface EnvOverrides {
  type: 'settings.envOverrides';
  version: 1;
  payload: { overrides: Record<string, SettingValue>; apiKeyFromEnv: boolean };
}

export type SettingValue = string | number | boolean | null | string[];

/**
 * The settings as stored (each key the settings table holds, its saved value) when the till was
 * made, at a new ledger or at the upgrade: the baseline `settings.changed` rows apply to, so the
 * settings table can be checked against the journal. Settings hold no secret.
 */
export interface SettingsSnapshot {
  type: 'settings.snapshot';
  version: 1;
  payload: { settings: Record<string, SettingValue> };
}

/**
 * A shift opened: with the first sale when none is open, by the owner's explicit action, or by the
 * POS itself (`system`) when a payment is journaled while no shift is open (after a close). Its
 * business date is the Asia/Phnom_Penh calendar date (UTC+7) at this row's time, fixed here.
 */
export interface ShiftOpened {
  type: 'shift.opened';
  version: 1;
  payload: { shift: number; businessDate: string; reason: 'first_sale' | 'explicit' | 'late_payment' };
}

/**
 * A shift closed: its Z number and its anchor — the last row of the shift before this one (`lastSeq`)
 * and the first 16 hex of that row's hash. The Z report itself is stored in z_reports (migration 014).
 */
export interface ShiftClosed {
  type: 'shift.closed';
  version: 1;
  payload: { shift: number; zNumber: string; lastSeq: number; headHash16: string };
}

/**
 * A shift closed (issue 9, the blind count): as v1, plus the drawer count the close was made with
 * (the shift's last `shift.counted` row: per currency counted, expected then, difference), or null
 * when the shift was closed without a count (the host API allows it; the Shift tab always counts).
 */
export interface ShiftClosedV2 {
  type: 'shift.closed';
  version: 2;
  payload: {
    shift: number;
    zNumber: string;
    lastSeq: number;
    headHash16: string;
    count: Record<CashCurrency, { counted: number; expected: number; difference: number }> | null;
  };
}

/**
 * The drawer was counted for the close, blind: per currency what was counted (`notes` by value in
 * minor units, or null when a total was keyed), what was expected at this row (src/shared/reports/cash-report.ts
 * expectedInDrawer) and the difference counted − expected. Journaled before the expected figure is
 * shown; a recount is another row (every count is kept; the Z shows the last and how many).
 */
export interface ShiftCounted {
  type: 'shift.counted';
  version: 1;
  payload: {
    shift: number;
    USD: { counted: number; notes: Record<string, number> | null; expected: number; difference: number };
    KHR: { counted: number; notes: Record<string, number> | null; expected: number; difference: number };
  };
}

/** A stored Z report was reprinted (a `z_copy` print job queued in this row's transaction). */
export interface ZReprinted {
  type: 'z.reprinted';
  version: 1;
  payload: { shift: number; job: number };
}

/**
 * Cash moved in or out of the drawer outside a sale (src/host/ledger/cash-movements.ts): the shift's
 * float in one currency (set once, may be 0, no reason), a paid-in, a paid-out or a safe drop (above
 * 0, with the reason the cashier typed: till-supplied text, checked by shared/rules/cash.ts, never
 * text from the API). `training` when the till was in training mode (never counted in the drawer).
 */
export interface CashMoved {
  type: 'cash.moved';
  version: 1;
  payload: { movement: number; shift: number; kind: 'float' | CashMovementKind; currency: CashCurrency; amount: number; reason: string | null; training: boolean };
}

/**
 * The drawer was opened without a sale ("Open drawer"): who asked is the row's actor, who approved it
 * `approver` (an owner or manager, by their PIN typed at the till; on older rows the signed-in owner or manager). Journaled before the kick is
 * sent: the kick may fail (the cashier then opens it with the key), the opening was still allowed.
 */
export interface DrawerOpened {
  type: 'drawer.opened';
  version: 1;
  payload: { reason: 'no_sale'; shift: number; approver: Actor };
}

/**
 * A sale abandoned after cash was tendered (src/host/ledger/sale-voids.ts): the sale goes `open →
 * voided` and the cash tendered on it goes back, per currency (`returnedUsd` cents, `returnedKhr`
 * riel). Who voided it is the row's actor, who approved it with their PIN `approver`. `reason` is the
 * cashier's text (shared/rules/refund.ts).
 */
export interface SaleVoided {
  type: 'sale.voided';
  version: 1;
  payload: { sale: number; void: number; shift: number; returnedUsd: number; returnedKhr: number; reason: string; training: boolean; approver: Actor };
}

/**
 * Money given back on a completed sale (src/host/ledger/refunds.ts), in one currency: in cash, or
 * recorded as returned by bank transfer with the `reference` the cashier typed (null for cash). The
 * sale itself never changes. Who refunded is the row's actor, who approved it `approver`.
 */
export interface RefundMade {
  type: 'refund.made';
  version: 1;
  payload: {
    refund: number; sale: number; shift: number; currency: Currency; amount: number; method: RefundMethod;
    reference: string | null; reason: string; training: boolean; approver: Actor;
  };
}

export type JournalEvent =
  | TillCreated
  | MigratedSale
  | MigratedAlert
  | SaleOpened
  | SaleOpenedV2
  | SaleCompleted
  | SaleCompletedV2
  | TenderOpened
  | TenderOpenedV2
  | TenderQrIssued
  | TenderPaid
  | TenderEnded
  | TenderFailed
  | AlertRaisedV2
  | QrIssued
  | SalePaid
  | SaleExpired
  | SaleCancelled
  | SaleFailed
  | AlertRaised
  | AlertDismissed
  | ReceiptPrinted
  | SettingsChanged
  | SettingsSnapshot
  | ShiftOpened
  | ShiftClosed
  | ShiftClosedV2
  | ShiftCounted
  | ZReprinted
  | LedgerRestored
  | IntegrityFailed
  | IntegrityAcknowledged
  | BackupFailed
  | CashMoved
  | DrawerOpened
  | SaleVoided
  | RefundMade
  | UserCreated
  | UserRoleChanged
  | UserDeactivated
  | UserPinReset
  | EnvOverrides;

export type JournalEventType = JournalEvent['type'];

/** Every type and the payload versions this build reads (the verifier flags anything else). */
export const KNOWN_EVENTS: Readonly<Record<JournalEventType, readonly number[]>> = {
  'till.created': [1],
  'migrated.sale': [1],
  'migrated.alert': [1],
  'sale.opened': [1, 2],
  'sale.completed': [1, 2],
  'tender.opened': [1, 2],
  'tender.qrIssued': [1],
  'tender.paid': [1],
  'tender.expired': [1],
  'tender.cancelled': [1],
  'tender.failed': [1],
  'sale.qrIssued': [1],
  'sale.paid': [1],
  'sale.expired': [1],
  'sale.cancelled': [1],
  'sale.failed': [1],
  'alert.raised': [1, 2],
  'alert.dismissed': [1],
  'receipt.printed': [1],
  'settings.changed': [1],
  'settings.snapshot': [1],
  'shift.opened': [1],
  'shift.closed': [1, 2],
  'shift.counted': [1],
  'z.reprinted': [1],
  'ledger.restored': [1],
  'integrity.failed': [1],
  'integrity.acknowledged': [1],
  'backup.failed': [1],
  'cash.moved': [1],
  'drawer.opened': [1],
  'sale.voided': [1],
  'refund.made': [1],
  'user.created': [1],
  'user.roleChanged': [1],
  'user.deactivated': [1],
  'user.pinReset': [1],
  'settings.envOverrides': [1],
};

/** `user:` and a lowercase UUID. */
const USER_ACTOR = /^user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether the verifier accepts `actor` as one the POS writes (`cashier` on rows from before issue 9). */
export function isKnownActor(actor: string): boolean {
  return actor === 'system' || actor === 'cashier' || USER_ACTOR.test(actor);
}

export function userActor(userId: string): UserActor {
  return `user:${userId}`;
}
