// Sender validation for IPC (electron/trusted-sender.ts), with plain objects standing in for
// Electron's event, frame and window: only the top frame of our own window showing its own
// app:// page is trusted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrustedSender, type SenderEventLike, type WindowLike } from '../../electron/trusted-sender.ts';

interface FakeFrame {
  url: string;
  parent: unknown;
  processId: number;
  routingId: number;
  destroyed: boolean;
  isDestroyed(): boolean;
}

function frame(url: string, over: Partial<FakeFrame> = {}): FakeFrame {
  return { url, parent: null, processId: 7, routingId: 1, destroyed: false, isDestroyed() { return this.destroyed; }, ...over };
}

function window(id: number, top: FakeFrame, destroyed = false): WindowLike {
  return { isDestroyed: () => destroyed, webContents: { id, mainFrame: top } };
}

function event(senderId: number, senderFrame: FakeFrame | null): SenderEventLike {
  return { sender: { id: senderId }, senderFrame };
}

const CASHIER = 'app://pos/cashier/index.html';
const CUSTOMER = 'app://pos/customer/index.html';

test('the top frame of the cashier window on the cashier page is trusted', () => {
  const top = frame(CASHIER);
  assert.equal(isTrustedSender(event(1, top), window(1, top), 'cashier'), true);
  // The hash or query a page adds for itself does not matter.
  const withHash = frame(`${CASHIER}#settings`);
  assert.equal(isTrustedSender(event(1, withHash), window(1, withHash), 'cashier'), true);
});

test('the customer window is not the cashier, even when it shows the cashier page', () => {
  const customerTop = frame(CUSTOMER, { processId: 9 });
  const cashierTop = frame(CASHIER);
  assert.equal(isTrustedSender(event(2, customerTop), window(1, cashierTop), 'cashier'), false);
  const hijacked = frame(CASHIER, { processId: 9 });
  assert.equal(isTrustedSender(event(2, hijacked), window(1, cashierTop), 'cashier'), false);
});

test('the right window on the wrong page, or on a foreign URL, is refused', () => {
  for (const url of [CUSTOMER, 'https://evil.example/cashier/index.html', 'file:///app/out/renderer/cashier/index.html', 'app://evil/cashier/index.html', 'about:blank']) {
    const top = frame(url);
    assert.equal(isTrustedSender(event(1, top), window(1, top), 'cashier'), false, url);
  }
});

test('iframes are refused, even same-origin ones in our window', () => {
  const top = frame(CASHIER);
  const child = frame(CASHIER, { parent: top, routingId: 2 });
  assert.equal(isTrustedSender(event(1, child), window(1, top), 'cashier'), false);
  // A sub-frame that claims no parent but is not the window's main frame.
  const orphan = frame(CASHIER, { routingId: 3 });
  assert.equal(isTrustedSender(event(1, orphan), window(1, top), 'cashier'), false);
});

test('a gone frame, a missing or destroyed window, is refused', () => {
  const top = frame(CASHIER);
  assert.equal(isTrustedSender(event(1, null), window(1, top), 'cashier'), false);
  assert.equal(isTrustedSender(event(1, frame(CASHIER, { destroyed: true })), window(1, top), 'cashier'), false);
  assert.equal(isTrustedSender(event(1, top), null, 'cashier'), false);
  assert.equal(isTrustedSender(event(1, top), window(1, top, true), 'cashier'), false);
});

test('the customer window may subscribe to the display, and only it', () => {
  const top = frame(CUSTOMER);
  assert.equal(isTrustedSender(event(2, top), window(2, top), 'customer'), true);
  assert.equal(isTrustedSender(event(2, top), window(2, top), 'cashier'), false);
  const cashierTop = frame(CASHIER);
  assert.equal(isTrustedSender(event(1, cashierTop), window(2, top), 'customer'), false);
});
