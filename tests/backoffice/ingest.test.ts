/**
 * The ingest endpoint against a real PostgreSQL over loopback HTTP: each row stored exactly once,
 * whatever is pushed twice or at once; gaps, forged, tampered and diverging rows refused whole; hashes
 * recomputed from the stored bytes (the documented test vector and a real till's journal agree).
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { openLedger } from '../../src/host/ledger/database.ts';
import { canonicalJson, GENESIS_PREV_HASH, rowHash } from '../../src/host/ledger/journal/canonical.ts';
import type { WireRow } from '../../src/backoffice/journal-rows.ts';
import { appendRow, newTestTill, pairTestTill, post, startBackoffice, testChain, type TestBackoffice, type TestTill } from '../support/backoffice.ts';
import { testPostgres } from '../support/postgres.ts';
import { tempDir, waitFor } from '../support/temp.ts';

const postgres = await testPostgres();
const skip = postgres.skip;

const push = (backoffice: TestBackoffice, rows: unknown, token: string): ReturnType<typeof post> => post(`${backoffice.url}/api/till/journal`, { rows }, token);

async function storedSeqs(backoffice: TestBackoffice, tillId: string): Promise<string[]> {
  const { rows } = await backoffice.pool.query<{ epoch: string; seq: string }>('SELECT epoch, seq FROM journal_rows WHERE till_uuid = $1 ORDER BY epoch, seq', [tillId]);
  return rows.map((r) => `${r.epoch}:${r.seq}`);
}

/** A back office with one paired till, and that till's chain of `length` rows (not pushed yet). */
async function pairedTill(t: TestContext, length: number): Promise<{ backoffice: TestBackoffice; till: TestTill; token: string; chain: WireRow[] }> {
  const backoffice = await startBackoffice(t, postgres);
  const till = newTestTill();
  const token = await pairTestTill(backoffice, till);
  return { backoffice, till, token, chain: testChain(till, length) };
}

const headOf = (row: WireRow): { epoch: number; seq: number; hash: string } => ({ epoch: row.epoch, seq: row.seq, hash: row.hash });

test('the test vector of docs/journal.md is stored and answered with its documented head hash; the Khmer payload comes back byte for byte', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const till = { id: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', code: 'K7QX2M' };
  const token = await pairTestTill(backoffice, till);
  const base = { tillId: till.id, epoch: 1, version: 1 };
  const fields = [
    { ...base, seq: 1, uuid: '0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09', actor: 'system', at: 1764576000000, type: 'till.created', payload: canonicalJson({ till: till.id, code: 'K7QX2M', schema: 13 }) },
    { ...base, seq: 2, uuid: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f', actor: 'cashier', at: 1764576001234, type: 'sale.qrIssued', payload: canonicalJson({ sale: 1, md5: 'bd37ad8125e3de5e856d76c357f40882', amountCents: 250, payTo: 'shop@aclb', expiresAt: 1764576180000, khqrString: '0002010102' }) },
    { ...base, seq: 3, uuid: '5e0c7d6a-1b2c-4d3e-8f40-112233445566', actor: 'cashier', at: 1764576002000, type: 'sale.opened', payload: canonicalJson({ sale: 1, amountCents: 250, currency: 'USD', khrPerUsd: 4100, training: false, merchantName: 'ហាងកាហ្វេ "A"\n\t\u0001\u007f\u2028', bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' }) },
  ];
  const rows: WireRow[] = [];
  for (const f of fields) {
    const prevHash = rows.at(-1)?.hash ?? GENESIS_PREV_HASH;
    rows.push({ ...f, prevHash, hash: rowHash(prevHash, f) });
  }
  const answer = await push(backoffice, rows, token);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { head: { epoch: 1, seq: 3, hash: '019a8268c935e8122572933be923a762547981e623f98db52d1c59e3714a4fb1' }, stored: 3, duplicates: 0 });
  const { rows: [stored] } = await backoffice.pool.query<{ payload: Buffer }>("SELECT convert_to(payload, 'UTF8') AS payload FROM journal_rows WHERE seq = 3");
  assert.ok(stored!.payload.equals(Buffer.from(fields[2]!.payload, 'utf8')), 'the payload bytes are as hashed (no normalisation, no re-serialising)');
});

test('a real till\'s journal (a new ledger: till.created, settings.snapshot) is accepted with the till\'s own head', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const db = openLedger(tempDir(t));
  t.after(() => db.close());
  const till = db.prepare('SELECT id, code FROM till').get() as { id: string; code: string };
  const rows = (db.prepare('SELECT till_id AS tillId, epoch, seq, uuid, actor, at, type, version, payload, prev_hash AS prevHash, hash FROM journal ORDER BY seq').all()) as WireRow[];
  const token = await pairTestTill(backoffice, till);
  const answer = await push(backoffice, rows, token);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(answer.body.head, headOf(rows.at(-1)!));
});

test('the same batch pushed twice is stored once; an overlapping batch stores only its new rows', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 15);
  const first = await push(backoffice, chain.slice(0, 10), token);
  assert.deepEqual(first.body, { head: headOf(chain[9]!), stored: 10, duplicates: 0 });
  const again = await push(backoffice, chain.slice(0, 10), token);
  assert.deepEqual(again.body, { head: headOf(chain[9]!), stored: 0, duplicates: 10 });
  const overlap = await push(backoffice, chain.slice(4, 15), token);
  assert.deepEqual(overlap.body, { head: headOf(chain[14]!), stored: 5, duplicates: 6 });
  assert.equal((await storedSeqs(backoffice, till.id)).length, 15);
});

