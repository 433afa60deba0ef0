/**
 * The only ESC/POS commands a receipt job contains. Encoder and decoder share these bytes so the
 * decoder recognises exactly what the encoder writes and nothing else.
 */

export const ESC = 0x1b;
export const GS = 0x1d;

/** ESC @ — initialise: clears any mode a previous job (or another program) left set. */
export const INIT = [ESC, 0x40] as const;

/** ESC d n — print and feed n lines (n ≤ 255). */
export const FEED_PREFIX = [ESC, 0x64] as const;

/** GS v 0 m xL xH yL yH d… — raster bit image, m = 0 (normal size). */
export const RASTER_PREFIX = [GS, 0x76, 0x30] as const;
export const RASTER_MODE_NORMAL = 0;
/** Bytes from GS up to the image data. */
export const RASTER_HEADER_LENGTH = 8;

/**
 * GS V 66 n — feed the paper to the cutter (plus n motion units) and cut partially ("function B").
 * Chosen over GS V 1 because it brings the last printed line past the cutter by itself, so the end
 * of this receipt is never left on the next one; printers without a cutter ignore it.
 */
export const CUT_PREFIX = [GS, 0x56, 0x42] as const;

/** Cheap printers garble raster blocks taller than this, so images are sent in slices. */
export const MAX_SLICE_ROWS = 255;

/**
 * ESC p m t1 t2 — generate a pulse on the drawer kick-out connector: m 0 = pin 2, m 1 = pin 5;
 * on for t1 × 2 ms, then off for t2 × 2 ms (a printer uses t1 when t2 is shorter). The one command a
 * drawer kick contains (escpos/drawer.ts); never part of a receipt job.
 */
export const DRAWER_KICK_PREFIX = [ESC, 0x70] as const;
export const DRAWER_KICK_LENGTH = 5;
/** Pulse times are counted in units of 2 ms. */
export const DRAWER_PULSE_UNIT_MS = 2;
