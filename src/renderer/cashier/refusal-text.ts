/** What the screen says for each refused key, on the amount and on the cash screen (README, keyboard). */
import { MAX_RIEL } from '../../shared/cash/index.ts';
import { MAX_CHARGE_CENTS, formatRiel, formatUsd } from '../../shared/money.ts';
import type { MessageKey, Vars } from '../i18n/index.ts';
import type { CashRefusal } from './cash-store.ts';

const REFUSAL_TEXT: Record<CashRefusal, MessageKey> = {
  tooLarge: 'sell.refused.tooLarge',
  decimals: 'sell.refused.decimals',
  onePoint: 'sell.refused.onePoint',
  notAmount: 'sell.refused.notAmount',
  locked: 'sell.refused.locked',
  rielWhole: 'sell.refused.rielWhole',
  rielTooLarge: 'sell.refused.rielTooLarge',
  noAmount: 'sell.refused.noAmount',
  nothingLeft: 'tender.refused.nothingLeft',
  nothingTendered: 'tender.refused.nothingTendered',
};

/** The message and its values for a refusal. */
export function refusalText(reason: CashRefusal): [MessageKey, Vars] {
  return [REFUSAL_TEXT[reason], { max: reason === 'rielTooLarge' ? formatRiel(MAX_RIEL) : formatUsd(MAX_CHARGE_CENTS) }];
}