test('the same batch pushed eight times at once is stored exactly once, and every push is answered the same head', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 40);
  // Hold the table so that all eight pushes are inside their transactions at the same moment, whatever
  // the machine's speed: then only the cursor's lock keeps them from inserting the same rows.
  const blocker = new pg.Client({ connectionString: backoffice.databaseUrl });
  await blocker.connect();
  t.after(() => blocker.end());
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE journal_rows IN EXCLUSIVE MODE');
  const pushes = Promise.all(Array.from({ length: 8 }, () => push(backoffice, chain, token)));
  await waitFor('eight pushes waiting on a lock', async () => {
    const { rows } = await backoffice.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    return rows[0]!.n >= 8;
  });
  await blocker.query('COMMIT');
  const answers = await pushes;
  assert.deepEqual(answers.map((a) => a.status), Array(8).fill(200));
  assert.deepEqual(answers.map((a) => a.body.head), Array(8).fill(headOf(chain[39]!)));
  assert.equal(answers.reduce((sum, a) => sum + (a.body.stored as number), 0), 40, 'one push stored the rows, the others found them');
  assert.deepEqual(await storedSeqs(backoffice, till.id), chain.map((r) => `1:${r.seq}`));
});

test('a gap is refused with the stored head, and nothing of the batch is stored', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 8);
  await push(backoffice, chain.slice(0, 3), token);
  const gap = await push(backoffice, chain.slice(4, 8), token);
  assert.equal(gap.status, 409);
  assert.equal(gap.body.error, 'gap');
  assert.deepEqual(gap.body.head, headOf(chain[2]!));
  assert.deepEqual(await storedSeqs(backoffice, till.id), ['1:1', '1:2', '1:3']);
});

test('a till\'s first batch must start at its till.created, naming the id and code it was paired with', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 4);
  assert.equal((await push(backoffice, chain.slice(1), token)).body.error, 'gap');
  const otherCode = testChain({ ...till, code: 'ZZZZZZ' }, 4);
  assert.equal((await push(backoffice, otherCode, token)).body.error, 'not_first_row');
  assert.deepEqual(await storedSeqs(backoffice, till.id), []);
});

test('rows of another till pushed with a till\'s token are refused, and nothing is stored for either till', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const [mine, theirs] = [newTestTill('AAAAAA'), newTestTill('BBBBBB')];
  const myToken = await pairTestTill(backoffice, mine, 'Mine');
  await pairTestTill(backoffice, theirs, 'Theirs');
  const forged = await push(backoffice, testChain(theirs, 3), myToken);
  assert.equal(forged.status, 403);
  assert.equal(forged.body.error, 'not_your_till');
  const mixed = await push(backoffice, [...testChain(mine, 2), ...testChain(theirs, 1)], myToken);
  assert.equal(mixed.body.error, 'not_your_till');
  assert.equal((await backoffice.pool.query('SELECT 1 FROM journal_rows')).rowCount, 0);
  assert.equal((await push(backoffice, testChain(mine, 2), 'A'.repeat(43))).status, 401, 'an unknown token');
  const noToken = await post(`${backoffice.url}/api/till/journal`, { rows: testChain(mine, 2) });
  assert.deepEqual([noToken.status, noToken.body.error], [401, 'unauthorized']);
});

