import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { GENESIS_PREV_HASH, NotCanonical, canonicalJson, isCanonical, rowBytes, rowHash } from '../../../../src/host/ledger/journal/canonical.ts';

const TILL = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const ROW1 = {
  tillId: TILL, seq: 1, uuid: '0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09', actor: 'system', at: 1764576000000,
  type: 'till.created', version: 1, payload: canonicalJson({ till: TILL, code: 'K7QX', schema: 13 }),
};
const ROW2 = {
  ...ROW1, seq: 2, uuid: 'c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f', actor: 'cashier', at: 1764576001234, type: 'sale.qrIssued',
  payload: canonicalJson({ sale: 1, md5: 'bd37ad8125e3de5e856d76c357f40882', amountCents: 250, payTo: 'shop@aclb', expiresAt: 1764576180000, khqrString: '0002010102' }),
};
const HASH1 = '428337a9fed5afd5e84adcd4b5d1b1128d0aa4bc4846740f60bd46cd5ea0ce00';
const HASH2 = '980cd2bf59903dd3fc1b9c1dfdcfea9743516f5f03e244b41b64407578c496cc';

test('the test vector of docs/journal.md: payloads, row bytes and chained hashes', () => {
  assert.equal(ROW1.payload, '{"code":"K7QX","schema":13,"till":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"}');
  assert.equal(ROW2.payload, '{"amountCents":250,"expiresAt":1764576180000,"khqrString":"0002010102","md5":"bd37ad8125e3de5e856d76c357f40882","payTo":"shop@aclb","sale":1}');
  assert.equal(rowBytes(ROW1).toString('utf8'),
    `KHQR-POS-JOURNAL-1\n${TILL}\n1\n0b6a5c1e-7d2f-4a83-9e10-5f4c3b2a1d09\nsystem\n1764576000000\ntill.created\n1\n${ROW1.payload}`);
  assert.equal(rowHash(GENESIS_PREV_HASH, ROW1), HASH1);
  assert.equal(rowHash(HASH1, ROW2), HASH2);
  // The document states the same values (a change to either fails here).
  const doc = readFileSync(new URL('../../../../docs/journal.md', import.meta.url), 'utf8');
  for (const value of [HASH1, HASH2, ROW1.payload, ROW2.payload, ROW1.uuid, ROW2.uuid, TILL]) assert.ok(doc.includes(value), value);
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
