import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GENESIS_PREV_HASH, NotCanonical, canonicalJson, fieldGrammarProblem, isCanonical, rowBytes, rowHash } from '../../../../src/host/ledger/journal/canonical.ts';

const TILL = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const ROW1 = {
  tillId: TILL, epoch: 1, seq: 1, uuid: '0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09', actor: 'system', at: 1764576000000,
  type: 'till.created', version: 1, payload: canonicalJson({ till: TILL, code: 'K7QX2M', schema: 13 }),
};
const ROW2 = {
  ...ROW1, seq: 2, uuid: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f', actor: 'cashier', at: 1764576001234, type: 'sale.qrIssued',
  payload: canonicalJson({ sale: 1, md5: 'bd37ad8125e3de5e856d76c357f40882', amountCents: 250, payTo: 'shop@aclb', expiresAt: 1764576180000, khqrString: '0002010102' }),
};
// The reviewer's non-ASCII row: Khmer (bytes as entered, no normalisation), a quote, escapes, a control
// character, DEL and U+2028 (both written as themselves, as Python's json.dumps(ensure_ascii=False) does).
const MERCHANT = 'ហាងកាហ្វេ "A"\n\t\u0001\u007f\u2028';
const ROW3 = {
  ...ROW1, seq: 3, uuid: '5e0c7d6a-1b2c-4d3e-8f40-112233445566', actor: 'cashier', at: 1764576002000, type: 'sale.opened',
  payload: canonicalJson({ sale: 1, amountCents: 250, currency: 'USD', khrPerUsd: 4100, training: false, merchantName: MERCHANT, bakongId: 'shop@aclb', apiBaseUrl: 'https://api.test' }),
};
// Computed independently with Python's hashlib and json.dumps (ensure_ascii=False, separators=(',',':'), sort_keys=True).
const HASH1 = '45434f1da33583c11c99f770778d6d3d8dc19c11ffa64bf9ab24ed1de6556b1a';
const HASH2 = '828a6131c0ba12186bb0822d2ef8b19fd6bcf50f3e5d1dc0999ce02a7436e21a';
const HASH3 = '019a8268c935e8122572933be923a762547981e623f98db52d1c59e3714a4fb1';

test('the test vector of docs/journal.md: payloads, row bytes and chained hashes', () => {
  assert.equal(ROW1.payload, '{"code":"K7QX2M","schema":13,"till":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"}');
  assert.equal(ROW2.payload, '{"amountCents":250,"expiresAt":1764576180000,"khqrString":"0002010102","md5":"bd37ad8125e3de5e856d76c357f40882","payTo":"shop@aclb","sale":1}');
  assert.equal(ROW3.payload, '{"amountCents":250,"apiBaseUrl":"https://api.test","bakongId":"shop@aclb","currency":"USD","khrPerUsd":4100,'
    + '"merchantName":"ហាងកាហ្វេ \\"A\\"\\n\\t\\u0001\u007f\u2028","sale":1,"training":false}');
  assert.equal(rowBytes(ROW1).toString('utf8'),
    `KHQR-POS-JOURNAL-1\n${TILL}\n1\n1\n0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09\nsystem\n1764576000000\ntill.created\n1\n${ROW1.payload}`);
  assert.equal(rowHash(GENESIS_PREV_HASH, ROW1), HASH1);
  assert.equal(rowHash(HASH1, ROW2), HASH2);
  assert.equal(rowHash(HASH2, ROW3), HASH3);
  // The epoch is hashed: the same row in epoch 2 is another row.
  assert.notEqual(rowHash(GENESIS_PREV_HASH, { ...ROW1, epoch: 2 }), HASH1);
  // The document states the same values (a change to either fails here).
  const doc = readFileSync(new URL('../../../../docs/journal.md', import.meta.url), 'utf8');
  for (const value of [HASH1, HASH2, HASH3, ROW1.payload, ROW2.payload, ROW1.uuid, ROW2.uuid, ROW3.uuid, TILL]) assert.ok(doc.includes(value), value);
});

test('the hashed fields\' grammar: lowercase UUIDs, actor [a-z0-9:-]{1,64}, type a.b, integers', () => {
  assert.equal(fieldGrammarProblem(ROW1), null);
  assert.equal(fieldGrammarProblem({ ...ROW1, actor: 'user:0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09' }), null);
  for (const bad of [
    { tillId: TILL.toUpperCase() }, { uuid: 'not-a-uuid' }, { actor: 'Sokha' }, { actor: 'a'.repeat(65) }, { actor: 'system\nx' }, { actor: '' },
    { type: 'sale' }, { type: 'Sale.opened' }, { type: 'sale.opened\n' }, { epoch: 0 }, { seq: 0 }, { seq: 1.5 }, { version: 0 }, { at: 2 ** 53 },
  ]) assert.notEqual(fieldGrammarProblem({ ...ROW1, ...bad }), null, JSON.stringify(bad));
});

test('canonical JSON: sorted keys, no whitespace, integers only, nothing dropped', () => {
  assert.equal(canonicalJson({ b: [1, 'x', null, true], a: { d: -5, c: 'é\n"' } }), '{"a":{"c":"é\\n\\"","d":-5},"b":[1,"x",null,true]}');
  assert.equal(canonicalJson(-0), '0');
  for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, undefined, { a: undefined }, { 'a b': 1 }, '\uD800', new Date(0), 1n]) {
    assert.throws(() => canonicalJson(bad), NotCanonical, String(bad));
  }
  assert.ok(isCanonical('{"a":1,"b":2}'));
  for (const text of ['{"b":2,"a":1}', '{"a": 1}', '{"a":1.0}', '{"a":1,"a":1}', '{"a":1e3}', 'nope']) assert.equal(isCanonical(text), false, text);
});
