/**
 * The POS's own backups (src/host/ledger/backup-health.ts): what the owner is told when one was not
 * made. Params are whole megabytes the POS measured. See ./types.ts for the rules every message follows.
 */
import type { Catalog } from './types.ts';

export const BACKUP_MESSAGES = {
  'backup.closeNoSpace': {
    en: 'The backup at the shift close was not made: the disk is too full (it needs about {needed} MB, {free} MB is free). The shift is closed and selling goes on. Free some disk space; the POS tries again at its next start, the next close or within a day.',
    km: 'ការបម្រុងទុកនៅពេលបិទវេនមិនត្រូវបានធ្វើទេ៖ ថាសពេញពេក (ត្រូវការប្រហែល {needed} MB នៅសល់ទំនេរ {free} MB)។ វេនត្រូវបានបិទ ហើយការលក់នៅតែបន្ត។ សូមបង្កើនទំហំទំនេរលើថាស។ POS នឹងព្យាយាមម្ដងទៀតនៅពេលចាប់ផ្ដើមលើកក្រោយ ពេលបិទវេនបន្ទាប់ ឬក្នុងរយៈពេលមួយថ្ងៃ។',
  },
  'backup.dailyNoSpace': {
    en: 'The daily backup was not made: the disk is too full (it needs about {needed} MB, {free} MB is free). Selling goes on. Free some disk space; the POS tries again at its next start, the next close or within a day.',
    km: 'ការបម្រុងទុកប្រចាំថ្ងៃមិនត្រូវបានធ្វើទេ៖ ថាសពេញពេក (ត្រូវការប្រហែល {needed} MB នៅសល់ទំនេរ {free} MB)។ ការលក់នៅតែបន្ត។ សូមបង្កើនទំហំទំនេរលើថាស។ POS នឹងព្យាយាមម្ដងទៀតនៅពេលចាប់ផ្ដើមលើកក្រោយ ពេលបិទវេនបន្ទាប់ ឬក្នុងរយៈពេលមួយថ្ងៃ។',
  },
  'backup.closeFailed': {
    en: 'The backup at the shift close could not be written (see the POS log). The shift is closed and selling goes on; the POS tries again at its next start, the next close or within a day.',
    km: 'ការបម្រុងទុកនៅពេលបិទវេនមិនអាចសរសេរបានទេ (សូមមើលកំណត់ហេតុរបស់ POS)។ វេនត្រូវបានបិទ ហើយការលក់នៅតែបន្ត។ POS នឹងព្យាយាមម្ដងទៀតនៅពេលចាប់ផ្ដើមលើកក្រោយ ពេលបិទវេនបន្ទាប់ ឬក្នុងរយៈពេលមួយថ្ងៃ។',
  },
  'backup.dailyFailed': {
    en: 'The daily backup could not be written (see the POS log). Selling goes on; the POS tries again at its next start, the next close or within a day.',
    km: 'ការបម្រុងទុកប្រចាំថ្ងៃមិនអាចសរសេរបានទេ (សូមមើលកំណត់ហេតុរបស់ POS)។ ការលក់នៅតែបន្ត។ POS នឹងព្យាយាមម្ដងទៀតនៅពេលចាប់ផ្ដើមលើកក្រោយ ពេលបិទវេនបន្ទាប់ ឬក្នុងរយៈពេលមួយថ្ងៃ។',
  },
  'backup.since': {
    en: 'Since {time}.',
    km: 'ចាប់តាំងពី {time}។',
  },
} as const satisfies Catalog;
