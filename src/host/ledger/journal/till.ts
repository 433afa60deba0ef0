/**
 * The till's identity, made once: at the first start of a new ledger, or at the first start after
 * the upgrade to schema 13. In one transaction the till gets a UUID and a short code, the journal
 * gets its first row (`till.created`), and every sale and alert the ledger already holds is journaled
 * after it, one `migrated.sale` row per sale (its state and its whole history) and one
 * `migrated.alert` row per alert, oldest first, so the chain covers every row there was and
 * the sales projection can be checked against the journal from the first sale on (docs/journal.md).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { SaleStatus } from '../../../shared/contract.ts';
import type { Db } from '../database.ts';
import { isHostMessageCode } from '../../../shared/messages/index.ts';
import { DEFAULT_SETTINGS } from '../../config/settings.ts';
import type { SettingValue } from './events.ts';
import { appendFor, tillId } from './journal.ts';

/** No 0/O, 1/I/L, U/V: a code read aloud or copied from paper cannot be mistaken. */
export const TILL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/**
 * 6 characters: 29^6 ≈ 594 million codes, so a chance of about 1 in 1,200 that two of 1,000 tills
 * share one (4 characters gave 50% at 1,000 tills). Still not never: the back office (issue 10)
 * refuses a till whose code it already has, at pairing (docs/journal.md, "The till").
 */
export const TILL_CODE_LENGTH = 6;

export function newTillCode(): string {
  let code = '';
  for (let i = 0; i < TILL_CODE_LENGTH; i += 1) code += TILL_CODE_ALPHABET[randomInt(TILL_CODE_ALPHABET.length)];
  return code;
}

export interface Till {
  id: string;
  code: string;
  createdAt: number;
}

export function readTill(db: Db): Till | null {
  const row = db.prepare('SELECT id, code, created_at FROM till LIMIT 1').get() as { id: string; code: string; created_at: number } | undefined;
  return row ? { id: row.id, code: row.code, createdAt: row.created_at } : null;
}

function hasTillTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'till'").get() !== undefined;
}

/** A sale as any schema since 1 holds it (columns added later are read with defaults). */
/**
 * A sale made before the journal, as migrated.sale journals it: made before schema 17 too, so it is
 * sale N with its one KHQR tender N (migration 017), read back here in the shape of the old row.
 */
interface LegacySale {
  id: number; amount_cents: number; currency: string; khr_per_usd: number; status: SaleStatus; training: number;
  merchant_name: string; bakong_id: string; api_base_url: string; pay_to: string | null; md5: string | null;
  khqr_string: string | null; created_at: number; expires_at: number | null; paid_at: number | null; paid_late: number;
  failure_code: string | null;
}

interface HistoryLine { at: number; from: SaleStatus | null; to: SaleStatus; detail: string | null }

/**
 * Before schema 8 `sale_events.detail` held English sentences, a failure's could quote the API's own
 * text. Only catalog codes go into the chain (it is synced to the back office, issue 10): a failure's
 * other text becomes `payment.failedEarlier`, as `SalesLedger.history()` shows it, and any other line's
 * non-catalog text (the POS's old English notes, e.g. "payment confirmed by the API") is not journaled
 * (null). The old table keeps its text as written.
 */
export function journaledLine(line: HistoryLine): HistoryLine {
  if (line.detail === null || isHostMessageCode(line.detail)) return line;
  return { ...line, detail: line.to === 'failed' ? 'payment.failedEarlier' : null };
}

/** Makes the till if the ledger has none yet (a no-op on a ledger below schema 13). */
export function ensureTill(db: Db, now: () => number = Date.now): Till | null {
  if (!hasTillTable(db)) return null;
  const existing = readTill(db);
  if (existing) return existing;
  const made = db.transaction(() => {
    const at = now();
    const till: Till = { id: randomUUID(), code: newTillCode(), createdAt: at };
    db.prepare('INSERT INTO till (id, code, created_at) VALUES (?, ?, ?)').run(till.id, till.code, till.createdAt);
    const schema = db.pragma('user_version', { simple: true }) as number;
    const by = { actor: 'system' as const, at };
    appendFor(db, till.id, { type: 'till.created', version: 1, payload: { till: till.id, code: till.code, schema } }, by);
    appendFor(db, till.id, { type: 'settings.snapshot', version: 1, payload: { settings: storedSettings(db) } }, by);
    migrateExisting(db, till.id, at);
    return till;
  })();
  tillId(db); // cached for append only once committed
  return made;
}

