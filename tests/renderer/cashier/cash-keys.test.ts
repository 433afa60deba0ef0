import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cashKeyAction } from '../../../src/renderer/cashier/cash-keys.ts';
import { keyboardAction } from '../../../src/renderer/cashier/keypad.ts';

describe('the cash screen\'s keys', () => {
  it('Enter takes the cash, Esc goes back, F-keys do what their buttons say', () => {
    assert.equal(cashKeyAction({ key: 'Enter', code: 'Enter' }), 'take');
    assert.equal(cashKeyAction({ key: 'Enter', code: 'NumpadEnter' }), 'take');
    assert.equal(cashKeyAction({ key: 'Escape', code: 'Escape' }), 'escape');
    assert.equal(cashKeyAction({ key: 'F2', code: 'F2' }), 'currency');
    assert.equal(cashKeyAction({ key: 'F3', code: 'F3' }), 'exact');
    assert.equal(cashKeyAction({ key: 'F6', code: 'F6' }), 'change');
    assert.equal(cashKeyAction({ key: 'F7', code: 'F7' }), 'qr');
    assert.equal(cashKeyAction({ key: 'F9', code: 'F9' }), 'void');
  });

  it('Shift + 1…8 are the notes by their place, whatever the layout types', () => {
    assert.deepEqual(cashKeyAction({ key: '!', code: 'Digit1', shiftKey: true }), { note: 0 });
    assert.deepEqual(cashKeyAction({ key: '*', code: 'Digit8', shiftKey: true }), { note: 7 });
    assert.equal(cashKeyAction({ key: '(', code: 'Digit9', shiftKey: true }), 'invalid');
  });

  it('digits, Backspace and Delete type the amount; N is not New sale here; F8 and Tab are left alone', () => {
    assert.equal(cashKeyAction({ key: '5', code: 'Digit5' }), '5');
    assert.equal(cashKeyAction({ key: '៥', code: 'Digit5' }), '5');
    assert.equal(cashKeyAction({ key: 'Backspace', code: 'Backspace' }), 'backspace');
    assert.equal(cashKeyAction({ key: 'Delete', code: 'Delete' }), 'clear');
    assert.equal(cashKeyAction({ key: 'n', code: 'KeyN' }), 'invalid');
    assert.equal(cashKeyAction({ key: 'F8', code: 'F8' }), null);
    assert.equal(cashKeyAction({ key: 'Tab', code: 'Tab' }), null);
    assert.equal(cashKeyAction({ key: 'F2', code: 'F2', ctrlKey: true }), null);
  });

  it('on the amount, F2 switches dollars and riel and F4 is Cash', () => {
    assert.equal(keyboardAction({ key: 'F2', code: 'F2' }), 'currency');
    assert.equal(keyboardAction({ key: 'F4', code: 'F4' }), 'cash');
  });
});
