// Public API of our own KHQR codec (no SDK at runtime; the SDK is only a test oracle).

export { buildKhqr } from './build.ts';
export { parseKhqr } from './parse.ts';
export { khqrMd5 } from './md5.ts';
export { crc16 } from './crc16.ts';
export { formatAmount, parseAmount, AMOUNT_MAX_CHARS } from './amount.ts';
export { parseTlv, serialiseTlv, codePointLength } from './tlv.ts';
export { KhqrError } from './errors.ts';
export type { KhqrErrorCode, KhqrErrorDetail } from './errors.ts';
export type { TlvElement, TlvField, ParseTlvOptions } from './tlv.ts';
export type {
  KhqrAccount,
  KhqrAccountType,
  KhqrAdditionalData,
  KhqrAlternateLanguage,
  KhqrBuildInput,
  KhqrCurrency,
  KhqrDecoded,
} from './types.ts';
