// Where the customer display goes (electron/placement.ts), including the field failure: unplugging
// the second monitor must not put a full-screen customer window over the till.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseCustomerPlacement, cornerOf, placementChange, type DisplayLike } from '../../electron/placement.ts';

const PRIMARY: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const SECOND: DisplayLike = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 }, workArea: { x: 1920, y: 0, width: 1024, height: 768 } };
const THIRD: DisplayLike = { id: 3, bounds: { x: -800, y: 0, width: 800, height: 480 }, workArea: { x: -800, y: 0, width: 800, height: 480 } };

test('with a second monitor the customer display fills it', () => {
  const p = chooseCustomerPlacement({ displays: [PRIMARY, SECOND], primaryId: 1 });
  assert.deepEqual(p, { kind: 'external', displayId: 2, bounds: SECOND.bounds });
});

test('the first non-primary display is used, whatever order the OS lists them in', () => {
  const p = chooseCustomerPlacement({ displays: [SECOND, PRIMARY], primaryId: 1 });
  assert.equal(p.kind === 'external' && p.displayId, 2);
});

test('the display it was on before is preferred when it comes back', () => {
  const p = chooseCustomerPlacement({ displays: [PRIMARY, SECOND, THIRD], primaryId: 1, preferredId: 3 });
  assert.equal(p.kind === 'external' && p.displayId, 3);
  const gone = chooseCustomerPlacement({ displays: [PRIMARY, SECOND], primaryId: 1, preferredId: 3 });
  assert.equal(gone.kind === 'external' && gone.displayId, 2);
});

test('with one monitor at start it is an ordinary window in the corner (at most half the screen), shown', () => {
  const p = chooseCustomerPlacement({ displays: [PRIMARY], primaryId: 1 });
  assert.deepEqual(p, { kind: 'windowed', bounds: { x: 1120, y: 520, width: 800, height: 520 }, minimized: false });
});

test('unplugging the second monitor never puts a full-screen window on the till', () => {
  const before = chooseCustomerPlacement({ displays: [PRIMARY, SECOND], primaryId: 1 });
  const after = chooseCustomerPlacement({ displays: [PRIMARY], primaryId: 1, preferredId: 2, lostExternal: true });
  assert.equal(after.kind, 'windowed');
  assert.equal(after.kind === 'windowed' && after.minimized, true);
  // The full-screen frameless window is replaced, not moved.
  assert.equal(placementChange(before, after), 'recreate');
  // Plugged back in: back to full screen on it.
  const again = chooseCustomerPlacement({ displays: [PRIMARY, SECOND], primaryId: 1, preferredId: 2 });
  assert.deepEqual(again, before);
  assert.equal(placementChange(after, again), 'recreate');
});

test('moves between external displays or resolution changes move the window; windowed stays put', () => {
  const onSecond = chooseCustomerPlacement({ displays: [PRIMARY, SECOND], primaryId: 1 });
  const resized = chooseCustomerPlacement({ displays: [PRIMARY, { ...SECOND, bounds: { ...SECOND.bounds, width: 1280 } }], primaryId: 1 });
  assert.equal(placementChange(onSecond, onSecond), 'none');
  assert.equal(placementChange(onSecond, resized), 'move');
  const onThird = chooseCustomerPlacement({ displays: [PRIMARY, THIRD], primaryId: 1 });
  assert.equal(placementChange(onSecond, onThird), 'move');
  const windowed = chooseCustomerPlacement({ displays: [PRIMARY], primaryId: 1 });
  assert.equal(placementChange(windowed, { ...windowed, bounds: { x: 0, y: 0, width: 10, height: 10 } }), 'none');
  assert.equal(placementChange(null, windowed), 'recreate');
});

test('the corner window fits small screens', () => {
  const small = cornerOf({ x: 0, y: 0, width: 1024, height: 600 });
  assert.deepEqual(small, { x: 512, y: 300, width: 512, height: 300 });
  const offset = cornerOf({ x: 100, y: 50, width: 1920, height: 1040 });
  assert.equal(offset.x + offset.width, 2020);
  assert.equal(offset.y + offset.height, 1090);
});
