/**
 * Reads back a job written by encodeRasterJob: for tests, and for support staff inspecting the files
 * the file transport writes. Strict: it knows only the commands we emit; anything else (text bytes,
 * other commands, a job cut short) is reported as `unknown` with its byte offset, never guessed at.
 */
import type { Bitmap } from '../types.ts';
import { CUT_PREFIX, DRAWER_KICK_LENGTH, DRAWER_KICK_PREFIX, DRAWER_PULSE_UNIT_MS, FEED_PREFIX, INIT, RASTER_HEADER_LENGTH, RASTER_MODE_NORMAL, RASTER_PREFIX } from './commands.ts';

/** Every command covers bytes [offset, offset + length) of the job; together they cover all of it. */
export type EscPosCommand =
  | { kind: 'init'; offset: number; length: number }
  | { kind: 'raster'; offset: number; length: number; bytesPerRow: number; rows: number; dataOffset: number }
  | { kind: 'feed'; offset: number; length: number; lines: number }
  | { kind: 'cut'; offset: number; length: number; feedUnits: number }
  /** ESC p m t1 t2: a drawer kick (escpos/drawer.ts), pin 2 or 5, pulse times in ms. */
  | { kind: 'drawer'; offset: number; length: number; pin: 2 | 5; onMs: number; offMs: number }
  /** NUL bytes between commands: what finishing an interrupted job may leave over (escpos/resume.ts); printers ignore them. */
  | { kind: 'padding'; offset: number; length: number }
  | { kind: 'unknown'; offset: number; length: number; reason: string };

export interface DecodedJob {
  commands: EscPosCommand[];
  /** All raster slices stacked, or null when the job has none. */
  raster: Bitmap | null;
}

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

const KNOWN_PREFIXES: ReadonlyArray<readonly number[]> = [INIT, FEED_PREFIX, RASTER_PREFIX, CUT_PREFIX, DRAWER_KICK_PREFIX];

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

export function decodeEscPosJob(bytes: Uint8Array): DecodedJob {
  const commands: EscPosCommand[] = [];
  const slices: Uint8Array[] = [];
  let bytesPerRow = 0;
  let height = 0;
  let at = 0;

  const truncated = (what: string) => {
    commands.push({ kind: 'unknown', offset: at, length: bytes.length - at, reason: `truncated ${what}` });
    at = bytes.length;
  };

  while (at < bytes.length) {
    if (startsWith(bytes, at, INIT)) {
      commands.push({ kind: 'init', offset: at, length: INIT.length });
      at += INIT.length;
    } else if (startsWith(bytes, at, FEED_PREFIX)) {
      if (at + 3 > bytes.length) { truncated('feed (ESC d)'); break; }
      commands.push({ kind: 'feed', offset: at, length: 3, lines: bytes[at + 2]! });
      at += 3;
    } else if (startsWith(bytes, at, CUT_PREFIX)) {
      if (at + 4 > bytes.length) { truncated('cut (GS V 66)'); break; }
      commands.push({ kind: 'cut', offset: at, length: 4, feedUnits: bytes[at + 3]! });
      at += 4;
    } else if (startsWith(bytes, at, DRAWER_KICK_PREFIX)) {
      if (at + DRAWER_KICK_LENGTH > bytes.length) { truncated('drawer kick (ESC p)'); break; }
      const m = bytes[at + 2]!;
      // ESC/POS also takes ASCII '0'/'1' for m; the POS writes 0 or 1 only.
      if (m === 0 || m === 1) {
        commands.push({ kind: 'drawer', offset: at, length: DRAWER_KICK_LENGTH, pin: m === 0 ? 2 : 5,
          onMs: bytes[at + 3]! * DRAWER_PULSE_UNIT_MS, offMs: bytes[at + 4]! * DRAWER_PULSE_UNIT_MS });
      } else {
        commands.push({ kind: 'unknown', offset: at, length: DRAWER_KICK_LENGTH, reason: `drawer kick pin mode ${hex(m)} (only 0 and 1 are used)` });
      }
      at += DRAWER_KICK_LENGTH;
    } else if (startsWith(bytes, at, RASTER_PREFIX)) {
      if (at + RASTER_HEADER_LENGTH > bytes.length) { truncated('raster header (GS v 0)'); break; }
      const mode = bytes[at + 3]!;
      const sliceBytesPerRow = bytes[at + 4]! | (bytes[at + 5]! << 8);
      const rows = bytes[at + 6]! | (bytes[at + 7]! << 8);
      const dataOffset = at + RASTER_HEADER_LENGTH;
      const length = RASTER_HEADER_LENGTH + sliceBytesPerRow * rows;
      if (at + length > bytes.length) { truncated(`raster data (${rows} rows × ${sliceBytesPerRow} bytes)`); break; }
      const problem =
        mode !== RASTER_MODE_NORMAL ? `raster mode ${mode} (only 0 is used)`
        : sliceBytesPerRow === 0 || rows === 0 ? 'empty raster slice'
        : bytesPerRow !== 0 && sliceBytesPerRow !== bytesPerRow ? `raster slice ${sliceBytesPerRow} bytes wide after ${bytesPerRow}`
        : null;
      if (problem) {
        commands.push({ kind: 'unknown', offset: at, length, reason: problem });
      } else {
        bytesPerRow = sliceBytesPerRow;
        height += rows;
        slices.push(bytes.subarray(dataOffset, at + length));
        commands.push({ kind: 'raster', offset: at, length, bytesPerRow: sliceBytesPerRow, rows, dataOffset });
      }
      at += length;
    } else if (bytes[at] === 0) {
      let end = at + 1;
      while (end < bytes.length && bytes[end] === 0) end++;
      commands.push({ kind: 'padding', offset: at, length: end - at });
      at = end;
    } else {
      // Not ours: skip to where one of our commands could start again and report the whole run.
      let end = at + 1;
      while (end < bytes.length && !KNOWN_PREFIXES.some((p) => startsWith(bytes, end, p))) end++;
      const rest = bytes.length - at;
      const cutShort = KNOWN_PREFIXES.some((p) => rest < p.length && startsWith(bytes, at, p.slice(0, rest)));
      const reason = cutShort ? 'truncated command' : `unexpected byte ${hex(bytes[at]!)}`;
      commands.push({ kind: 'unknown', offset: at, length: end - at, reason });
      at = end;
    }
  }

  if (slices.length === 0) return { commands, raster: null };
  const data = new Uint8Array(bytesPerRow * height);
  let row = 0;
  for (const slice of slices) {
    data.set(slice, row);
    row += slice.length;
  }
  return { commands, raster: { width: bytesPerRow * 8, height, data } };
}
