/**
 * The back office for tests: the real service on loopback HTTP against a fresh database of the test
 * PostgreSQL (tests/support/postgres.ts), journal chains hashed with the till's own function, and a
 * till paired through the real pairing endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'node:test';
import { canonicalJson, GENESIS_PREV_HASH, rowHash, type CanonicalValue } from '../../src/host/ledger/journal/canonical.ts';
import { openPool, type Pool } from '../../src/backoffice/db.ts';
import type { WireRow } from '../../src/backoffice/journal-rows.ts';
import { migrate } from '../../src/backoffice/migrate.ts';
import { startService } from '../../src/backoffice/server.ts';
import { addTill } from '../../src/backoffice/tills.ts';
import type { TestPostgres } from './postgres.ts';

type After = Pick<TestContext, 'after'>;

export interface TestBackoffice {
  url: string;
  databaseUrl: string;
  pool: Pool;
  /** The service's clock: a test moves it to expire pairing codes. */
  clock: { now: Date };
}

export async function startBackoffice(t: After, postgres: TestPostgres): Promise<TestBackoffice> {
  const databaseUrl = await postgres.database();
  const pool = openPool(databaseUrl);
  t.after(() => pool.end());
  await migrate(pool);
  const clock = { now: new Date() };
  const service = await startService({ host: '127.0.0.1', port: 0, tls: null }, { pool, now: () => clock.now });
  t.after(() => service.close());
  return { url: service.url, databaseUrl, pool, clock };
}

export async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface TestTill {
  id: string;
  code: string;
}

/** A till as its journal names it: a random UUID and a code in the till codes' alphabet. */
export function newTestTill(code = 'K7QX2M'): TestTill {
  return { id: randomUUID(), code };
}

/** Makes `tillName` (of `shop`) in the back office and pairs `till` with its code over HTTP; the token. */
export async function pairTestTill(backoffice: TestBackoffice, till: TestTill, tillName = `Till ${till.code}`, shop = 'Phsar Thmei'): Promise<string> {
  const { code } = await addTill(backoffice.pool, shop, tillName, backoffice.clock.now);
  const answer = await post(`${backoffice.url}/api/till/pair`, { pairingCode: code, tillId: till.id, tillCode: till.code });
  if (answer.status !== 201) throw new Error(`pairing failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

/** Appends a row to `chain`, hashed as the till hashes it. */
export function appendRow(chain: WireRow[], till: TestTill, type: string, payload: CanonicalValue, epoch?: number): WireRow {
  const before = chain.at(-1);
  const fields = {
    tillId: till.id, epoch: epoch ?? before?.epoch ?? 1, seq: (before?.seq ?? 0) + 1, uuid: randomUUID(),
    actor: type === 'sale.opened' ? 'cashier' : 'system', at: 1_764_576_000_000 + chain.length * 1000,
    type, version: 1, payload: canonicalJson(payload),
  };
  const prevHash = before?.hash ?? GENESIS_PREV_HASH;
  const row = { ...fields, prevHash, hash: rowHash(prevHash, fields) };
  chain.push(row);
  return row;
}

/**
 * A till's chain of `length` rows: its till.created, then sales opened and paid. Merchant names are
 * Khmer with escapes, DEL and U+2028, as docs/journal.md's test vector: bytes a re-serialiser would change.
 */
export function testChain(till: TestTill, length: number): WireRow[] {
  const chain: WireRow[] = [];
  appendRow(chain, till, 'till.created', { till: till.id, code: till.code, schema: 15 });
  for (let sale = 1; chain.length < length; sale++) {
    appendRow(chain, till, 'sale.opened', {
      sale, amountCents: 250 * sale, currency: 'USD', khrPerUsd: 4100, training: false,
      merchantName: 'ហាងកាហ្វេ "A"\n\t\u0001\u007f\u2028', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test',
    });
    if (chain.length < length) appendRow(chain, till, 'sale.paid', { sale, from: 'awaiting_payment', late: false });
  }
  return chain;
}
