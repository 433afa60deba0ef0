/** Messages about request: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const REQUEST_MESSAGES = {
} as const satisfies Catalog;
