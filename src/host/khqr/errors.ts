// One error class for the whole codec, so callers can branch on a stable machine `code` and show
// the plain-English `message` to a shop owner or put it in a log.

export type KhqrErrorCode =
  // TLV structure (tlv.ts)
  | 'TLV_EMPTY'
  | 'TLV_BAD_TAG'
  | 'TLV_BAD_LENGTH'
  | 'TLV_TRUNCATED'
  | 'TLV_DUPLICATE_TAG'
  | 'TLV_VALUE_TOO_LONG'
  // CRC (tag 63)
  | 'CRC_MISSING'
  | 'CRC_NOT_LAST'
  | 'CRC_MALFORMED'
  | 'CRC_MISMATCH'
  // field rules (rules.ts, amount.ts, parse.ts, build.ts)
  | 'FIELD_MISSING'
  | 'FIELD_EMPTY'
  | 'FIELD_TOO_LONG'
  | 'FIELD_INVALID'
  | 'PAYLOAD_FORMAT_INVALID'
  | 'POI_INVALID'
  | 'ACCOUNT_MISSING'
  | 'ACCOUNT_AMBIGUOUS'
  | 'ACCOUNT_ID_INVALID'
  | 'MCC_INVALID'
  | 'CURRENCY_UNSUPPORTED'
  | 'COUNTRY_INVALID'
  | 'UNIONPAY_WITH_USD'
  | 'AMOUNT_REQUIRED'
  | 'AMOUNT_NOT_ALLOWED'
  | 'AMOUNT_INVALID'
  | 'AMOUNT_TOO_LONG'
  | 'AMOUNT_USD_PRECISION'
  | 'AMOUNT_KHR_DECIMALS'
  | 'TIMESTAMP_REQUIRED'
  | 'TIMESTAMP_INVALID';

export interface KhqrErrorDetail {
  // Tag path of the offending field, e.g. '59', '62.01', '29.00'; null when not about one field.
  field?: string | null;
  // Character (code point) offset in the KHQR text, when the error is about a position.
  offset?: number | null;
}

export class KhqrError extends Error {
  readonly code: KhqrErrorCode;
  readonly field: string | null;
  readonly offset: number | null;

  constructor(code: KhqrErrorCode, message: string, detail: KhqrErrorDetail = {}) {
    super(message);
    this.name = 'KhqrError';
    this.code = code;
    this.field = detail.field ?? null;
    this.offset = detail.offset ?? null;
  }
}
