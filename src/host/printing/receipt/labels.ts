/**
 * The receipt's fixed words, English with Khmer. Customers read either; the shop owner's own
 * lines (header, footer) come from settings instead.
 */
export const LABELS = {
  date: 'Date / ថ្ងៃទី',
  sale: 'Sale / ការលក់',
  total: 'Total / សរុប',
  riel: 'In riel / ជាប្រាក់រៀល',
  rate: 'Rate / អត្រាប្តូរប្រាក់',
  paidBy: 'Paid by / បង់តាម',
  paidByValue: 'KHQR',
  usd: 'In dollars / ជាប្រាក់ដុល្លារ',
  cash: 'Cash / សាច់ប្រាក់',
  khqr: 'KHQR',
  change: 'Change / ប្រាក់អាប់',
  rounding: 'Rounding / ការបង្គត់',
  reference: 'Ref / លេខយោង',
  training: ['TRAINING — not a real payment', 'ហ្វឹកហាត់ — មិនមែនការបង់ប្រាក់ពិតទេ'],
  copy: ['COPY', 'ច្បាប់ចម្លង'],
  paidLate: [
    'Paid after the QR code had expired or been cancelled.',
    'បានបង់ប្រាក់ក្រោយពេល QR ផុតកំណត់ ឬត្រូវបានលុបចោល។',
  ],
} as const;
