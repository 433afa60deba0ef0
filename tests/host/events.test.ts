/** The host's typed event emitter. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostEvents } from '../../src/host/events.ts';
import type { RecordedPayment } from '../../src/host/ledger/sales.ts';

const sale = { sale: { id: 7 } } as RecordedPayment;

test('listeners hear their event with its payload until they stop listening', () => {
  const events = new HostEvents();
  const heard: number[] = [];
  const stop = events.on('sale.paid', (paid) => heard.push(paid.sale.id));
  events.emit('sale.paid', sale);
  stop();
  events.emit('sale.paid', sale);
  assert.deepEqual(heard, [7]);
});

test('a listener that throws is logged; the others still hear the event and the emitter carries on', (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const events = new HostEvents();
  const heard: string[] = [];
  events.on('sale.paid', () => {
    throw new Error('printer desk broke');
  });
  events.on('sale.paid', () => heard.push('second'));
  assert.doesNotThrow(() => events.emit('sale.paid', sale));
  assert.deepEqual(heard, ['second']);
  assert.equal(logged.mock.callCount(), 1);
});
