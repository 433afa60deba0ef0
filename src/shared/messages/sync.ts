/**
 * Messages about the till's sync with the back office (src/host/sync/): its state in words for the
 * cashier and the owner, and why pairing or a push was refused. The back office's own `detail` text
 * is never shown: its `error` code is mapped to one of these (see ./types.ts for the rules).
 */
import type { Catalog } from './types.ts';

export const SYNC_MESSAGES = {
  'sync.unpaired': {
    en: 'Not paired with a back office: sales are kept on this till only.',
    km: 'មិនទាន់ភ្ជាប់ជាមួយការិយាល័យខាងក្រោយទេ៖ ការលក់ត្រូវបានរក្សាទុកតែនៅលើម៉ាស៊ីនគិតប្រាក់នេះប៉ុណ្ណោះ។',
  },
  'sync.upToDate': {
    en: 'Up to date: the back office has every row of this till.',
    km: 'ទាន់សម័យ៖ ការិយាល័យខាងក្រោយមានគ្រប់ជួរទាំងអស់របស់ម៉ាស៊ីនគិតប្រាក់នេះ។',
  },
  'sync.waiting': {
    en: '{count} row(s) waiting to be sent to the back office.',
    km: 'មាន {count} ជួរកំពុងរង់ចាំផ្ញើទៅការិយាល័យខាងក្រោយ។',
  },
  'sync.unreachable': {
    en: 'The back office cannot be reached. Selling goes on; the rows are kept and sent when it answers.',
    km: 'មិនអាចភ្ជាប់ទៅការិយាល័យខាងក្រោយបានទេ។ ការលក់នៅតែបន្ត៖ ជួរទាំងនោះត្រូវបានរក្សាទុក ហើយនឹងផ្ញើនៅពេលវាឆ្លើយតប។',
  },
  'sync.serverError': {
    en: 'The back office could not take the rows just now. The till will try again by itself.',
    km: 'ការិយាល័យខាងក្រោយមិនអាចទទួលជួរទាំងនោះបានឥឡូវនេះទេ។ ម៉ាស៊ីនគិតប្រាក់នឹងព្យាយាមម្តងទៀតដោយខ្លួនឯង។',
  },
  'sync.unauthorized': {
    en: 'The back office no longer accepts this till (its pairing was revoked or replaced). Pair the till again: no row is lost.',
    km: 'ការិយាល័យខាងក្រោយលែងទទួលម៉ាស៊ីនគិតប្រាក់នេះទៀតហើយ (ការភ្ជាប់ត្រូវបានដកហូត ឬជំនួស)។ សូមភ្ជាប់ម៉ាស៊ីនគិតប្រាក់ម្តងទៀត៖ គ្មានជួរណាមួយបាត់បង់ទេ។',
  },
  'sync.diverged': {
    en: 'This till\'s record differs from what the back office holds for it (a copied data folder, or an old copy of the ledger put back). Nothing was overwritten; ask the owner.',
    km: 'កំណត់ត្រារបស់ម៉ាស៊ីនគិតប្រាក់នេះខុសពីអ្វីដែលការិយាល័យខាងក្រោយរក្សាទុកសម្រាប់វា (ថតទិន្នន័យដែលបានចម្លង ឬច្បាប់ចម្លងចាស់នៃសៀវភៅបញ្ជីដែលបានដាក់ត្រឡប់មកវិញ)។ គ្មានអ្វីត្រូវបានសរសេរជាន់ពីលើទេ៖ សូមសួរម្ចាស់ហាង។',
  },
  'sync.serverAhead': {
    en: 'The back office holds {count} row(s) of this till that this computer does not have: this ledger is an older copy. Restore it with `npm run ledger -- restore` before selling on.',
    km: 'ការិយាល័យខាងក្រោយមាន {count} ជួររបស់ម៉ាស៊ីនគិតប្រាក់នេះ ដែលកុំព្យូទ័រនេះមិនមាន៖ សៀវភៅបញ្ជីនេះជាច្បាប់ចម្លងចាស់។ សូមស្តារវាដោយ `npm run ledger -- restore` មុននឹងលក់បន្ត។',
  },
  'sync.headMismatch': {
    en: 'The back office answered with a last row that is not this till\'s. Sending has stopped; ask the owner.',
    km: 'ការិយាល័យខាងក្រោយបានឆ្លើយតបជាមួយជួរចុងក្រោយដែលមិនមែនជារបស់ម៉ាស៊ីនគិតប្រាក់នេះ។ ការផ្ញើបានឈប់ហើយ៖ សូមសួរម្ចាស់ហាង។',
  },
  'sync.refused': {
    en: 'The back office refused this till\'s rows. They are kept here; ask the owner.',
    km: 'ការិយាល័យខាងក្រោយបានបដិសេធជួររបស់ម៉ាស៊ីនគិតប្រាក់នេះ។ ពួកវានៅតែរក្សាទុកនៅទីនេះ៖ សូមសួរម្ចាស់ហាង។',
  },
  'sync.urlInvalid': {
    en: 'The back office address must start with https:// (plain http:// only to this computer).',
    km: 'អាសយដ្ឋានការិយាល័យខាងក្រោយត្រូវចាប់ផ្តើមដោយ https:// (http:// ធម្មតាបានតែទៅកុំព្យូទ័រនេះប៉ុណ្ណោះ)។',
  },
  'sync.codeInvalid': {
    en: 'Type the pairing code as the back office gave it, e.g. 7KQM-2XHD-P9RT.',
    km: 'សូមវាយលេខកូដភ្ជាប់ដូចដែលការិយាល័យខាងក្រោយបានផ្តល់ឱ្យ ឧទាហរណ៍ 7KQM-2XHD-P9RT។',
  },
  'sync.pairingCodeWrong': {
    en: 'The back office does not know this pairing code. Check it and try again (each code allows a few wrong tries).',
    km: 'ការិយាល័យខាងក្រោយមិនស្គាល់លេខកូដភ្ជាប់នេះទេ។ សូមពិនិត្យ ហើយព្យាយាមម្តងទៀត (លេខកូដនីមួយៗអនុញ្ញាតឱ្យខុសបានតែប៉ុន្មានដងប៉ុណ្ណោះ)។',
  },
  'sync.pairingCodeSpent': {
    en: 'This pairing code was already used, has expired, or had too many wrong tries. Ask the back office for a new one.',
    km: 'លេខកូដភ្ជាប់នេះត្រូវបានប្រើរួចហើយ ផុតកំណត់ ឬត្រូវបានវាយខុសច្រើនដងពេក។ សូមស្នើលេខកូដថ្មីពីការិយាល័យខាងក្រោយ។',
  },
  'sync.tillAlreadyPaired': {
    en: 'The back office already has this till paired. If this computer holds a copy of another till\'s data folder, it cannot be paired as that till.',
    km: 'ការិយាល័យខាងក្រោយបានភ្ជាប់ម៉ាស៊ីនគិតប្រាក់នេះរួចហើយ។ ប្រសិនបើកុំព្យូទ័រនេះមានច្បាប់ចម្លងថតទិន្នន័យរបស់ម៉ាស៊ីនគិតប្រាក់ផ្សេង វាមិនអាចភ្ជាប់ជាម៉ាស៊ីនគិតប្រាក់នោះបានទេ។',
  },
  'sync.tillCodeTaken': {
    en: 'Another till of this back office has the same till code. Ask the owner.',
    km: 'ម៉ាស៊ីនគិតប្រាក់ផ្សេងទៀតនៃការិយាល័យខាងក្រោយនេះមានលេខកូដម៉ាស៊ីនដូចគ្នា។ សូមសួរម្ចាស់ហាង។',
  },
  'sync.pairingCodeOtherTill': {
    en: 'This pairing code re-pairs another till of the back office, not this one. Ask the owner for this till\'s code.',
    km: 'លេខកូដភ្ជាប់នេះសម្រាប់ភ្ជាប់ម៉ាស៊ីនគិតប្រាក់ផ្សេងទៀតនៃការិយាល័យខាងក្រោយឡើងវិញ មិនមែនម៉ាស៊ីននេះទេ។ សូមស្នើលេខកូដរបស់ម៉ាស៊ីនគិតប្រាក់នេះពីម្ចាស់ហាង។',
  },
  'sync.pairingFailed': {
    en: 'The back office did not pair this till. Check the address and try again.',
    km: 'ការិយាល័យខាងក្រោយមិនបានភ្ជាប់ម៉ាស៊ីនគិតប្រាក់នេះទេ។ សូមពិនិត្យអាសយដ្ឋាន ហើយព្យាយាមម្តងទៀត។',
  },
  'sync.downloadBadRow': {
    en: 'Row {seq} sent back by the back office does not continue this till\'s chain (its hash, link or till is wrong). Nothing was taken from it.',
    km: 'ជួរទី {seq} ដែលការិយាល័យខាងក្រោយបានផ្ញើត្រឡប់មកវិញ មិនបន្តខ្សែសង្វាក់របស់ម៉ាស៊ីនគិតប្រាក់នេះទេ (hash តំណភ្ជាប់ ឬម៉ាស៊ីនគិតប្រាក់មិនត្រឹមត្រូវ)។ គ្មានអ្វីត្រូវបានយកពីវាទេ។',
  },
  'sync.restoreCannotReplay': {
    en: 'The back office holds rows of this till past the backup, and row {seq} ({type} version {version}) is one a restore cannot replay into the tables: such a row is written only when a till is made, or by an older version of the POS.',
    km: 'ការិយាល័យខាងក្រោយមានជួររបស់ម៉ាស៊ីនគិតប្រាក់នេះ ក្រោយការបម្រុងទុក ហើយជួរទី {seq} ({type} កំណែ {version}) ជាជួរដែលការស្តារមិនអាចចាក់បញ្ចូលទៅក្នុងតារាងវិញបានទេ៖ ជួរបែបនេះត្រូវបានសរសេរតែនៅពេលបង្កើតម៉ាស៊ីនគិតប្រាក់ ឬដោយកំណែចាស់នៃម៉ាស៊ីនគិតប្រាក់ប៉ុណ្ណោះ។',
  },
  'sync.restoreReplayDiffers': {
    en: 'Row {seq} ({type}) from the back office cannot be replayed here: the tables it would leave are not what the till had (for a close: the Z report computed again is not the one the till stored).',
    km: 'ជួរទី {seq} ({type}) ពីការិយាល័យខាងក្រោយ មិនអាចចាក់បញ្ចូលនៅទីនេះបានទេ៖ តារាងដែលវានឹងបន្សល់ទុក មិនដូចអ្វីដែលម៉ាស៊ីនគិតប្រាក់មានទេ (សម្រាប់ការបិទវេន៖ របាយការណ៍ Z ដែលគណនាឡើងវិញ មិនមែនជារបាយការណ៍ដែលម៉ាស៊ីនគិតប្រាក់បានរក្សាទុកទេ)។',
  },
  'sync.restoreOldSchema': {
    en: 'The backup was made by an older version of the POS, so the rows the back office holds past it cannot be replayed into it here.',
    km: 'ការបម្រុងទុកនេះត្រូវបានធ្វើដោយកំណែចាស់នៃម៉ាស៊ីនគិតប្រាក់ ដូច្នេះជួរដែលការិយាល័យខាងក្រោយមានក្រោយវា មិនអាចចាក់បញ្ចូលទៅក្នុងវានៅទីនេះបានទេ។',
  },
  'sync.restoreNoToken': {
    en: 'This till is paired with a back office, but its token cannot be read by this command (the desktop app keeps it encrypted for itself), so the rows synced after the backup cannot be downloaded.',
    km: 'ម៉ាស៊ីនគិតប្រាក់នេះបានភ្ជាប់ជាមួយការិយាល័យខាងក្រោយ ប៉ុន្តែពាក្យសម្ងាត់ (token) របស់វាមិនអាចអានដោយពាក្យបញ្ជានេះបានទេ (កម្មវិធីកុំព្យូទ័ររក្សាវាដោយអ៊ិនគ្រីបសម្រាប់ខ្លួនវា) ដូច្នេះជួរដែលបានធ្វើសមកាលកម្មក្រោយការបម្រុងទុក មិនអាចទាញយកបានទេ។',
  },
  'sync.restoreRefused': {
    en: 'Nothing was changed. Fix this and restore again, or restore with --offline: the till then goes on in a new epoch and the back office keeps both branches of its record.',
    km: 'គ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ។ សូមដោះស្រាយបញ្ហានេះ ហើយស្តារម្តងទៀត ឬស្តារដោយ --offline៖ ពេលនោះម៉ាស៊ីនគិតប្រាក់បន្តក្នុងសម័យ (epoch) ថ្មី ហើយការិយាល័យខាងក្រោយរក្សាទុកមែកទាំងពីរនៃកំណត់ត្រារបស់វា។',
  },
} as const satisfies Catalog;
