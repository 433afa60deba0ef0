import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CHARGE_CENTS, formatUsd } from '../../../src/shared/money.ts';
import {
  applyKey,
  applyKeys,
  isKeypadKey,
  pressKey,
  digitOf,
  keyboardAction,
  keyedCents,
  splitDisplay,
} from '../../../src/renderer/cashier/keypad.ts';
import type { KeypadKey } from '../../../src/renderer/cashier/keypad.ts';
import { canCharge, isUnresolved } from '../../../src/renderer/cashier/sale.ts';
import type { SaleView } from '../../../src/shared/contract.ts';
import { saleView } from '../../support/sale-view.ts';

const keys = (...k: KeypadKey[]) => applyKeys(k);

describe('keypad sequences', () => {
  it('1 0 . 5 0 is $10.50', () => {
    const text = keys('1', '0', '.', '5', '0');
    assert.equal(text, '10.50');
    assert.equal(keyedCents(text), 1050);
  });

  it('starts empty at zero', () => {
    assert.equal(keyedCents(''), 0);
    assert.equal(keys(), '');
  });

  it('accepts only one decimal point', () => {
    assert.equal(keys('1', '.', '.', '5'), '1.5');
    assert.equal(keys('1', '.', '5', '.'), '1.5');
    assert.equal(keyedCents(keys('1', '.', '5', '.', '2')), 152);
  });

  it('refuses a third decimal', () => {
    assert.equal(keys('3', '.', '9', '9', '9'), '3.99');
    assert.equal(keyedCents('3.99'), 399);
  });

  it('"." first gives "0."', () => {
    assert.equal(keys('.'), '0.');
    assert.equal(keyedCents('0.'), 0);
    assert.equal(keys('.', '5'), '0.5');
    assert.equal(keyedCents(keys('.', '5')), 50);
    assert.equal(keyedCents(keys('.', '0', '5')), 5);
  });

  it('drops pointless leading zeros', () => {
    assert.equal(keys('0', '0', '0'), '0');
    assert.equal(keys('0', '7'), '7');
    assert.equal(keys('0', '0', '7', '5'), '75');
    assert.equal(keys('0', '.', '2', '5'), '0.25');
  });

  it('00 on empty or zero gives 0, otherwise two zeros', () => {
    assert.equal(keys('00'), '0');
    assert.equal(keys('0', '00'), '0');
    assert.equal(keys('00', '00', '5'), '5');
    assert.equal(keys('5', '00'), '500');
    assert.equal(keyedCents(keys('5', '00')), 50_000);
    assert.equal(keys('5', '.', '00'), '5.00');
    // Only as many zeros as decimals allow.
    assert.equal(keys('5', '.', '5', '00'), '5.50');
    assert.equal(keys('5', '.', '5', '5', '00'), '5.55');
  });

  it('keyed amount 0 . 0 0 is zero cents (nothing to charge)', () => {
    assert.equal(keyedCents(keys('.', '00')), 0);
  });

  it('backspace removes one character, clear empties', () => {
    assert.equal(keys('1', '2', '.', '3', 'backspace'), '12.');
    assert.equal(keys('1', '2', '.', '3', 'backspace', 'backspace'), '12');
    assert.equal(keys('backspace'), '');
    assert.equal(keys('9', '9', 'clear'), '');
    assert.equal(keys('.', 'backspace', '5'), '5');
  });

  it('caps the amount at MAX_CHARGE_CENTS', () => {
    assert.equal(MAX_CHARGE_CENTS, 10_000_000);
    const max = keys('1', '0', '0', '0', '0', '0');
    assert.equal(keyedCents(max), MAX_CHARGE_CENTS);
    assert.equal(applyKey(max, '0'), max, 'a seventh digit would pass the cap');
    assert.equal(applyKey(max, '00'), max);
    assert.equal(applyKeys(['.', '0', '0'], max), '100000.00');
    assert.equal(applyKeys(['.', '0', '1'], max), '100000.0', 'cents past the cap are refused');
    assert.equal(keys('9', '9', '9', '9', '9', '9'), '99999', 'the sixth 9 would be $999,999');
    assert.equal(keyedCents(keys('9', '9', '9', '9', '9', '.', '9', '9')), 9_999_999);
    assert.equal(keys('1', '0', '0', '0', '0', '00'), '100000', 'only the zero that fits');
  });

  it('never produces text that money.ts rejects', () => {
    const all: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '00', '.', 'backspace', 'clear'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 300; run++) {
      let text = '';
      for (let i = 0; i < 20; i++) {
        text = applyKey(text, all[Math.floor(random() * all.length)]!);
        const cents = keyedCents(text);
        assert.ok(Number.isSafeInteger(cents) && cents >= 0 && cents <= MAX_CHARGE_CENTS, text);
        assert.match(text, /^(?:(?:0|[1-9][0-9]*)(?:\.[0-9]{0,2})?)?$/);
      }
    }
  });
});