test('a row with one byte changed is refused (its hash no longer matches) and the whole batch is kept out', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 6);
  const tampered = chain.map((row) => ({ ...row }));
  tampered[3]!.payload = tampered[3]!.payload.replace('"amountCents":500', '"amountCents":505');
  assert.notEqual(tampered[3]!.payload, chain[3]!.payload);
  const answer = await push(backoffice, tampered, token);
  assert.deepEqual([answer.status, answer.body.error], [422, 'hash_mismatch']);
  // Rehashed to hide the change, it no longer links to the next row; alone, it is not the stored row.
  tampered[3]!.hash = rowHash(tampered[3]!.prevHash, tampered[3]!);
  assert.equal((await push(backoffice, tampered, token)).body.error, 'batch_not_contiguous');
  assert.deepEqual(await storedSeqs(backoffice, till.id), []);
  await push(backoffice, chain, token);
  const differs = await push(backoffice, tampered.slice(0, 4), token);
  assert.deepEqual([differs.status, differs.body.error], [409, 'row_differs']);
  assert.deepEqual(differs.body.head, headOf(chain[5]!));
});

test('a restored till\'s new epoch is kept beside the old branch; the old branch cannot grow after it', { skip }, async (t) => {
  const { backoffice, till, token, chain } = await pairedTill(t, 6);
  await push(backoffice, chain.slice(0, 5), token);
  // Restored from a backup made at seq 3: its epoch 2 starts at seq 4, linked to seq 3.
  const restored = chain.slice(0, 3);
  appendRow(restored, till, 'ledger.restored', { fromFile: 'backup.sqlite3', fromEpoch: 1, fromSeq: 3, fromHash16: chain[2]!.hash.slice(0, 16), replacedEpoch: null, replacedHeadSeq: null, replacedHeadHash16: null }, 2);
  appendRow(restored, till, 'sale.paid', { sale: 9, from: 'awaiting_payment', late: false });
  const answer = await push(backoffice, restored, token);
  assert.deepEqual(answer.body, { head: headOf(restored[4]!), stored: 2, duplicates: 3 });
  assert.deepEqual(await storedSeqs(backoffice, till.id), ['1:1', '1:2', '1:3', '1:4', '1:5', '2:4', '2:5']);
  const stale = await push(backoffice, chain.slice(5), token);
  assert.deepEqual([stale.status, stale.body.error], [409, 'stale_epoch']);
  // A new epoch must start from a row stored here.
  const unlinked = testChain(till, 2);
  appendRow(unlinked, till, 'ledger.restored', { fromFile: 'x.sqlite3', fromEpoch: 1, fromSeq: 2, fromHash16: '0'.repeat(16), replacedEpoch: 2, replacedHeadSeq: 5, replacedHeadHash16: '0'.repeat(16) }, 3);
  assert.equal((await push(backoffice, unlinked.slice(2), token)).body.error, 'chain_broken');
});

test('malformed batches are refused before the database: not UTF-8, not JSON, too many rows, a bad field', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const till = newTestTill();
  const token = await pairTestTill(backoffice, till);
  const url = `${backoffice.url}/api/till/journal`;
  const send = async (body: ArrayBuffer | string, type = 'application/json'): Promise<unknown> => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': type, Authorization: `Bearer ${token}` }, body });
    return [response.status, ((await response.json()) as { error: string }).error];
  };
  assert.deepEqual(await send(new Uint8Array([0x7b, 0xff, 0x7d]).buffer), [400, 'bad_request']);
  assert.deepEqual(await send('{"rows": ['), [400, 'bad_request']);
  assert.deepEqual(await send('{}', 'text/plain'), [415, 'unsupported_media_type']);
  assert.deepEqual(await send(JSON.stringify({ rows: testChain(till, 1001) })), [400, 'bad_request']);
  const [row] = testChain(till, 1);
  assert.deepEqual(await send(JSON.stringify({ rows: [{ ...row, actor: 'Sok Dara' }] })), [400, 'row_malformed']);
  assert.deepEqual(await send(JSON.stringify({ rows: [{ ...row, payload: row!.payload.replace(',', ', ') }] })), [400, 'row_malformed']);
  assert.deepEqual(await storedSeqs(backoffice, till.id), []);
});

test('a push cut off half-sent is logged as cut off, not as a back-office fault; nothing is stored', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const token = await pairTestTill(backoffice, newTestTill());
  const errors = t.mock.method(console, 'error', () => undefined);
  const warnings = t.mock.method(console, 'warn', () => undefined);
  const { port } = new URL(backoffice.url);
  const { connect } = await import('node:net');
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST /api/till/journal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: 4000\r\n\r\n{"rows":[`);
      socket.destroy();
      resolve();
    });
    socket.on('error', reject);
  });
  await waitFor('the cut request logged', () => warnings.mock.calls.some((call) => String(call.arguments[0]).includes('cut off')));
  assert.equal(errors.mock.callCount(), 0, 'no stack trace, no internal error');
  assert.equal(Number((await backoffice.pool.query('SELECT count(*) AS n FROM journal_rows')).rows[0].n), 0);
});
