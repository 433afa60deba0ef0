/**
 * Messages about the ledger, the POS's record on disk (src/host/ledger/): see ./types.ts for the
 * rules every message follows. The disk's own error (SQLITE_FULL…) goes to the log only.
 */
import type { Catalog } from './types.ts';

export const LEDGER_MESSAGES = {
  // Why the ledger cannot be opened at start (src/host/ledger/database.ts, instance-lock.ts).
  'ledger.newerSchema': {
    en: 'The ledger was written by a newer version of the POS (schema {version}). Install that version or newer; this one will not touch the ledger.',
    km: 'បញ្ជីលក់ត្រូវបានសរសេរដោយកំណែ POS ថ្មីជាងនេះ (schema {version})។ សូមដំឡើងកំណែនោះ ឬថ្មីជាងនេះ កំណែនេះនឹងមិនប៉ះពាល់បញ្ជីលក់ទេ។',
  },
  'ledger.schemaMismatch': {
    en: 'Ledger schema {version} does not match this build. Refusing to continue so no sale is misread.',
    km: 'schema {version} របស់បញ្ជីលក់ មិនត្រូវគ្នានឹងកំណែនេះទេ។ POS បដិសេធមិនបន្តទេ ដើម្បីកុំឱ្យការលក់ណាមួយត្រូវបានអានខុស។',
  },
  'ledger.locked': {
    en: 'Another POS is already running with the data directory {dataDir}. Close it first (or give each one its own POS_DATA_DIR).',
    km: 'POS មួយទៀតកំពុងដំណើរការរួចហើយ ដោយប្រើថតទិន្នន័យ {dataDir}។ សូមបិទវាជាមុនសិន (ឬផ្តល់ POS_DATA_DIR ផ្ទាល់ខ្លួនដល់នីមួយៗ)។',
  },
  'ledger.writeFailed': {
    en: 'The ledger could not be written, so nothing was changed. Is the disk full? (code ledger.writeFailed)',
    km: 'មិនអាចសរសេរបញ្ជីកត់ត្រាបានទេ ដូច្នេះគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។ តើថាសពេញឬ? (កូដ ledger.writeFailed)',
  },
  'ledger.paymentUnsaved': {
    en: 'A payment may arrive but cannot be saved: free disk space (code ledger.paymentUnsaved)',
    km: 'ការទូទាត់អាចនឹងចូលមក ប៉ុន្តែមិនអាចរក្សាទុកបានទេ៖ សូមបង្កើនទំហំទំនេរលើថាស (កូដ ledger.paymentUnsaved)',
  },
} as const satisfies Catalog;