describe('refused presses say why', () => {
  const press = (keysSoFar: KeypadKey[], key: KeypadKey) => pressKey(applyKeys(keysSoFar), key);

  it('99999999: the sixth 9 is refused as over the largest amount, not dropped silently', () => {
    assert.deepEqual(press(['9', '9', '9', '9', '9'], '9'), { text: '99999', refused: 'tooLarge' });
    assert.deepEqual(press(['1', '0', '0', '0', '0'], '00'), { text: '100000', refused: 'tooLarge' });
    assert.deepEqual(pressKey('100000.0', '1'), { text: '100000.0', refused: 'tooLarge' });
  });

  it('a third decimal and a second decimal point are refused with their own reasons', () => {
    assert.deepEqual(press(['3', '.', '9', '9'], '9'), { text: '3.99', refused: 'decimals' });
    assert.deepEqual(press(['5', '.', '5'], '00'), { text: '5.50', refused: 'decimals' }, 'only one of the two zeros fits');
    assert.deepEqual(press(['1', '.'], '.'), { text: '1.', refused: 'onePoint' });
  });

  it('accepted presses and harmless ones (a zero on zero, Backspace on nothing) are not refusals', () => {
    assert.deepEqual(press(['1'], '2'), { text: '12', refused: null });
    assert.deepEqual(press(['0'], '0'), { text: '0', refused: null });
    assert.deepEqual(press([], '00'), { text: '0', refused: null });
    assert.deepEqual(press([], 'backspace'), { text: '', refused: null });
    assert.deepEqual(press(['7'], 'clear'), { text: '', refused: null });
  });
});

describe('amount display', () => {
  it('typed + pending is the formatted amount', () => {
    for (const text of ['', '0', '0.', '0.5', '10', '10.', '10.5', '10.50', '1234.5', '100000']) {
      const { typed, pending } = splitDisplay(text);
      assert.equal(typed + pending, formatUsd(keyedCents(text)), text);
    }
  });

  it('shows what was keyed so far', () => {
    assert.deepEqual(splitDisplay(''), { typed: '', pending: '$0.00' });
    assert.deepEqual(splitDisplay('10'), { typed: '$10', pending: '.00' });
    assert.deepEqual(splitDisplay('10.'), { typed: '$10.', pending: '00' });
    assert.deepEqual(splitDisplay('1234.5'), { typed: '$1,234.5', pending: '0' });
    assert.deepEqual(splitDisplay('10.50'), { typed: '$10.50', pending: '' });
  });
});

