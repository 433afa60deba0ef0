/**
 * The cash drawer's settings rules, one copy for the Settings form and the host: which kick-out pin
 * the drawer's cable uses and how long the pulse lasts. ESC/POS counts pulse times in 2 ms units
 * (ESC p m t1 t2), so a time must be even; the bounds keep the solenoid safe: under 50 ms most
 * drawers do not open, over 250 ms on a solenoid rated for short pulses heats it (and some printers'
 * kick drivers), and 510 ms is the longest off time the command can say (t2 = 255).
 * Runs everywhere: plain data and pure functions.
 */

/** `2` / `5`: the kick-out connector pin the drawer's cable is wired to; `both` pulses pin 2, then pin 5. */
export type DrawerPin = 2 | 5 | 'both';
export const DRAWER_PINS: readonly DrawerPin[] = [2, 5, 'both'];

export const DRAWER_PULSE_ON_MS = { min: 50, max: 250 } as const;
export const DRAWER_PULSE_OFF_MS = { min: 50, max: 510 } as const;

export function isDrawerPin(value: unknown): value is DrawerPin {
  return value === 2 || value === 5 || value === 'both';
}

const evenIn = (value: unknown, range: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value % 2 === 0 && value >= range.min && value <= range.max;

/** The pulse's on time: a whole, even number of milliseconds in 50–250. */
export function isDrawerPulseOnMs(value: unknown): value is number {
  return evenIn(value, DRAWER_PULSE_ON_MS);
}

/** The rest after the pulse: a whole, even number of milliseconds in 50–510 (never shorter than the pulse: checked with it). */
export function isDrawerPulseOffMs(value: unknown): value is number {
  return evenIn(value, DRAWER_PULSE_OFF_MS);
}
