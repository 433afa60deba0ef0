/** Messages about shifts, X and Z reports: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/** The close refused, and the answers about shifts and Z reports (src/host/ledger/shifts.ts). */
export const SHIFT_MESSAGES = {
  'shift.alreadyClosed': {
    en: 'Shift {shift} is already closed ({z}) and no shift is open: a shift is never closed twice.',
    km: 'វេនទី {shift} ត្រូវបានបិទរួចហើយ ({z}) ហើយគ្មានវេនណាកំពុងបើកទេ៖ វេនមួយមិនអាចបិទពីរដងបានទេ។',
  },
  'shift.noneOpen': {
    en: 'No shift has been opened yet: there is nothing to close.',
    km: 'មិនទាន់មានវេនណាមួយត្រូវបានបើកនៅឡើយទេ៖ គ្មានអ្វីត្រូវបិទទេ។',
  },
  'shift.alreadyOpen': {
    en: 'Shift {shift} is already open.',
    km: 'វេនទី {shift} កំពុងបើករួចហើយ។',
  },
  'shift.paymentWatched': {
    en: '{count} payment(s) still being watched ({sales}): wait for the outcome, or close and carry them into the next shift.',
    km: 'ការបង់ប្រាក់ {count} នៅតែកំពុងត្រូវបានតាមដាន ({sales})៖ សូមរង់ចាំលទ្ធផល ឬបិទវេន ហើយផ្ទេរវាទៅវេនបន្ទាប់។',
  },
  'shift.zNotFound': {
    en: 'There is no Z report for shift {shift}.',
    km: 'មិនមានរបាយការណ៍ Z សម្រាប់វេនទី {shift} ទេ។',
  },
  'shift.numberInvalid': {
    en: 'The shift number must be a whole number from 1.',
    km: 'លេខវេនត្រូវតែជាចំនួនគត់ចាប់ពី 1 ឡើងទៅ។',
  },
  'shift.countStale': {
    en: 'Cash moved after the drawer was counted: count it again before closing.',
    km: 'មានសាច់ប្រាក់ចេញចូលក្រោយពេលរាប់ថតប្រាក់៖ សូមរាប់ម្តងទៀតមុនពេលបិទវេន។',
  },
  'shift.countInvalid': {
    en: 'The count must give, for USD and for KHR, either a total or the number of each note ($1 to $100; 100 to 100,000 riel), in whole numbers.',
    km: 'ការរាប់ត្រូវផ្តល់ សម្រាប់ដុល្លារ និងរៀល នូវចំនួនសរុប ឬចំនួនក្រដាសប្រាក់នីមួយៗ ($1 ដល់ $100; 100 ដល់ 100,000 រៀល) ជាចំនួនគត់។',
  },
  'shift.carryOverInvalid': {
    en: 'carryOver must be true or false.',
    km: 'carryOver ត្រូវតែជា true ឬ false។',
  },
} as const satisfies Catalog;