describe('physical keyboard', () => {
  it('maps digits, decimal keys, editing keys and Enter', () => {
    assert.equal(keyboardAction({ key: '7', code: 'Digit7' }), '7');
    assert.equal(keyboardAction({ key: '7', code: 'Numpad7' }), '7');
    assert.equal(keyboardAction({ key: 'Home', code: 'Numpad7' }), '7', 'NumLock off');
    assert.equal(keyboardAction({ key: '.', code: 'Period' }), '.');
    assert.equal(keyboardAction({ key: ',', code: 'Comma' }), '.');
    assert.equal(keyboardAction({ key: ',', code: 'NumpadDecimal' }), '.');
    assert.equal(keyboardAction({ key: 'Delete', code: 'NumpadDecimal' }), '.', 'NumLock off decimal is not Clear');
    assert.equal(keyboardAction({ key: 'Backspace', code: 'Backspace' }), 'backspace');
    assert.equal(keyboardAction({ key: 'Escape', code: 'Escape' }), 'escape', 'Cancel while a QR waits, else Clear');
    assert.equal(keyboardAction({ key: 'Delete', code: 'Delete' }), 'clear');
    assert.equal(keyboardAction({ key: 'Enter', code: 'Enter' }), 'charge');
    assert.equal(keyboardAction({ key: 'Enter', code: 'NumpadEnter' }), 'charge');
  });

  it('takes Khmer digits ០–៩ as 0–9 (Khmer keyboard layout left on)', () => {
    const khmer = ['០', '១', '២', '៣', '៤', '៥', '៦', '៧', '៨', '៩'];
    khmer.forEach((digit, n) => {
      assert.equal(keyboardAction({ key: digit, code: `Digit${n}` }), String(n), digit);
      assert.equal(keyboardAction({ key: digit }), String(n), `${digit} without a code`);
      assert.equal(digitOf(digit), String(n));
    });
    assert.equal(digitOf('\u17DF'), null, 'the character before ០ is not a digit');
    assert.equal(digitOf('\u17EA'), null, 'the character after ៩ is not a digit');
    assert.equal(digitOf('១២'), null);
  });

  it('reads the number row and the full stop key by their place whatever the layout types', () => {
    // Khmer layout: the full stop key types the khan "។"; AZERTY: the number row types symbols.
    assert.equal(keyboardAction({ key: '។', code: 'Period' }), '.');
    assert.equal(keyboardAction({ key: '&', code: 'Digit1' }), '1');
    assert.equal(keyboardAction({ key: 'à', code: 'Digit0' }), '0');
    assert.equal(keyboardAction({ key: '៥', code: 'Numpad5' }), '5');
    assert.equal(keyboardAction({ key: '.', code: 'NumpadDecimal' }), '.');
    // Shift on a US layout types symbols: those are not digits, and are refused visibly.
    assert.equal(keyboardAction({ key: '!', code: 'Digit1', shiftKey: true }), 'invalid');
    assert.equal(keyboardAction({ key: '>', code: 'Period', shiftKey: true }), 'invalid');
    // Named keys on those places keep their meaning (never seen in practice, but not a digit).
    assert.equal(keyboardAction({ key: 'Dead', code: 'Digit6' }), null);
    assert.equal(keyboardAction({ key: '១', code: 'Digit1', ctrlKey: true }), null);
  });

  it('a Khmer-layout amount keys like an English one', () => {
    const presses = [
      { key: '១', code: 'Digit1' },
      { key: '២', code: 'Digit2' },
      { key: '។', code: 'Period' },
      { key: '៥', code: 'Digit5' },
    ];
    const text = presses.reduce((t, press) => {
      const action = keyboardAction(press);
      assert.ok(action !== null && isKeypadKey(action));
      return applyKey(t, action);
    }, '');
    assert.equal(keyedCents(text), 1250);
  });

  it('refuses characters an amount cannot hold (a letter, a sign, the "e" of 1e5), instead of dropping them', () => {
    assert.equal(keyboardAction({ key: 'a', code: 'KeyA' }), 'invalid');
    assert.equal(keyboardAction({ key: 'e', code: 'KeyE' }), 'invalid');
    assert.equal(keyboardAction({ key: '+', code: 'NumpadAdd' }), 'invalid');
    assert.equal(keyboardAction({ key: '-', code: 'Minus' }), 'invalid');
    assert.equal(keyboardAction({ key: 'េ', code: 'KeyE' }), 'invalid', 'a Khmer letter');
  });

  it('N is New sale (by its place too, for the Khmer layout); Space is left to the focused button', () => {
    assert.equal(keyboardAction({ key: 'n', code: 'KeyN' }), 'newSale');
    assert.equal(keyboardAction({ key: 'N', code: 'KeyN', shiftKey: true }), 'newSale');
    assert.equal(keyboardAction({ key: 'ន', code: 'KeyN' }), 'newSale');
    assert.equal(keyboardAction({ key: ' ', code: 'Space' }), null);
  });

  it('ignores other keys and shortcuts', () => {
    assert.equal(keyboardAction({ key: 'Tab', code: 'Tab' }), null);
    assert.equal(keyboardAction({ key: 'ArrowLeft', code: 'ArrowLeft' }), null);
    assert.equal(keyboardAction({ key: 'F5', code: 'F5' }), null);
    assert.equal(keyboardAction({ key: 'n', code: 'KeyN', ctrlKey: true }), null);
    assert.equal(keyboardAction({ key: '1', code: 'Digit1', ctrlKey: true }), null);
    assert.equal(keyboardAction({ key: 'r', code: 'KeyR', metaKey: true }), null);
  });
});

describe('charge rules', () => {
  const sale = (status: SaleView['status']): SaleView => saleView(status, { id: 1, amountCents: 100, training: true });


  it('needs a non-zero amount and no unresolved payment', () => {
    assert.equal(canCharge(0, null, false), false);
    assert.equal(canCharge(1050, null, false), true);
    assert.equal(canCharge(1050, null, true), false, 'a charge already on its way');
    assert.equal(canCharge(1050, sale('creating'), false), false);
    assert.equal(canCharge(1050, sale('awaiting_payment'), false), false);
    for (const status of ['paid', 'expired', 'cancelled', 'failed'] as const) {
      assert.equal(canCharge(1050, sale(status), false), true, status);
      assert.equal(isUnresolved(sale(status)), false);
    }
  });
});
