/** Messages about ledger: see ./types.ts for the rules every message follows. */
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
} as const satisfies Catalog;
