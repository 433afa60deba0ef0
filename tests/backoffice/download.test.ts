/**
 * The download endpoint (GET /api/till/journal) against a real PostgreSQL over loopback HTTP: a till's
 * own rows after a row it names, as stored (byte for byte, so they hash), in pages, only the branch
 * that ends at the head when the back office holds a fork, and refusals for another branch, other
 * bytes, another till's rows and a bad token.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENESIS_PREV_HASH, rowHash } from '../../src/host/ledger/journal/canonical.ts';
import type { WireRow } from '../../src/backoffice/journal-rows.ts';
import { appendRow, newTestTill, pairTestTill, post, startBackoffice, testChain, type TestBackoffice } from '../support/backoffice.ts';
import { testPostgres } from '../support/postgres.ts';

const postgres = await testPostgres();
const skip = postgres.skip;

async function rowsAfter(backoffice: TestBackoffice, token: string, after: { epoch: number; seq: number; hash: string }, limit?: number) {
  const query = new URLSearchParams({ afterEpoch: String(after.epoch), afterSeq: String(after.seq), afterHash: after.hash, ...(limit ? { limit: String(limit) } : {}) });
  const response = await fetch(`${backoffice.url}/api/till/journal?${query.toString()}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as { rows: WireRow[]; head: { epoch: number; seq: number }; maxEpoch: number; more: boolean; error?: string } };
}

const at = (row: WireRow) => ({ epoch: row.epoch, seq: row.seq, hash: row.hash });

test('a till\'s rows after a row it names: as stored (they hash), paged, the branch of the head only; other branches, bytes, tills and tokens refused', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const till = newTestTill();
  const token = await pairTestTill(backoffice, till);
  const chain = testChain(till, 9);
  assert.equal((await post(`${backoffice.url}/api/till/journal`, { rows: chain }, token)).status, 200);
  // A restore from row 4 (epoch 2), rows 5..9 of epoch 1 left on the other branch.
  const restored = chain.slice(0, 4);
  appendRow(restored, till, 'ledger.restored', { fromFile: 'b.sqlite3', fromEpoch: 1, fromSeq: 4, fromHash16: chain[3]!.hash.slice(0, 16), replacedEpoch: null, replacedHeadSeq: null, replacedHeadHash16: null }, 2);
  for (let i = 0; i < 3; i++) appendRow(restored, till, 'sale.paid', { sale: 90 + i, from: 'awaiting_payment', late: false });
  assert.equal((await post(`${backoffice.url}/api/till/journal`, { rows: restored.slice(4) }, token)).status, 200);

  // From before row 1, in pages of 3: rows 1–4 of epoch 1, then epoch 2 from 5 — never epoch 1's 5–9.
  const got: WireRow[] = [];
  let after = { epoch: 1, seq: 0, hash: GENESIS_PREV_HASH };
  for (let pages = 0; ; pages++) {
    const answer = await rowsAfter(backoffice, token, after, 3);
    assert.equal(answer.status, 200);
    assert.ok(answer.body.rows.length <= 3);
    assert.equal(answer.body.maxEpoch, 2);
    got.push(...answer.body.rows);
    if (!answer.body.more) break;
    after = at(answer.body.rows.at(-1)!);
    assert.ok(pages < 5);
  }
  assert.deepEqual(got, restored, 'byte for byte the branch that ends at the head');
  for (const row of got) assert.equal(rowHash(row.prevHash, row), row.hash);
  assert.deepEqual((await rowsAfter(backoffice, token, at(restored.at(-1)!))).body.rows, [], 'nothing after the head');

  assert.equal((await rowsAfter(backoffice, token, at(chain[6]!))).body.error, 'not_on_branch', 'epoch 1 past the fork was left');
  assert.equal((await rowsAfter(backoffice, token, { ...at(chain[2]!), hash: chain[1]!.hash })).body.error, 'row_differs');
  assert.equal((await rowsAfter(backoffice, token, { epoch: 1, seq: 1, hash: 'x' })).status, 400);
  assert.equal((await rowsAfter(backoffice, token, at(chain[0]!), 1001)).status, 400, 'a page is capped at 1,000 rows');
  assert.equal((await rowsAfter(backoffice, 'A'.repeat(43), at(chain[0]!))).status, 401);

  // Another till's token gets its own rows only (none here), never this till's.
  const other = newTestTill('M3Q8ZX');
  const otherToken = await pairTestTill(backoffice, other);
  const foreign = await rowsAfter(backoffice, otherToken, { epoch: 1, seq: 0, hash: GENESIS_PREV_HASH });
  assert.deepEqual([foreign.status, foreign.body.rows], [200, []]);
});
