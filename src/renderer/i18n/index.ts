/**
 * Translation lookup shared by both screens. Pure (no DOM), so it is tested in Node.
 */
import type { CommandError, ErrorCode, Language, SaleStatus } from '../../shared/contract.ts';
import { hostMessageText, isHostMessageCode, type HostMessage } from '../../shared/messages/index.ts';
import { en } from './en.ts';
import type { MessageKey, Messages } from './en.ts';
import { km } from './km.ts';

export type { MessageKey, Messages };
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const MESSAGES: Readonly<Record<Language, Messages>> = { en, km };

/** The other language, for the bilingual customer display. */
export function otherLanguage(language: Language): Language {
  return language === 'km' ? 'en' : 'km';
}

/** Fills `{name}` placeholders; unknown placeholders are left as written. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const messages = MESSAGES[language] ?? en;
  return fill(messages[key] || en[key], vars);
}

export function translator(language: Language): Translate {
  return (key, vars) => translate(language, key, vars);
}

/** Placeholder names used in a template, sorted (to check en and km agree). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1] ?? '').sort();
}

const ERROR_KEYS: Readonly<Record<ErrorCode, MessageKey>> = {
  invalid_request: 'error.invalid_request',
  invalid_amount: 'error.invalid_amount',
  payment_in_progress: 'error.payment_in_progress',
  not_found: 'error.not_found',
  not_allowed: 'error.not_allowed',
  sign_in_required: 'error.sign_in_required',
  not_configured: 'error.not_configured',
  api_error: 'error.api_error',
  verification_failed: 'error.verification_failed',
  storage_error: 'error.storage_error',
  internal: 'error.internal',
};

export const STATUS_KEYS: Readonly<Record<SaleStatus, MessageKey>> = {
  creating: 'status.creating',
  awaiting_payment: 'status.awaiting_payment',
  paid: 'status.paid',
  expired: 'status.expired',
  cancelled: 'status.cancelled',
  failed: 'status.failed',
};

/**
 * A command error for people: the translated headline for its category, and the host's catalog
 * message in the same language as detail (it carries the specifics, e.g. which check failed, with
 * the HTTP status and code). A host too old to send `text` falls back to its English message.
 */
export function describeError(
  language: Language,
  error: CommandError,
): { headline: string; detail: string | null } {
  const text = error.text && isHostMessageCode(error.text.code) ? hostMessageText(error.text, language) : '';
  const message = text || (typeof error.message === 'string' ? error.message.trim() : '');
  const key = Object.hasOwn(ERROR_KEYS, error.code) ? ERROR_KEYS[error.code] : undefined;
  if (!key) return { headline: message || translate(language, 'error.internal'), detail: null };
  const headline = translate(language, key);
  const detail = message && message !== headline ? message : null;
  return { headline, detail };
}

/** A host message (a sale's failure reason, a watch problem) in the screen's language. */
export function hostText(language: Language, message: HostMessage | null | undefined): string | null {
  return message ? hostMessageText(message, language) : null;
}
