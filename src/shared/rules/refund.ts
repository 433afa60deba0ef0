/**
 * Rules for voids and refunds, one copy for the screens and the host. The reason and a bank
 * transfer's reference are text the cashier types: stored, journaled, printed on the refund receipt
 * and shown again as text only, so kept short and plain (rules/cash.ts isPlainLine). Amounts are
 * integers in their own currency; a riel refund in cash is whole hundreds (the smallest note), one by
 * bank transfer any whole riel. Runs everywhere: plain data and pure functions.
 */
import { MAX_CASH_CENTS, MAX_CASH_RIEL, RIEL_STEP, isPlainLine } from './cash.ts';
import type { Currency } from '../cash/index.ts';

export type RefundMethod = 'cash' | 'bank_transfer';
export const REFUND_METHODS: readonly RefundMethod[] = ['cash', 'bank_transfer'];

/** Who may approve a void or a refund with their PIN: never a cashier. */
export type ApproverRole = 'owner' | 'manager';
export const APPROVER_ROLES: readonly ApproverRole[] = ['owner', 'manager'];

export const REFUND_REASON_MAX_CHARS = 60;
export const REFUND_REFERENCE_MAX_CHARS = 40;

export const isRefundReason = (text: string): boolean => isPlainLine(text, REFUND_REASON_MAX_CHARS);
export const isRefundReference = (text: string): boolean => isPlainLine(text, REFUND_REFERENCE_MAX_CHARS);

/** An amount to give back: a safe integer above 0, at most a charge's maximum; cash riel in whole hundreds. */
export function isRefundAmount(currency: Currency, method: RefundMethod, amount: unknown): amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return false;
  if (currency === 'USD') return amount <= MAX_CASH_CENTS;
  return amount <= MAX_CASH_RIEL && (method === 'bank_transfer' || amount % RIEL_STEP === 0);
}
