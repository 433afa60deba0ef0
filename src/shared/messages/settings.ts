/** Messages about settings: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/**
 * Why a setting was refused (src/host/config/settings.ts, api-url.ts, env.ts). Each message names
 * the field as the Settings screen labels it and says what is allowed, so the owner can fix it
 * without asking. The value that was typed is never repeated back: the field is highlighted instead.
 */
export const SETTINGS_MESSAGES = {
  'settings.notObject': {
    en: 'The settings were sent in a form the POS cannot read; nothing was saved',
    km: 'ការកំណត់ត្រូវបានផ្ញើមកក្នុងទម្រង់ដែល POS មិនអាចអានបាន ហើយគ្មានអ្វីត្រូវបានរក្សាទុកទេ',
  },
  'settings.unknownSetting': {
    en: 'One of the values sent is not a setting of this POS; nothing was saved',
    km: 'តម្លៃមួយក្នុងចំណោមតម្លៃដែលបានផ្ញើ មិនមែនជាការកំណត់របស់ POS នេះទេ ហើយគ្មានអ្វីត្រូវបានរក្សាទុកទេ',
  },
  'settings.locked': {
    en: 'Set by the environment (POS_* variables) and cannot be changed here: {fields}',
    km: 'ត្រូវបានកំណត់ដោយបរិស្ថាន (អថេរ POS_*) ហើយមិនអាចផ្លាស់ប្តូរនៅទីនេះបានទេ៖ {fields}',
  },
  'settings.merchantName': {
    en: 'Merchant name: 1 to {max} characters, without control characters (it is written into the KHQR)',
    km: 'ឈ្មោះហាង៖ ពី ១ ដល់ {max} តួអក្សរ ដោយគ្មានតួអក្សរបញ្ជា (វាត្រូវបានសរសេរចូលក្នុង KHQR)',
  },
  'settings.bakongId': {
    en: 'Bakong account ID: written name@bank, e.g. myshop@aclb — letters, digits, dot, underscore or hyphen on each side of one @, at most {max} characters',
    km: 'លេខសម្គាល់គណនីបាគង៖ សរសេរជា name@bank ឧទាហរណ៍ myshop@aclb — អក្សរឡាតាំង លេខ ចំណុច សញ្ញាគូសក្រោម ឬសញ្ញាដក នៅសងខាងនៃសញ្ញា @ តែមួយ យ៉ាងច្រើន {max} តួអក្សរ',
  },
  'settings.allowedAccounts': {
    en: 'Other accounts a QR may pay: at most {count} Bakong account IDs, each written name@bank (at most {max} characters)',
    km: 'គណនីផ្សេងទៀតដែល QR អាចបង់ទៅ៖ យ៉ាងច្រើន {count} លេខសម្គាល់គណនីបាគង ដែលនីមួយៗសរសេរជា name@bank (យ៉ាងច្រើន {max} តួអក្សរ)',
  },
  'settings.apiUrlNotUrl': {
    en: 'API base URL: not a web address; expected e.g. https://api.example.com (leave it empty for training mode)',
    km: 'អាសយដ្ឋាន API៖ មិនមែនជាអាសយដ្ឋានគេហទំព័រទេ ត្រូវការឧទាហរណ៍ https://api.example.com (ទុកវាឱ្យទទេសម្រាប់របៀបហ្វឹកហាត់)',
  },
  'settings.apiUrlNotHttps': {
    en: 'API base URL: must start with https:// (plain http:// only to this computer)',
    km: 'អាសយដ្ឋាន API៖ ត្រូវតែចាប់ផ្តើមដោយ https:// (http:// ធម្មតា អនុញ្ញាតតែទៅកុំព្យូទ័រនេះប៉ុណ្ណោះ)',
  },
  'settings.apiUrlCredentials': {
    en: 'API base URL: must not contain a user name or password (an API key goes in POS_BAKONG_API_KEY)',
    km: 'អាសយដ្ឋាន API៖ មិនត្រូវមានឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់ទេ (សោ API ត្រូវដាក់ក្នុង POS_BAKONG_API_KEY)',
  },
  'settings.apiUrlQuery': {
    en: 'API base URL: must not contain ? or #',
    km: 'អាសយដ្ឋាន API៖ មិនត្រូវមានសញ្ញា ? ឬ # ទេ',
  },
  'settings.khrPerUsd': {
    en: 'KHR per USD: a whole number of riel from {min} to {max}',
    km: 'អត្រាប្ដូរប្រាក់៖ ចំនួនគត់នៃរៀល ពី {min} ដល់ {max}',
  },
  'settings.graceMinutes': {
    en: 'Late-payment watch: a whole number of minutes from {min} to {max}',
    km: 'រយៈពេលតាមដានការបង់ប្រាក់យឺត៖ ចំនួនគត់នៃនាទី ពី {min} ដល់ {max}',
  },
  'settings.backupsKept': {
    en: 'Backups kept: a whole number from {min} to {max}',
    km: 'ចំនួនច្បាប់បម្រុងទុកដែលរក្សាទុក៖ ចំនួនគត់ ពី {min} ដល់ {max}',
  },
  'settings.autoLockMinutes': {
    en: 'Lock after idle: a whole number of minutes from {min} to {max} (0 = never)',
    km: 'ចាក់សោពេលទំនេរ៖ ចំនួនគត់នៃនាទី ពី {min} ដល់ {max} (0 = មិនដែល)',
  },
  'settings.printer': {
    en: 'Printer: not a printer setting this POS understands; choose one from the list on Settings',
    km: 'ម៉ាស៊ីនបោះពុម្ព៖ មិនមែនជាការកំណត់ម៉ាស៊ីនបោះពុម្ពដែល POS នេះយល់ទេ សូមជ្រើសរើសមួយពីបញ្ជីនៅក្នុងការកំណត់',
  },
  'settings.paperWidth': {
    en: 'Paper width: 58 or 80 (mm)',
    km: 'ទទឹងក្រដាស៖ ៥៨ ឬ ៨០ (មម)',
  },
  'settings.drawerEnabled': {
    en: 'Cash drawer: on or off',
    km: 'ថតដាក់ប្រាក់៖ បើក ឬ បិទ',
  },
  'settings.drawerPin': {
    en: 'Cash drawer pin: 2, 5 or both',
    km: 'ជើងភ្ជាប់ថតដាក់ប្រាក់៖ ២ ៥ ឬទាំងពីរ',
  },
  'settings.drawerPulseOn': {
    en: 'Cash drawer pulse: an even whole number of milliseconds from {min} to {max}',
    km: 'រយៈពេលបញ្ជូនចរន្តទៅថតដាក់ប្រាក់៖ ចំនួនគត់គូនៃមិល្លីវិនាទី ពី {min} ដល់ {max}',
  },
  'settings.drawerPulseOff': {
    en: 'Cash drawer rest after the pulse: an even whole number of milliseconds from {min} to {max}',
    km: 'រយៈពេលសម្រាកក្រោយបញ្ជូនចរន្តទៅថតដាក់ប្រាក់៖ ចំនួនគត់គូនៃមិល្លីវិនាទី ពី {min} ដល់ {max}',
  },
  'settings.drawerPulseOrder': {
    en: 'Cash drawer: the rest after the pulse cannot be shorter than the pulse',
    km: 'ថតដាក់ប្រាក់៖ រយៈពេលសម្រាកក្រោយបញ្ជូនចរន្ត មិនអាចខ្លីជាងរយៈពេលបញ្ជូនចរន្តបានទេ',
  },
  'settings.receiptLines': {
    en: 'Receipt header and footer lines: at most {lines} lines each, each at most {chars} characters, without control characters',
    km: 'បន្ទាត់ក្បាល និងខាងក្រោមបង្កាន់ដៃ៖ យ៉ាងច្រើន {lines} បន្ទាត់ នីមួយៗយ៉ាងច្រើន {chars} តួអក្សរ ដោយគ្មានតួអក្សរបញ្ជា',
  },
  'settings.language': {
    en: 'Language: English or Khmer',
    km: 'ភាសា៖ អង់គ្លេស ឬ ខ្មែរ',
  },
  'settings.envInvalid': {
    en: 'The environment variable {variable} is not valid: {reason}',
    km: 'អថេរបរិស្ថាន {variable} មិនត្រឹមត្រូវទេ៖ {reason}',
  },
} as const satisfies Catalog;
