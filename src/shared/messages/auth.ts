/** Messages about users, PINs and roles: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/** Signing in, the owner's first start, the recovery code, and what a role may not do (src/host/auth). */
export const AUTH_MESSAGES = {
  'auth.signInFirst': {
    en: 'Sign in first: choose your name, then enter your PIN.',
    km: 'សូមចូលជាមុនសិន៖ ជ្រើសរើសឈ្មោះរបស់អ្នក រួចបញ្ចូលលេខ PIN។',
  },
  'auth.ownerFirst': {
    en: 'Create the owner first: nothing else can be done until the shop has an owner.',
    km: 'សូមបង្កើតម្ចាស់ហាងជាមុនសិន៖ មិនអាចធ្វើអ្វីផ្សេងបានទេ រហូតដល់ហាងមានម្ចាស់។',
  },
  'auth.ownerExists': {
    en: 'The shop already has an owner: ask the owner to add you in Settings.',
    km: 'ហាងមានម្ចាស់រួចហើយ៖ សូមស្នើម្ចាស់ហាងឱ្យបន្ថែមអ្នកនៅក្នុងការកំណត់។',
  },
  'auth.ownerOnly': {
    en: 'Only the owner may do this. Ask the owner to sign in.',
    km: 'មានតែម្ចាស់ហាងទេដែលអាចធ្វើការនេះបាន។ សូមស្នើម្ចាស់ហាងឱ្យចូល។',
  },
  'auth.ownerOrManagerOnly': {
    en: 'Only the owner or a manager may do this. Ask one of them to sign in.',
    km: 'មានតែម្ចាស់ហាង ឬអ្នកគ្រប់គ្រងទេដែលអាចធ្វើការនេះបាន។ សូមស្នើម្នាក់ក្នុងចំណោមពួកគេឱ្យចូល។',
  },
  'auth.ownerOnlySettings': {
    en: 'Only the owner may change: {fields}. Nothing was saved.',
    km: 'មានតែម្ចាស់ហាងទេដែលអាចផ្លាស់ប្តូរ៖ {fields}។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។',
  },
  'auth.wrongPin': {
    en: 'Wrong PIN. Try again.',
    km: 'លេខ PIN មិនត្រឹមត្រូវ។ សូមព្យាយាមម្តងទៀត។',
  },
  'auth.wrongPinWait': {
    en: 'Wrong PIN. Too many wrong PINs: wait {seconds} seconds before trying again.',
    km: 'លេខ PIN មិនត្រឹមត្រូវ។ លេខ PIN ខុសច្រើនដងពេក៖ សូមរង់ចាំ {seconds} វិនាទី មុននឹងព្យាយាមម្តងទៀត។',
  },
  'auth.wrongRecoveryCodeWait': {
    en: 'That recovery code is not right. Too many wrong tries: wait {seconds} seconds before trying again.',
    km: 'លេខកូដសង្គ្រោះនោះមិនត្រឹមត្រូវទេ។ ព្យាយាមខុសច្រើនដងពេក៖ សូមរង់ចាំ {seconds} វិនាទី មុននឹងព្យាយាមម្តងទៀត។',
  },
  'auth.wait': {
    en: 'Too many wrong PINs: wait {seconds} seconds before trying again.',
    km: 'លេខ PIN ខុសច្រើនដងពេក៖ សូមរង់ចាំ {seconds} វិនាទី មុននឹងព្យាយាមម្តងទៀត។',
  },
  'auth.recoveryWait': {
    en: 'Too many wrong recovery codes: wait {seconds} seconds before trying again.',
    km: 'លេខកូដសង្គ្រោះខុសច្រើនដងពេក៖ សូមរង់ចាំ {seconds} វិនាទី មុននឹងព្យាយាមម្តងទៀត។',
  },
  'auth.pinFormat': {
    en: 'A PIN is 4 to 6 digits.',
    km: 'លេខ PIN មាន 4 ទៅ 6 ខ្ទង់។',
  },
  'auth.nameFormat': {
    en: 'A name is 1 to {max} characters, in any language.',
    km: 'ឈ្មោះមាន 1 ដល់ {max} តួអក្សរ ជាភាសាណាមួយក៏បាន។',
  },
  'auth.role': {
    en: 'The role must be owner, manager or cashier.',
    km: 'តួនាទីត្រូវតែជា ម្ចាស់ហាង អ្នកគ្រប់គ្រង ឬបេឡាករ។',
  },
  'auth.userId': {
    en: 'Choose a user from the list.',
    km: 'សូមជ្រើសរើសអ្នកប្រើប្រាស់ពីបញ្ជី។',
  },
  'auth.userNotFound': {
    en: 'There is no such user, or they may no longer sign in.',
    km: 'មិនមានអ្នកប្រើប្រាស់នេះទេ ឬគេមិនអាចចូលបានទៀតទេ។',
  },
  'auth.notApprover': {
    en: 'This person may not approve this. Ask the owner or a manager.',
    km: 'អ្នកនេះមិនអាចអនុម័តការនេះបានទេ។ សូមស្នើម្ចាស់ហាង ឬអ្នកគ្រប់គ្រង។',
  },
  'auth.lastOwner': {
    en: 'The shop must keep at least one owner: add another owner first.',
    km: 'ហាងត្រូវតែមានម្ចាស់យ៉ាងហោចណាស់ម្នាក់៖ សូមបន្ថែមម្ចាស់ម្នាក់ទៀតជាមុនសិន។',
  },
  'auth.wrongRecoveryCode': {
    en: 'That recovery code is not right. Check the printed code and try again.',
    km: 'លេខកូដសង្គ្រោះនោះមិនត្រឹមត្រូវទេ។ សូមពិនិត្យលេខកូដដែលបានបោះពុម្ព ហើយព្យាយាមម្តងទៀត។',
  },
  'auth.noRecoveryCode': {
    en: 'This till has no recovery code.',
    km: 'ម៉ាស៊ីនគិតលុយនេះមិនមានលេខកូដសង្គ្រោះទេ។',
  },
  'auth.apiKeyFormat': {
    en: 'The API key is up to 4,096 visible characters, without spaces.',
    km: 'សោ API មានរហូតដល់ 4,096 តួអក្សរដែលមើលឃើញ ដោយគ្មានដកឃ្លា។',
  },
  'auth.apiKeyFromEnv': {
    en: 'The API key is set by POS_BAKONG_API_KEY on this PC and cannot be changed here.',
    km: 'សោ API ត្រូវបានកំណត់ដោយ POS_BAKONG_API_KEY នៅលើកុំព្យូទ័រនេះ ហើយមិនអាចផ្លាស់ប្តូរនៅទីនេះបានទេ។',
  },
  'auth.recoveryTitle': {
    en: 'OWNER RECOVERY CODE',
    km: 'លេខកូដសង្គ្រោះរបស់ម្ចាស់ហាង',
  },
  'auth.recoveryHint': {
    en: 'Keep this paper safe and away from the till. It lets the owner set a new PIN once.',
    km: 'សូមរក្សាក្រដាសនេះឱ្យមានសុវត្ថិភាព និងនៅឆ្ងាយពីម៉ាស៊ីនគិតលុយ។ វាអនុញ្ញាតឱ្យម្ចាស់ហាងកំណត់លេខ PIN ថ្មីបានម្តង។',
  },
} as const satisfies Catalog;
