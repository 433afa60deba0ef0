/** Cash arithmetic in one import (docs/cash.md): money values, settling, change, tender keys. */
export { assertMoney, formatExact, formatMoney } from './amount.ts';
export { CHANGE_LIMIT, NO_CHANGE, changeExact, splitChange, type Change, type ChangeChoice } from './change.ts';
export { CURRENCIES, EXACT_PER_NOTE, EXACT_PER_RIEL, khr, toExact, usd, type Currency, type Money } from './money-value.ts';
export { QUICK_CASH, exactTender, khqrCents } from './quick-cash.ts';
export { KHR_PER_USD_RANGE, assertKhrPerUsd, isKhrPerUsd } from './rate.ts';
export { MAX_RIEL, assertRiel, parseRiel } from './riel.ts';
export { inBothCurrencies, isCovered, roundToCent, roundToNote } from './rounding.ts';
export { assertCovered, settle, type Remaining, type Sale, type Settlement } from './settle.ts';
