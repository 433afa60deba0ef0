// The app:// rules (electron/app-url.ts): what is our origin, which page a URL is, which file a
// request may read (no path traversal), and what a renderer may request at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { contentTypeOf, isAllowedRequestUrl, isAppUrl, isPageUrl, PAGE_URLS, resolveAppPath } from '../../electron/app-url.ts';

const ROOT = join('/opt', 'pos', 'out', 'renderer');

test('our origin is app://pos and nothing else', () => {
  assert.equal(isAppUrl('app://pos/cashier/index.html'), true);
  assert.equal(isAppUrl('app://pos/assets/x.js'), true);
  for (const url of ['app://evil/cashier/index.html', 'https://pos/cashier/index.html', 'file:///cashier/index.html', 'http://127.0.0.1/', 'javascript:alert(1)', 'not a url', '']) {
    assert.equal(isAppUrl(url), false, url);
  }
});

test('page URLs name their page', () => {
  assert.equal(isPageUrl(PAGE_URLS.cashier, 'cashier'), true);
  assert.equal(isPageUrl(PAGE_URLS.customer, 'customer'), true);
  assert.equal(isPageUrl(PAGE_URLS.customer, 'cashier'), false);
  assert.equal(isPageUrl('app://pos/cashier/other.html', 'cashier'), false);
  assert.equal(isPageUrl('app://evil/cashier/index.html', 'cashier'), false);
});

test('requests map to files under out/renderer', () => {
  assert.equal(resolveAppPath(ROOT, 'app://pos/cashier/index.html'), join(ROOT, 'cashier', 'index.html'));
  assert.equal(resolveAppPath(ROOT, 'app://pos/customer/'), join(ROOT, 'customer', 'index.html'));
  assert.equal(resolveAppPath(ROOT, 'app://pos/assets/cashier-1.js?v=1#x'), join(ROOT, 'assets', 'cashier-1.js'));
});

test('path traversal and foreign hosts are refused', () => {
  for (const url of [
    'app://pos/../../etc/passwd',
    'app://pos/%2e%2e/%2e%2e/etc/passwd',
    'app://pos/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://pos/assets/..%5c..%5csecret',
    'app://pos/cashier/index.html%00.js',
    'app://pos/%E0%A4%A',
    'app://evil/cashier/index.html',
    'file:///etc/passwd',
  ]) {
    const file = resolveAppPath(ROOT, url);
    // Dot segments are folded by the URL parser itself, so at worst a request stays inside out/renderer.
    assert.ok(file === null || file.startsWith(ROOT + '/'), `${url} -> ${file}`);
  }
  assert.equal(resolveAppPath(ROOT, 'app://pos/assets/..%2f..%2f..%2fetc%2fpasswd'), null);
  assert.equal(resolveAppPath(ROOT, 'app://pos/cashier/index.html%00.js'), null);
  assert.equal(resolveAppPath(ROOT, 'app://evil/cashier/index.html'), null);
});

test('content types follow the web server', () => {
  assert.equal(contentTypeOf('a/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('a/x.JS'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('a/f.woff2'), 'font/woff2');
  assert.equal(contentTypeOf('a/unknown.bin'), 'application/octet-stream');
});

test('renderers may request only app://pos, data:, blob: and devtools:', () => {
  for (const url of ['app://pos/assets/a.js', 'data:image/png;base64,AAAA', 'blob:app://pos/1234', 'devtools://devtools/bundled/inspector.html']) {
    assert.equal(isAllowedRequestUrl(url), true, url);
  }
  for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8080/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'app://evil/x.js', 'ftp://x/']) {
    assert.equal(isAllowedRequestUrl(url), false, url);
  }
});
