/** Test helper: every number in a value is a safe integer and not −0 (money is never a float). */
import assert from 'node:assert/strict';

export function assertWholeNumbers(value: unknown, where = 'value'): void {
  if (typeof value === 'number') {
    assert.ok(Number.isSafeInteger(value), `${where} is ${value}, not a safe integer`);
    assert.ok(!Object.is(value, -0), `${where} is -0`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) assertWholeNumbers(inner, `${where}.${key}`);
  }
}
