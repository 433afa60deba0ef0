// Public shapes of the codec: what buildKhqr takes and what parseKhqr returns.
// Absent values are null in decoded output (never undefined) so callers must face them.

import type { KhqrCurrency } from './amount.ts';
import type { TlvElement } from './tlv.ts';

export type { KhqrCurrency };
export type KhqrAccountType = 'individual' | 'merchant';

export interface KhqrAdditionalData {
  billNumber: string | null; // 62.01
  mobileNumber: string | null; // 62.02
  storeLabel: string | null; // 62.03
  terminalLabel: string | null; // 62.07
  purposeOfTransaction: string | null; // 62.08
}

export interface KhqrAlternateLanguage {
  languagePreference: string; // 64.00, e.g. 'km'
  merchantName: string; // 64.01
  merchantCity: string | null; // 64.02
}

export interface KhqrAccount {
  type: KhqrAccountType; // 'individual' = tag 29, 'merchant' = tag 30
  bakongAccountId: string; // 29.00 / 30.00
  merchantId: string | null; // 30.01 (merchant only)
  accountInfo: string | null; // 29.01 (individual only)
  acquiringBank: string | null; // 29.02 / 30.02
}

export interface KhqrDecoded {
  payloadFormat: '01';
  pointOfInitiation: 'static' | 'dynamic';
  account: KhqrAccount;
  unionPayAccount: string | null; // tag 15
  mcc: string;
  currency: KhqrCurrency;
  // Integer minor units: USD cents or whole riel; null for a static QR.
  amount: number | null;
  // Tag 54 exactly as written ("10.5", "10.50", "10"); compare `amount`, never this.
  amountText: string | null;
  country: 'KH';
  merchantName: string;
  merchantCity: string;
  additionalData: KhqrAdditionalData | null; // null when tag 62 is absent
  alternateLanguage: KhqrAlternateLanguage | null; // null when tag 64 is absent
  // Tag 99 epoch milliseconds; null when absent or when 99 holds a bank's own, non-timestamp data.
  createdAtMs: number | null;
  expiresAtMs: number | null;
  crc: string; // tag 63 as written
  // Every root field in string order, unknown tags included; templates carry `children`.
  tlv: TlvElement[];
}

export interface KhqrBuildInput {
  accountType: KhqrAccountType;
  bakongAccountId: string;
  // Merchant (tag 30): both required. Individual (tag 29): merchantId not allowed.
  merchantId?: string;
  acquiringBank?: string;
  // Individual only: 29.01 account information.
  accountInfo?: string;
  unionPayAccount?: string; // tag 15, KHR only
  merchantName: string;
  merchantCity?: string; // default 'Phnom Penh'
  currency: KhqrCurrency;
  // Integer USD cents or whole riel. Present = dynamic QR (POI 12), absent = static (POI 11).
  amountMinor?: number;
  merchantCategoryCode?: string; // default '5999'
  additionalData?: Partial<Record<keyof KhqrAdditionalData, string>>;
  alternateLanguage?: { languagePreference?: string; merchantName: string; merchantCity?: string };
  // Dynamic QRs only, both required: epoch milliseconds (13 digits), expiresAtMs > createdAtMs.
  createdAtMs?: number;
  expiresAtMs?: number;
}
