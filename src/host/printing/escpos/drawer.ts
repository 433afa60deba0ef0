/**
 * The drawer kick: ESC p m t1 t2 for each pin the drawer is wired to (pin 2: m = 0, pin 5: m = 1),
 * the pulse on for t1 × 2 ms and the rest t2 × 2 ms. Nothing else: no ESC @ (some printers drop
 * what they hold on it) and no text. The bytes go straight to the printer's transport, between two
 * jobs (every transport sends one job at a time), never through the print queue (printing/drawer.ts).
 *
 * The `escpos` package's `cashdraw` is not used (README, "Why not escpos / escpos-usb"): 3.0.0-alpha.6
 * sends a stray byte after the command and 2.5.2 cuts it short; its table has no pulse times to set.
 */
import { isDrawerPin, isDrawerPulseOffMs, isDrawerPulseOnMs, type DrawerPin } from '../../../shared/rules/drawer.ts';
import { DRAWER_KICK_LENGTH, DRAWER_KICK_PREFIX, DRAWER_PULSE_UNIT_MS } from './commands.ts';

export interface DrawerKickOptions {
  pin: DrawerPin;
  /** Pulse on time, ms (even, 50–250). */
  onMs: number;
  /** Rest after the pulse, ms (even, 50–510, not shorter than onMs). */
  offMs: number;
}

/** The kick's bytes: one ESC p per pin (pin 2 first with `both`). Throws on values the settings would refuse. */
export function encodeDrawerKick(options: DrawerKickOptions): Uint8Array {
  const { pin, onMs, offMs } = options;
  if (!isDrawerPin(pin)) throw new Error(`drawer pin ${String(pin)} is not 2, 5 or both`);
  if (!isDrawerPulseOnMs(onMs) || !isDrawerPulseOffMs(offMs) || offMs < onMs) {
    throw new Error(`drawer pulse ${onMs} ms on / ${offMs} ms off is outside the safe bounds`);
  }
  const modes = pin === 'both' ? [0, 1] : [pin === 2 ? 0 : 1];
  const bytes = new Uint8Array(modes.length * DRAWER_KICK_LENGTH);
  modes.forEach((m, i) => {
    bytes.set([...DRAWER_KICK_PREFIX, m, onMs / DRAWER_PULSE_UNIT_MS, offMs / DRAWER_PULSE_UNIT_MS], i * DRAWER_KICK_LENGTH);
  });
  return bytes;
}
