/** Messages about payment: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const PAYMENT_MESSAGES = {
} as const satisfies Catalog;
