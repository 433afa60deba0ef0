/** Which back-office addresses a till pairs with: https anywhere, plain http only to this machine. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBackofficeUrl } from '../../../src/host/sync/backoffice-url.ts';
import { backoffMs, BACKOFF_MAX_MS } from '../../../src/host/sync/backoff.ts';

test('https anywhere (path kept, trailing slash dropped); http only to loopback; no credentials, query or fragment', () => {
  const accepted: Array<[string, string]> = [
    ['https://bo.example.com', 'https://bo.example.com'],
    ['https://bo.example.com:8443/pos/', 'https://bo.example.com:8443/pos'],
    ['  https://BO.example.com  ', 'https://bo.example.com'],
    ['http://127.0.0.1:8790', 'http://127.0.0.1:8790'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
    ['http://localhost:8790/', 'http://localhost:8790'],
    ['http://[::1]:8790', 'http://[::1]:8790'],
  ];
  for (const [text, url] of accepted) assert.equal(parseBackofficeUrl(text), url, text);
  for (const text of ['http://bo.example.com', 'http://192.168.1.10:8790', 'http://128.0.0.1', 'http://localhost.example.com', 'https://owner:pw@bo.example.com',
    'https://bo.example.com/?x=1', 'https://bo.example.com/#x', 'ftp://127.0.0.1', 'bo.example.com', '', 42, null]) {
    assert.equal(parseBackofficeUrl(text), null, String(text));
  }
});

test('backoff: each wait is at least half its step and at most the step; steps double from 2 s and stop at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4].map((n) => backoffMs(n, () => 0)), [1_000, 2_000, 4_000, 8_000]);
  assert.deepEqual([1, 2, 3, 4].map((n) => backoffMs(n, () => 1)), [2_000, 4_000, 8_000, 16_000]);
  assert.equal(backoffMs(50, () => 1), BACKOFF_MAX_MS);
  assert.equal(backoffMs(50, () => 0), BACKOFF_MAX_MS / 2);
});
