/** Messages about voids and refunds (src/host/ledger/sale-voids.ts, refunds.ts): see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

export const REFUND_MESSAGES = {
  'refund.noSuchSale': {
    en: 'Sale {saleId} is not in the ledger.',
    km: 'ការលក់ {saleId} មិនមាននៅក្នុងបញ្ជីទេ។',
  },
  'refund.notCompleted': {
    en: 'Sale {saleId} was not paid: only a paid sale can be refunded.',
    km: 'ការលក់ {saleId} មិនទាន់បានបង់ប្រាក់ទេ៖ មានតែការលក់ដែលបានបង់ប្រាក់ទេ ដែលអាចសងប្រាក់វិញបាន។',
  },
  'refund.ofRefund': {
    en: '{number} is a refund: a refund cannot be refunded. Search for the sale it refunds.',
    km: '{number} គឺជាការសងប្រាក់វិញ៖ ការសងប្រាក់វិញមិនអាចសងវិញម្ដងទៀតបានទេ។ សូមស្វែងរកការលក់ដែលវាសងវិញ។',
  },
  'refund.overCap': {
    en: 'That is more than is left to refund on sale {saleId}: at most {usd} or {khr}.',
    km: 'នោះលើសពីចំនួនដែលនៅសល់សម្រាប់សងវិញលើការលក់ {saleId}៖ យ៉ាងច្រើន {usd} ឬ {khr}។',
  },
  'refund.nothingLeft': {
    en: 'Sale {saleId} has been refunded in full already.',
    km: 'ការលក់ {saleId} ត្រូវបានសងប្រាក់វិញទាំងស្រុងរួចហើយ។',
  },
  'refund.amountUsd': {
    en: 'The amount must be whole cents from $0.01 to {max}.',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែជាសេនគត់ ពី $0.01 ដល់ {max}។',
  },
  'refund.amountKhrCash': {
    en: 'Cash in riel must be whole hundreds of riel, from 100៛ to {max}.',
    km: 'សាច់ប្រាក់ជារៀលត្រូវតែជារយរៀលគត់ ពី 100៛ ដល់ {max}។',
  },
  'refund.amountKhr': {
    en: 'The amount must be whole riel from 1៛ to {max}.',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែជារៀលគត់ ពី 1៛ ដល់ {max}។',
  },
  'refund.reason': {
    en: 'Type a reason of 1 to {max} characters (no control characters).',
    km: 'សូមវាយមូលហេតុពី 1 ដល់ {max} តួអក្សរ (គ្មានតួអក្សរបញ្ជា)។',
  },
  'refund.reference': {
    en: 'Type the bank transfer\'s reference, 1 to {max} characters (no control characters).',
    km: 'សូមវាយលេខយោងនៃការផ្ទេរប្រាក់តាមធនាគារ ពី 1 ដល់ {max} តួអក្សរ (គ្មានតួអក្សរបញ្ជា)។',
  },
  'refund.trainingMismatch': {
    en: 'Sale {saleId} was made in training mode: refund it in training mode, and a real sale outside it.',
    km: 'ការលក់ {saleId} ត្រូវបានធ្វើក្នុងរបៀបហ្វឹកហាត់៖ សូមសងវិញក្នុងរបៀបហ្វឹកហាត់ ហើយការលក់ពិតនៅក្រៅរបៀបនោះ។',
  },
  'refund.searchQuery': {
    en: 'Search by receipt number (e.g. {example}), a date (YYYY-MM-DD) or an amount.',
    km: 'ស្វែងរកតាមលេខបង្កាន់ដៃ (ឧ. {example}) កាលបរិច្ឆេទ (YYYY-MM-DD) ឬចំនួនទឹកប្រាក់។',
  },
  'approval.notApprover': {
    en: 'Only an owner or a manager can approve this.',
    km: 'មានតែម្ចាស់ ឬអ្នកគ្រប់គ្រងទេ ដែលអាចអនុម័តការនេះបាន។',
  },
  'approval.pinFormat': {
    en: 'Choose an owner or a manager and type their PIN (4 to 6 digits).',
    km: 'សូមជ្រើសរើសម្ចាស់ ឬអ្នកគ្រប់គ្រង ហើយវាយលេខ PIN របស់គាត់ (4 ដល់ 6 ខ្ទង់)។',
  },
  'void.noSuchSale': {
    en: 'Sale {saleId} is not in the ledger.',
    km: 'ការលក់ {saleId} មិនមាននៅក្នុងបញ្ជីទេ។',
  },
  'void.notOpen': {
    en: 'Sale {saleId} is not open: a paid sale is refunded, not voided.',
    km: 'ការលក់ {saleId} មិនបើកទេ៖ ការលក់ដែលបានបង់ប្រាក់ត្រូវសងប្រាក់វិញ មិនមែនលុបចោលទេ។',
  },
  'void.noCash': {
    en: 'No cash was tendered on sale {saleId}: cancel it instead (no PIN needed).',
    km: 'មិនមានសាច់ប្រាក់ត្រូវបានទទួលលើការលក់ {saleId} ទេ៖ សូមបោះបង់វាជំនួសវិញ (មិនត្រូវការលេខ PIN)។',
  },
  'void.khqrPaid': {
    en: 'A KHQR payment was received on sale {saleId}: finish the sale, then refund it.',
    km: 'បានទទួលការបង់ប្រាក់ KHQR លើការលក់ {saleId}៖ សូមបញ្ចប់ការលក់ រួចសងប្រាក់វិញ។',
  },
  'void.qrPending': {
    en: 'Sale {saleId} still has a QR waiting for payment: cancel the QR first.',
    km: 'ការលក់ {saleId} នៅមាន QR កំពុងរង់ចាំការបង់ប្រាក់៖ សូមបោះបង់ QR ជាមុនសិន។',
  },
} as const satisfies Catalog;
