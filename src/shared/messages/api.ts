/**
 * Messages about the hosted payment API (src/host/api/, docs/hosted-api.md): see ./types.ts for the
 * rules every message follows. Each names the HTTP status when there was one and its own code, so a
 * cashier can read both to support; the API's own words are only ever in the log.
 */
import type { Catalog } from './types.ts';

export const API_MESSAGES = {
  'api.network': {
    en: 'Cannot reach the payment service: check the shop\'s internet connection (code api.network)',
    km: 'មិនអាចភ្ជាប់ទៅសេវាទូទាត់ប្រាក់បានទេ៖ សូមពិនិត្យការតភ្ជាប់អ៊ីនធឺណិតរបស់ហាង (កូដ api.network)',
  },
  'api.timeout': {
    en: 'The payment service did not answer within {seconds} s (code api.timeout)',
    km: 'សេវាទូទាត់ប្រាក់មិនបានឆ្លើយតបក្នុងរយៈពេល {seconds} វិនាទីទេ (កូដ api.timeout)',
  },
  'api.rateLimited': {
    en: 'The payment service says too many requests; waiting before asking again (HTTP {status}, code api.rateLimited)',
    km: 'សេវាទូទាត់ប្រាក់ប្រាប់ថាមានសំណើច្រើនពេក។ កំពុងរង់ចាំមុននឹងសួរម្តងទៀត (HTTP {status}, កូដ api.rateLimited)',
  },
  'api.http': {
    en: 'The payment service answered with an error (HTTP {status}, code api.http)',
    km: 'សេវាទូទាត់ប្រាក់បានឆ្លើយតបជាកំហុស (HTTP {status}, កូដ api.http)',
  },
  // A redirect's target host is the API's choice of words (it could read "payment-received.hand-over-goods.com"):
  // only its scheme and whether it is the API URL's own host are shown; the origin goes to the log.
  'api.redirect': {
    en: 'The payment service redirected to an {scheme} address on another host; check the API URL (HTTP {status}, code api.redirect)',
    km: 'សេវាទូទាត់ប្រាក់បានបញ្ជូនបន្តទៅអាសយដ្ឋាន {scheme} នៅលើម៉ាស៊ីនមេផ្សេង។ សូមពិនិត្យអាសយដ្ឋាន API (HTTP {status}, កូដ api.redirect)',
  },
  'api.redirectSameHost': {
    en: 'The payment service redirected to an {scheme} address on the same host; check the API URL (HTTP {status}, code api.redirect)',
    km: 'សេវាទូទាត់ប្រាក់បានបញ្ជូនបន្តទៅអាសយដ្ឋាន {scheme} នៅលើម៉ាស៊ីនមេដដែល។ សូមពិនិត្យអាសយដ្ឋាន API (HTTP {status}, កូដ api.redirect)',
  },
  'api.redirectUnknown': {
    en: 'The payment service redirected to another address; check the API URL (HTTP {status}, code api.redirect)',
    km: 'សេវាទូទាត់ប្រាក់បានបញ្ជូនបន្តទៅអាសយដ្ឋានផ្សេង។ សូមពិនិត្យអាសយដ្ឋាន API (HTTP {status}, កូដ api.redirect)',
  },
  'api.oversized': {
    en: 'The payment service sent an answer far too large to be real (HTTP {status}, code api.oversized)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើចម្លើយធំហួសហេតុ មិនអាចជាចម្លើយពិតទេ (HTTP {status}, កូដ api.oversized)',
  },
  'api.notJson': {
    en: 'The payment service sent an answer that is not JSON (HTTP {status}, code api.notJson)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើចម្លើយដែលមិនមែនជា JSON (HTTP {status}, កូដ api.notJson)',
  },
  'api.badShape': {
    en: 'The payment service sent an answer the POS cannot use (HTTP {status}, code api.badShape)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើចម្លើយដែលម៉ាស៊ីនលក់ប្រើមិនបាន (HTTP {status}, កូដ api.badShape)',
  },
  'api.noKhqr': {
    en: 'The payment service did not send a KHQR code (HTTP {status}, code api.noKhqr)',
    km: 'សេវាទូទាត់ប្រាក់មិនបានផ្ញើកូដ KHQR មកទេ (HTTP {status}, កូដ api.noKhqr)',
  },
  'api.badMd5': {
    en: 'The payment service did not send a valid reference (md5) for the QR (HTTP {status}, code api.badMd5)',
    km: 'សេវាទូទាត់ប្រាក់មិនបានផ្ញើលេខយោង (md5) ត្រឹមត្រូវសម្រាប់ QR មកទេ (HTTP {status}, កូដ api.badMd5)',
  },
  'api.checkFailed': {
    en: 'The payment service could not check the payment (HTTP {status}, code api.checkFailed)',
    km: 'សេវាទូទាត់ប្រាក់មិនអាចពិនិត្យការទូទាត់បានទេ (HTTP {status}, កូដ api.checkFailed)',
  },
  'api.unknownStatus': {
    en: 'The payment service sent a payment status the POS does not know; it is not taken as paid (HTTP {status}, code api.unknownStatus)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើស្ថានភាពទូទាត់ដែលម៉ាស៊ីនលក់មិនស្គាល់ ដូច្នេះមិនចាត់ទុកថាបានបង់ទេ (HTTP {status}, កូដ api.unknownStatus)',
  },
  'api.badAmount': {
    en: 'The payment service sent an amount the POS cannot read (HTTP {status}, code api.badAmount)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើចំនួនទឹកប្រាក់ដែលម៉ាស៊ីនលក់អានមិនបាន (HTTP {status}, កូដ api.badAmount)',
  },
  'api.badAccount': {
    en: 'The payment service sent an account the POS cannot read (HTTP {status}, code api.badAccount)',
    km: 'សេវាទូទាត់ប្រាក់បានផ្ញើគណនីដែលម៉ាស៊ីនលក់អានមិនបាន (HTTP {status}, កូដ api.badAccount)',
  },
  'api.otherAccount': {
    en: 'The payment service answered for the account “{account}”, not the account “{expected}”; the answer is ignored (code api.otherAccount)',
    km: 'សេវាទូទាត់ប្រាក់បានឆ្លើយសម្រាប់គណនី “{account}” មិនមែនគណនី “{expected}” ទេ។ ចម្លើយនេះមិនត្រូវបានយកមកប្រើទេ (កូដ api.otherAccount)',
  },
  'api.paidWithoutAccount': {
    en: 'The payment service said paid without naming the account; the answer is ignored (code api.paidWithoutAccount)',
    km: 'សេវាទូទាត់ប្រាក់ថាបានបង់ ប៉ុន្តែមិនបានប្រាប់គណនីទេ។ ចម្លើយនេះមិនត្រូវបានយកមកប្រើទេ (កូដ api.paidWithoutAccount)',
  },
  'api.otherAmount': {
    en: 'The payment service reported {reported}, not {expected}; the answer is ignored (code api.otherAmount)',
    km: 'សេវាទូទាត់ប្រាក់បានរាយការណ៍ចំនួន {reported} មិនមែន {expected} ទេ។ ចម្លើយនេះមិនត្រូវបានយកមកប្រើទេ (កូដ api.otherAmount)',
  },
  'api.paidWithoutAmount': {
    en: 'The payment service said paid without the amount; the answer is ignored (code api.paidWithoutAmount)',
    km: 'សេវាទូទាត់ប្រាក់ថាបានបង់ ប៉ុន្តែមិនបានប្រាប់ចំនួនទឹកប្រាក់ទេ។ ចម្លើយនេះមិនត្រូវបានយកមកប្រើទេ (កូដ api.paidWithoutAmount)',
  },
} as const satisfies Catalog;
