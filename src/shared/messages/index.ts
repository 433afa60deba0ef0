/**
 * The catalog of every message the host may show a person, in English and Khmer, one file per area
 * of the host (each area's errors and states live beside each other). A screen renders a
 * `HostMessage` with `hostMessageText`; the host logs the English text with `englishText`.
 */
import type { Language } from '../contract.ts';
import { ALERT_MESSAGES } from './alerts.ts';
import { AUTH_MESSAGES } from './auth.ts';
import { API_MESSAGES } from './api.ts';
import { CASH_MESSAGES } from './cash.ts';
import { BACKUP_MESSAGES } from './backup.ts';
import { DRAWER_MESSAGES } from './drawer.ts';
import { EXPORT_MESSAGES } from './export.ts';
import { INTEGRITY_MESSAGES } from './integrity.ts';
import { LEDGER_MESSAGES } from './ledger.ts';
import { PAYMENT_MESSAGES } from './payment.ts';
import { PRINTER_MESSAGES } from './printer.ts';
import { REFUND_MESSAGES } from './refunds.ts';
import { REQUEST_MESSAGES } from './request.ts';
import { SETTINGS_MESSAGES } from './settings.ts';
import { SHIFT_MESSAGES } from './shifts.ts';
import { SYNC_MESSAGES } from './sync.ts';
import type { Bilingual, Catalog, MessageParams } from './types.ts';

export type { Bilingual, Catalog, MessageParams };

export const HOST_MESSAGES = {
  ...ALERT_MESSAGES,
  ...AUTH_MESSAGES,
  ...API_MESSAGES,
  ...CASH_MESSAGES,
  ...BACKUP_MESSAGES,
  ...DRAWER_MESSAGES,
  ...EXPORT_MESSAGES,
  ...INTEGRITY_MESSAGES,
  ...LEDGER_MESSAGES,
  ...PAYMENT_MESSAGES,
  ...PRINTER_MESSAGES,
  ...REFUND_MESSAGES,
  ...REQUEST_MESSAGES,
  ...SETTINGS_MESSAGES,
  ...SHIFT_MESSAGES,
  ...SYNC_MESSAGES,
} as const satisfies Catalog;

export type HostMessageCode = keyof typeof HOST_MESSAGES;

/** What crosses from host to screen: a catalog code and the (validated) values to fill in. */
export interface HostMessage {
  code: HostMessageCode;
  params?: MessageParams;
}

/** A message built by the host; `params` only ever holds values the POS produced or validated. */
export function hostMessage(code: HostMessageCode, params?: MessageParams): HostMessage {
  return params ? { code, params } : { code };
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function fillPlaceholders(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Whether a value from the wire names a message in the catalog (screens check before they trust it). */
export function isHostMessageCode(code: unknown): code is HostMessageCode {
  return typeof code === 'string' && Object.hasOwn(HOST_MESSAGES, code);
}

/** The message in the given language; an unknown code (a newer host) shows the code itself. */
export function hostMessageText(message: HostMessage, language: Language): string {
  if (!isHostMessageCode(message.code)) return String(message.code);
  const entry: Bilingual = HOST_MESSAGES[message.code];
  return fillPlaceholders(entry[language] || entry.en, message.params);
}

/** The English text, for logs and for `Error.message`. */
export function englishText(message: HostMessage): string {
  return hostMessageText(message, 'en');
}
