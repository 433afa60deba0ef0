/**
 * The one rule for a Bakong account ID, used wherever one is accepted: the Settings form (before
 * sending), the host's settings (before saving), the KHQR codec (tag 29/30 sub-tag 00), the API
 * client (an account named in a check answer) and the sandbox. One copy, so they cannot disagree.
 *
 * name@bank: letters A–Z/a–z, digits, '.', '_' or '-' on both sides of exactly one '@', at most 32
 * characters in all (the KHQR limit for the account ID). Real IDs look like john_smith@devb.
 * Runs everywhere: plain data and pure functions.
 */
import { hostMessage } from '../messages/index.ts';

/** KHQR's limit for the Bakong account ID (tag 29/30, sub-tag 00). */
export const ACCOUNT_ID_MAX_LENGTH = 32;

const ACCOUNT_ID_SHAPE = /^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+$/;

/** True only for a well-formed Bakong account ID (see above); anything else, of any type, is false. */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ACCOUNT_ID_MAX_LENGTH && ACCOUNT_ID_SHAPE.test(value);
}

/** How many receiving accounts besides the shop's own the owner may allow (Settings → other accounts). */
export const MAX_ALLOWED_ACCOUNTS = 10;

/** Is this list acceptable as the allowed accounts: at most MAX_ALLOWED_ACCOUNTS, each a Bakong account ID. */
export function areAllowedAccounts(ids: readonly unknown[]): ids is readonly string[] {
  return ids.length <= MAX_ALLOWED_ACCOUNTS && ids.every(isAccountId);
}

/** Why a Bakong ID field is refused, in the catalog's words: the host and the Settings form say the same. */
export const BAKONG_ID_REFUSAL = hostMessage('settings.bakongId', { max: ACCOUNT_ID_MAX_LENGTH });
export const ALLOWED_ACCOUNTS_REFUSAL = hostMessage('settings.allowedAccounts', { count: MAX_ALLOWED_ACCOUNTS, max: ACCOUNT_ID_MAX_LENGTH });
