/** Messages about alerts: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/** What the cashier must acknowledge (src/host/ledger/alerts.ts), and the answers about it. */
export const ALERT_MESSAGES = {
  'alert.paidAfterExpiry': {
    en: 'Late payment: sale #{sale} ({amount}) was paid after it had expired. It is recorded as paid.',
    km: 'ការបង់ប្រាក់យឺត៖ ការលក់ #{sale} ({amount}) ត្រូវបានបង់ក្រោយពេលវាផុតកំណត់។ វាត្រូវបានកត់ត្រាថាបានបង់ហើយ។',
  },
  'alert.paidAfterCancel': {
    en: 'Late payment: sale #{sale} ({amount}) was paid after it had been cancelled. It is recorded as paid.',
    km: 'ការបង់ប្រាក់យឺត៖ ការលក់ #{sale} ({amount}) ត្រូវបានបង់ក្រោយពេលវាត្រូវបានបោះបង់។ វាត្រូវបានកត់ត្រាថាបានបង់ហើយ។',
  },
  'alert.overpaid': {
    en: 'Overpaid: sale #{sale} was already paid, and another {amount} arrived for it. Give the customer this money back.',
    km: 'បង់លើស៖ ការលក់ #{sale} បានបង់រួចហើយ ហើយប្រាក់ {amount} ទៀតបានចូលសម្រាប់វា។ សូមប្រគល់ប្រាក់នេះត្រឡប់ទៅអតិថិជនវិញ។',
  },
  'alert.paidAfterVoid': {
    en: 'Paid after the void: sale #{sale} was voided, and then {amount} arrived for it. Give the customer this money back.',
    km: 'បានបង់ក្រោយការចាត់ទុកជាមោឃៈ៖ ការលក់ #{sale} ត្រូវបានចាត់ទុកជាមោឃៈ ហើយបន្ទាប់មកប្រាក់ {amount} បានចូលសម្រាប់វា។ សូមប្រគល់ប្រាក់នេះត្រឡប់ទៅអតិថិជនវិញ។',
  },
  'alert.notFound': {
    en: 'There is no open alert #{id}; it may already have been dismissed',
    km: 'គ្មានការជូនដំណឹង #{id} ដែលកំពុងបើកទេ ប្រហែលជាវាត្រូវបានបិទរួចហើយ',
  },
} as const satisfies Catalog;
