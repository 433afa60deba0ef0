/** Messages about api: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const API_MESSAGES = {
} as const satisfies Catalog;
