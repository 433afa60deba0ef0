/**
 * Where the customer display goes, as pure decisions the window code carries out.
 *
 * - A second monitor attached: full screen, frameless, on the first non-primary display (or the
 *   one it was on before, when that one comes back).
 * - No second monitor: an ordinary framed window in the corner of the primary display. When this
 *   follows an unplug it starts minimised: the known failure in this field is the customer
 *   window jumping onto the cashier's screen in full screen, hiding the till.
 *
 * Types are structural (Electron's Display satisfies DisplayLike), so this runs in plain Node tests.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export type CustomerPlacement =
  | { kind: 'external'; displayId: number; bounds: Rect }
  | { kind: 'windowed'; bounds: Rect; minimized: boolean };

export interface PlacementInput {
  displays: readonly DisplayLike[];
  primaryId: number;
  /** The external display the customer window was last on, preferred when it is still attached. */
  preferredId?: number | null;
  /** The customer window was on an external display that has just gone. */
  lostExternal?: boolean;
}

const WINDOWED_SIZE = { width: 800, height: 600 };
const FALLBACK_AREA: Rect = { x: 0, y: 0, width: 1280, height: 800 };

export function chooseCustomerPlacement(input: PlacementInput): CustomerPlacement {
  const external = input.displays.filter((d) => d.id !== input.primaryId);
  const target = external.find((d) => d.id === input.preferredId) ?? external[0];
  if (target) return { kind: 'external', displayId: target.id, bounds: { ...target.bounds } };
  const primary = input.displays.find((d) => d.id === input.primaryId) ?? input.displays[0];
  return {
    kind: 'windowed',
    bounds: cornerOf(primary?.workArea ?? FALLBACK_AREA),
    minimized: input.lostExternal === true,
  };
}

/** Bottom-right corner of the work area, at most half of it each way, so the till stays visible. */
export function cornerOf(area: Rect): Rect {
  const width = Math.min(WINDOWED_SIZE.width, Math.max(320, Math.floor(area.width / 2)));
  const height = Math.min(WINDOWED_SIZE.height, Math.max(240, Math.floor(area.height / 2)));
  return { x: area.x + area.width - width, y: area.y + area.height - height, width, height };
}

/**
 * What to do to get from the current placement to the next one. Frameless-fullscreen and framed
 * windows differ in a creation-time option (`frame`), so switching kind means a new window;
 * moving between external displays or a resolution change only moves it. A windowed customer
 * display stays wherever the owner dragged it.
 */
export function placementChange(current: CustomerPlacement | null, next: CustomerPlacement): 'none' | 'move' | 'recreate' {
  if (!current || current.kind !== next.kind) return 'recreate';
  if (current.kind === 'external' && next.kind === 'external') {
    return current.displayId === next.displayId && sameRect(current.bounds, next.bounds) ? 'none' : 'move';
  }
  return 'none';
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
