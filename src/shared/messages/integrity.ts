/**
 * The ledger's start check (src/host/ledger/integrity.ts): what the owner is told when the ledger is
 * not as the POS wrote it. Params are whole numbers only (a journal row, a sale, a Z's shift), never
 * text from the file. See ./types.ts for the rules every message follows.
 */
import type { Catalog } from './types.ts';

export const INTEGRITY_MESSAGES = {
  'integrity.title': {
    en: 'The sales records may have been changed outside the POS. Selling continues; tell the owner.',
    km: 'កំណត់ត្រាការលក់អាចត្រូវបានកែប្រែនៅក្រៅប្រព័ន្ធ POS។ ការលក់នៅតែបន្ត សូមប្រាប់ម្ចាស់ហាង។',
  },
  'integrity.since': {
    en: 'Found when the POS started at {time}.',
    km: 'បានរកឃើញនៅពេល POS ចាប់ផ្ដើមនៅម៉ោង {time}។',
  },
  'integrity.acknowledge': {
    en: 'Acknowledge',
    km: 'ទទួលស្គាល់',
  },
  'integrity.anchorMismatch': {
    en: 'The records up to the last Z report (shift {shift}, row {seq}) no longer match what that Z report recorded: they were rewritten.',
    km: 'កំណត់ត្រារហូតដល់របាយការណ៍ Z ចុងក្រោយ (វេនទី {shift} ជួរទី {seq}) លែងត្រូវគ្នានឹងអ្វីដែលរបាយការណ៍ Z នោះបានកត់ត្រាទៀតហើយ៖ វាត្រូវបានសរសេរឡើងវិញ។',
  },
  'integrity.chainBroken': {
    en: 'Journal row {seq} was changed, removed or added after it was written.',
    km: 'ជួរទី {seq} នៃបញ្ជីកត់ត្រាត្រូវបានកែប្រែ លុប ឬបន្ថែម បន្ទាប់ពីវាត្រូវបានសរសេររួច។',
  },
  'integrity.noJournal': {
    en: 'The journal of this till is missing or empty.',
    km: 'បញ្ជីកត់ត្រារបស់បញ្ជរលក់នេះបាត់ ឬទទេ។',
  },
  'integrity.guardsChanged': {
    en: '{count} of the ledger’s protections were removed or changed.',
    km: 'ការការពារ {count} របស់សៀវភៅបញ្ជីត្រូវបានដកចេញ ឬកែប្រែ។',
  },
  'integrity.saleDiffers': {
    en: 'Sale #{sale} is not what the journal recorded: it was changed, added or removed.',
    km: 'ការលក់លេខ #{sale} មិនដូចអ្វីដែលបញ្ជីកត់ត្រាបានកត់ទុកទេ៖ វាត្រូវបានកែប្រែ បន្ថែម ឬលុប។',
  },
  'integrity.alertDiffers': {
    en: 'Alert {alert} (sale #{sale}) is not what the journal recorded.',
    km: 'ការជូនដំណឹង {alert} (ការលក់លេខ #{sale}) មិនដូចអ្វីដែលបញ្ជីកត់ត្រាបានកត់ទុកទេ។',
  },
  'integrity.printDiffers': {
    en: 'The receipt print record {job} (sale #{sale}) is not what the journal recorded.',
    km: 'កំណត់ត្រាបោះពុម្ពបង្កាន់ដៃ {job} (ការលក់លេខ #{sale}) មិនដូចអ្វីដែលបញ្ជីកត់ត្រាបានកត់ទុកទេ។',
  },
  'integrity.cashDiffers': {
    en: 'Cash movement {movement} (a float, paid-in, paid-out or safe drop) is not what the journal recorded: it was changed, added or removed.',
    km: 'ចលនាសាច់ប្រាក់ {movement} (ប្រាក់តម្កល់ ការដាក់ប្រាក់ចូល ការដកប្រាក់ចេញ ឬការដាក់ចូលទូដែក) មិនដូចអ្វីដែលបញ្ជីកត់ត្រាបានកត់ទុកទេ៖ វាត្រូវបានកែប្រែ បន្ថែម ឬលុប។',
  },
  'integrity.projectionDiffers': {
    en: 'A saved record is not what the journal recorded.',
    km: 'កំណត់ត្រាដែលបានរក្សាទុកមួយ មិនដូចអ្វីដែលបញ្ជីកត់ត្រាបានកត់ទុកទេ។',
  },
  'integrity.restoredBlind': {
    en: 'The ledger was restored from a backup (it ran to row {seq}; epoch {epoch} began then) with no ledger in its place: any sale made after that backup was taken is not in it. Compare with the last printed Z report.',
    km: 'សៀវភៅបញ្ជីត្រូវបានស្តារពីការបម្រុងទុក (វាដល់ជួរទី {seq}; សម័យទី {epoch} បានចាប់ផ្ដើមពេលនោះ) ដោយគ្មានសៀវភៅបញ្ជីណាមួយនៅកន្លែងរបស់វា៖ ការលក់ណាដែលបានធ្វើបន្ទាប់ពីការបម្រុងទុកនោះមិនមាននៅក្នុងវាទេ។ សូមប្រៀបធៀបជាមួយរបាយការណ៍ Z ដែលបានបោះពុម្ពចុងក្រោយ។',
  },
  'integrity.checkFailed': {
    en: 'The POS could not check its sales records at start.',
    km: 'POS មិនអាចពិនិត្យកំណត់ត្រាការលក់របស់ខ្លួននៅពេលចាប់ផ្ដើមបានទេ។',
  },
  'integrity.nothingToAcknowledge': {
    en: 'There is no records warning to acknowledge.',
    km: 'គ្មានការព្រមានអំពីកំណត់ត្រាដែលត្រូវទទួលស្គាល់ទេ។',
  },
} as const satisfies Catalog;
