/**
 * Pairing a till over loopback HTTP against a real PostgreSQL: the code is one-time, expires and allows
 * a few wrong attempts; a till id (a copied data folder) or a till code is paired once; the token is
 * answered once and kept only as its SHA-256.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { addTill, newCodeFor, PAIRING_ATTEMPTS, PAIRING_CODE_LIFETIME_MS } from '../../src/backoffice/tills.ts';
import { newTestTill, post, startBackoffice, testChain, type TestBackoffice } from '../support/backoffice.ts';
import { testPostgres } from '../support/postgres.ts';

const postgres = await testPostgres();
const skip = postgres.skip;

const pairWith = (backoffice: TestBackoffice, pairingCode: string, till: { id: string; code: string }): ReturnType<typeof post> =>
  post(`${backoffice.url}/api/till/pair`, { pairingCode, tillId: till.id, tillCode: till.code });

/** The code with its last character changed: the right first group, a wrong secret. */
const wrong = (code: string): string => code.slice(0, -1) + (code.endsWith('2') ? '3' : '2');

test('a pairing code pairs its till once and answers a token of 256 bits that only the till keeps', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const { code } = await addTill(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  assert.match(code, /^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
  const till = newTestTill();
  // Typed in lower case with spaces: still the code.
  const answer = await pairWith(backoffice, code.toLowerCase().replaceAll('-', ' '), till);
  assert.equal(answer.status, 201);
  assert.equal(answer.body.shop, 'Phsar Thmei');
  assert.equal(answer.body.till, 'Front counter');
  const token = answer.body.token as string;
  assert.equal(Buffer.from(token, 'base64url').length, 32);
  const stored = await backoffice.pool.query<{ token_hash: string }>('SELECT token_hash FROM till_tokens');
  assert.deepEqual(stored.rows, [{ token_hash: createHash('sha256').update(token).digest('hex') }], 'only the hash is stored');
  const again = await pairWith(backoffice, code, newTestTill('M2N3P4'));
  assert.deepEqual([again.status, again.body.error], [403, 'pairing_code_spent']);
  assert.equal((await post(`${backoffice.url}/api/till/journal`, { rows: testChain(till, 2) }, token)).status, 200, 'the token pushes');
});

test(`a code allows ${PAIRING_ATTEMPTS} wrong attempts; then even the right one is refused, and a new code works`, { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const { code } = await addTill(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  const till = newTestTill();
  for (let i = 0; i < PAIRING_ATTEMPTS; i++) {
    const answer = await pairWith(backoffice, wrong(code), till);
    assert.deepEqual([answer.status, answer.body.error], [403, 'pairing_code_wrong']);
  }
  const right = await pairWith(backoffice, code, till);
  assert.deepEqual([right.status, right.body.error], [403, 'pairing_code_spent']);
  assert.equal((await backoffice.pool.query('SELECT 1 FROM till_tokens')).rowCount, 0);
  const fresh = await newCodeFor(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  assert.equal((await pairWith(backoffice, fresh.code, till)).status, 201);
});

test('a code expires after its lifetime (the back office\'s clock, moved by the test)', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const first = await addTill(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  const second = await addTill(backoffice.pool, 'Phsar Thmei', 'Back counter', backoffice.clock.now);
  backoffice.clock.now = new Date(backoffice.clock.now.getTime() + PAIRING_CODE_LIFETIME_MS - 1);
  assert.equal((await pairWith(backoffice, first.code, newTestTill('AAAAAA'))).status, 201, 'still valid just before');
  backoffice.clock.now = new Date(backoffice.clock.now.getTime() + 1);
  const late = await pairWith(backoffice, second.code, newTestTill('BBBBBB'));
  assert.deepEqual([late.status, late.body.error], [403, 'pairing_code_spent']);
});

test('a copied data folder (the same till id) is refused at pairing, and so is a till code another till has', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const till = newTestTill('K7QX2M');
  const { code } = await addTill(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  assert.equal((await pairWith(backoffice, code, till)).status, 201);
  const copy = await addTill(backoffice.pool, 'Phsar Thmei', 'The copy', backoffice.clock.now);
  const copied = await pairWith(backoffice, copy.code, till);
  assert.deepEqual([copied.status, copied.body.error], [409, 'till_already_paired']);
  const sameCode = await pairWith(backoffice, copy.code, newTestTill('K7QX2M'));
  assert.deepEqual([sameCode.status, sameCode.body.error], [409, 'till_code_taken']);
  assert.equal((await pairWith(backoffice, copy.code, newTestTill('K7QX2N'))).status, 201, 'the refusals did not spend the code');
});

test('two copies of one till pairing at once with two codes: exactly one is paired', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const till = newTestTill();
  const codes = await Promise.all(['One', 'Two', 'Three'].map((name) => addTill(backoffice.pool, 'Phsar Thmei', name, backoffice.clock.now)));
  const answers = await Promise.all(codes.map(({ code }) => pairWith(backoffice, code, till)));
  assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409]);
  assert.deepEqual(answers.filter((a) => a.status === 409).map((a) => a.body.error), ['till_already_paired', 'till_already_paired']);
});

test('a malformed pairing request is refused', { skip }, async (t) => {
  const backoffice = await startBackoffice(t, postgres);
  const { code } = await addTill(backoffice.pool, 'Phsar Thmei', 'Front counter', backoffice.clock.now);
  for (const body of [{}, { pairingCode: code, tillId: 'NOT-A-UUID', tillCode: 'K7QX2M' }, { pairingCode: code, tillId: newTestTill().id, tillCode: 'k7qx2m' }]) {
    assert.equal((await post(`${backoffice.url}/api/till/pair`, body)).status, 400);
  }
  assert.deepEqual((await pairWith(backoffice, 'ABC', newTestTill())).body.error, 'pairing_code_wrong');
});