/**
 * The settings table as stored: each known key (settings.ts DEFAULT_SETTINGS) with its saved value.
 * A value that is not JSON (damaged) is journaled as its text, so verify still compares it.
 */
function storedSettings(db: Db): Record<string, SettingValue> {
  const known = new Set(Object.keys(DEFAULT_SETTINGS));
  const settings: Record<string, SettingValue> = {};
  for (const row of db.prepare('SELECT key, value FROM settings ORDER BY key').all() as Array<{ key: string; value: string }>) {
    if (!known.has(row.key)) continue;
    try {
      settings[row.key] = JSON.parse(row.value) as SettingValue;
    } catch {
      settings[row.key] = row.value;
    }
  }
  return settings;
}

function migrateExisting(db: Db, till: string, at: number): void {
  const by = { actor: 'system' as const, at };
  // The till is made only once every migration has run. From schema 17 a sale made before the
  // journal is sale N with KHQR tender N, read back here in the old row's shape; a ledger opened with
  // fewer migrations (tests, a tool) still has the old sales table. A page at a time: better-sqlite3
  // cannot write while a statement is still being iterated.
  const tenders = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'tenders'").get() !== undefined;
  const history = tenders
    ? db.prepare('SELECT at, from_status AS "from", to_status AS "to", detail FROM tender_events WHERE tender_id = ? ORDER BY id')
    : db.prepare('SELECT at, from_status AS "from", to_status AS "to", detail FROM sale_events WHERE sale_id = ? ORDER BY id');
  const page = tenders
    ? db.prepare(`SELECT s.id, t.amount AS amount_cents, t.currency, s.khr_per_usd, t.status, s.training, s.merchant_name,
                         s.bakong_id, t.api_base_url, t.pay_to, t.md5, t.khqr_string, s.created_at, t.expires_at, t.paid_at,
                         t.paid_late, t.failure_code
                  FROM sales s JOIN tenders t ON t.id = s.id WHERE s.id > ? ORDER BY s.id LIMIT 500`)
    : db.prepare('SELECT * FROM sales WHERE id > ? ORDER BY id LIMIT 500');
  for (let sales = page.all(0) as LegacySale[]; sales.length > 0; sales = page.all(sales[sales.length - 1]!.id) as LegacySale[]) for (const sale of sales) {
    appendFor(db, till, {
      type: 'migrated.sale',
      version: 1,
      payload: {
        sale: sale.id,
        amountCents: sale.amount_cents,
        currency: sale.currency,
        khrPerUsd: sale.khr_per_usd,
        status: sale.status,
        training: sale.training === 1,
        merchantName: sale.merchant_name,
        bakongId: sale.bakong_id,
        apiBaseUrl: sale.api_base_url,
        payTo: sale.pay_to,
        md5: sale.md5,
        khqrString: sale.khqr_string,
        createdAt: sale.created_at,
        expiresAt: sale.expires_at,
        paidAt: sale.paid_at,
        paidLate: sale.paid_late === 1,
        failureCode: sale.failure_code,
        history: (history.all(sale.id) as HistoryLine[]).map(journaledLine),
      },
    }, by);
  }
  const alerts = db.prepare('SELECT id, sale_id, kind, previous_status, created_at, dismissed_at FROM alerts ORDER BY id').all() as Array<{
    id: number; sale_id: number; kind: string; previous_status: string; created_at: number; dismissed_at: number | null;
  }>;
  for (const alert of alerts) {
    appendFor(db, till, {
      type: 'migrated.alert',
      version: 1,
      payload: { alert: alert.id, sale: alert.sale_id, kind: alert.kind, previousStatus: alert.previous_status, createdAt: alert.created_at, dismissedAt: alert.dismissed_at },
    }, by);
  }
}
