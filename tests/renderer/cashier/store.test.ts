/**
 * The cashier store against a fake bridge (the one the Electron preload would put on `window`):
 * what the keypad does around a charge, refusals, and when a "host not answering" error goes stale.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { CashierBridge, CashierState, CommandReply } from '../../../src/shared/contract.ts';
import { saleView } from '../../support/sale-view.ts';

interface Call {
  name: string;
  args: unknown;
}
const calls: Call[] = [];
/** How the fake host answers the next command; a function that throws plays a host that is down. */
let answer: (name: string) => Promise<CommandReply<unknown>> = async () => ({ ok: true, value: null });

const bridge: CashierBridge = {
  invoke: (async (name: string, args: unknown) => {
    calls.push({ name, args });
    return answer(name);
  }) as CashierBridge['invoke'],
  onState: () => () => {},
};
Object.assign(globalThis, { window: { posCashier: bridge } });
const { isLinkError, useCashier } = await import('../../../src/renderer/cashier/store.ts');

const store = () => useCashier.getState();
const type = (keys: string) => {
  for (const key of keys) store().press(key as Parameters<ReturnType<typeof store>['press']>[0]);
};
const charges = () => calls.filter((call) => call.name === 'payment.charge').map((call) => call.args);

function state(current: CashierState['current']): CashierState {
  return {
    mode: 'live', merchantName: 'Shop', language: 'en', khrPerUsd: 4000, autoLockMinutes: 5, current, watch: null, ledgerUnwritable: false, alerts: [],
    printer: { setting: 'none', description: { code: 'printer.describeNone' }, problem: null, jobs: [] }, salesRevision: 1, integrity: { ok: true }, backup: { ok: true }, drawer: null,
    totals: { day: '2026-01-01', paidCount: 0, paidCents: 0, paidRiel: 0, overpaidCount: 0, overpaidCents: 0, otherAccountCount: 0, otherAccountCents: 0 },
    sync: { url: null, waiting: 0, words: { code: 'sync.unpaired' }, lastError: null, lastSyncedAt: null },
    auth: { user: { id: '00000000-0000-4000-8000-000000000001', name: 'Dara', role: 'cashier' }, users: [], needsOwner: false },
    serverTime: Date.now(),
  };
}

beforeEach(() => {
  calls.length = 0;
  answer = async () => ({ ok: true, value: null });
  useCashier.setState({
    state: state(null), keypadText: '', pending: null, error: null, errorOrigin: null, errorIsLink: false,
    refusal: null, confirmingCancel: false, hostReachable: true,
  });
});

describe('after any charge the next digit starts a new amount', () => {
  it('$4 fails (the payment service is down), New sale, 5: charges $5.00, not $45.00', async () => {
    type('4');
    answer = async () => ({ ok: false, error: { code: 'api_error', text: { code: 'api.network' }, message: 'down' } });
    await store().charge();
    store().receiveState(state(saleView('failed', { id: 1, amountCents: 400 })));
    answer = async () => ({ ok: true, value: null });
    assert.equal(await store().newSale(), true);
    store().receiveState(state(null));
    type('5');
    assert.equal(store().keypadText, '5');
    await store().charge();
    assert.deepEqual(charges(), [{ amountCents: 400 }, { amountCents: 500 }]);
  });

  it('a failed charge that reached no host at all also leaves the keypad for a new amount', async () => {
    type('4');
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    await store().charge();
    type('5');
    assert.equal(store().keypadText, '5');
  });

  it('a charge that worked clears the amount', async () => {
    type('12');
    await store().charge();
    assert.equal(store().keypadText, '');
  });

  it('while the charge is on its way, amount keys are refused (they would change what is being charged)', async () => {
    type('4');
    let release!: () => void;
    answer = () => new Promise((resolve) => (release = () => resolve({ ok: true, value: null })));
    const charging = store().charge();
    type('5');
    assert.equal(store().keypadText, '4');
    assert.equal(store().refusal?.reason, 'locked');
    release();
    await charging;
    assert.equal(store().keypadText, '');
  });
});

