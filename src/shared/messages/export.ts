/**
 * Messages about the accountant's export (src/host/export/): see ./types.ts for the rules every
 * message follows. Params are the dates the person typed only once they are checked.
 */
import type { Catalog } from './types.ts';

export const EXPORT_MESSAGES = {
  'export.dateFormat': {
    en: 'Dates must be real calendar dates written YYYY-MM-DD, for example 2026-12-01.',
    km: 'កាលបរិច្ឆេទត្រូវតែជាថ្ងៃពិតប្រាកដ សរសេរជាទម្រង់ YYYY-MM-DD ឧទាហរណ៍ 2026-12-01។',
  },
  'export.rangeReversed': {
    en: 'The start date {from} is after the end date {to}.',
    km: 'ថ្ងៃចាប់ផ្តើម {from} នៅក្រោយថ្ងៃបញ្ចប់ {to}។',
  },
  'export.rangeTooLong': {
    en: 'The range covers {days} days; one export covers at most {max}. Export it in parts.',
    km: 'ចន្លោះនេះមាន {days} ថ្ងៃ ការនាំចេញម្តងមួយបានយ៉ាងច្រើន {max} ថ្ងៃ។ សូមនាំចេញជាផ្នែកៗ។',
  },
  'export.format': {
    en: 'The export format must be csv or xlsx.',
    km: 'ទម្រង់នៃការនាំចេញត្រូវតែជា csv ឬ xlsx។',
  },
} as const satisfies Catalog;
