/** Messages about settings: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const SETTINGS_MESSAGES = {
} as const satisfies Catalog;