describe('refused keys are said, not dropped', () => {
  it('99999999: the sixth 9 is refused as too large, each refusal counted (so each one shakes)', () => {
    type('99999');
    assert.equal(store().refusal, null);
    type('9');
    assert.deepEqual(store().refusal, { reason: 'tooLarge', seq: 1 });
    type('9');
    assert.deepEqual(store().refusal, { reason: 'tooLarge', seq: 2 });
    assert.equal(store().keypadText, '99999');
    store().press('backspace');
    assert.equal(store().refusal, null, 'a correction takes the line away');
    store().refuse('notAmount');
    type('5');
    assert.equal(store().refusal?.reason, 'notAmount', 'keying on keeps it: 1e5 reads $15.00, and says why');
  });

  it('while a QR waits, amount keys are refused as "finish this payment first"', () => {
    store().receiveState(state(saleView('awaiting_payment', { id: 1 })));
    type('1');
    assert.equal(store().refusal?.reason, 'locked');
    assert.equal(store().keypadText, '');
  });
});

describe('"the POS host is not answering" goes away once the host is back', () => {
  async function failOnLink(): Promise<void> {
    type('4');
    answer = async () => {
      throw new TypeError('Failed to fetch');
    };
    await store().charge();
    assert.equal(store().errorIsLink, true);
    assert.ok(store().error);
    assert.equal(isLinkError(store().error!), true, 'any screen showing it (Settings too) says "not answering"');
  }

  it('cleared when the link comes back', async () => {
    await failOnLink();
    store().setHostReachable(false);
    assert.ok(store().error, 'still down: the error stays');
    store().setHostReachable(true);
    assert.equal(store().error, null);
  });

  it('cleared when the host pushes a state (it is answering)', async () => {
    await failOnLink();
    store().receiveState(state(null));
    assert.equal(store().error, null);
  });

  it('an answer from the host is not cleared by a state push', async () => {
    type('4');
    answer = async () => ({ ok: false, error: { code: 'not_configured', text: { code: 'payment.notConfigured' }, message: 'set up first' } });
    await store().charge();
    store().receiveState(state(null));
    store().setHostReachable(false);
    store().setHostReachable(true);
    assert.equal(store().error?.code, 'not_configured');
  });
});

describe('Cancel confirmation', () => {
  it('opens only while a QR waits, and closes when the sale is resolved meanwhile', () => {
    store().askCancel();
    assert.equal(store().confirmingCancel, false);
    store().receiveState(state(saleView('awaiting_payment', { id: 1 })));
    store().askCancel();
    assert.equal(store().confirmingCancel, true);
    store().receiveState(state(saleView('paid', { id: 1 })));
    assert.equal(store().confirmingCancel, false);
  });
});

describe('a Check now whose check failed', () => {
  const redirect = { code: 'api_error', text: { code: 'api.redirect', params: { status: 301, scheme: 'http' } }, message: 'redirected' } as const;
  const watching = (lastError: typeof redirect.text | null): CashierState => ({
    ...state(saleView('awaiting_payment', { id: 1 })),
    watch: { apiUnreachable: lastError !== null, lastError, lastCheckedAt: 1, cannotSave: false },
  });

  it('is shown as a translated error (headline and the catalog reason in the screen\'s language)', async () => {
    store().receiveState(watching(null));
    answer = async () => ({ ok: false, error: redirect });
    await store().checkNow();
    assert.deepEqual(store().error, redirect);
    const { describeError } = await import('../../../src/renderer/i18n/index.ts');
    const km = describeError('km', store().error!);
    assert.equal(km.headline, 'សេវាបង់ប្រាក់មានបញ្ហា។');
    assert.match(km.detail ?? '', /http.*\(HTTP 301, កូដ api\.redirect\)/);
    store().receiveState(watching(redirect.text));
    assert.deepEqual(store().error, redirect, 'the check still fails: the error stays');
  });

  it('goes away once a later check works, or the sale stops waiting', async () => {
    store().receiveState(watching(redirect.text));
    answer = async () => ({ ok: false, error: redirect });
    await store().checkNow();
    store().receiveState(watching(null));
    assert.equal(store().error, null, 'a check worked since');
    await store().checkNow();
    assert.ok(store().error);
    store().receiveState({ ...watching(redirect.text), current: saleView('paid', { id: 1 }) });
    assert.equal(store().error, null, 'the sale was paid meanwhile');
  });
});
