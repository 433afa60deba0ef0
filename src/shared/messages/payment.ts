/**
 * Messages about taking a payment (src/host/payments/): see ./types.ts for the rules every message
 * follows. payment.qr.* say why a QR from the payment service was refused (docs/khqr.md); each
 * ends with its code so the cashier can read it to support.
 */
import type { Catalog } from './types.ts';

const REFUSED_EN = 'The QR from the payment service was refused:';
const REFUSED_KM = 'QR ពីសេវាទូទាត់ប្រាក់ត្រូវបានបដិសេធ៖';

export const PAYMENT_MESSAGES = {
  'payment.inProgress': {
    en: 'Sale #{saleId} ({amount}) is still waiting for payment: cancel it or wait for it to finish',
    km: 'ការលក់ #{saleId} ({amount}) នៅតែរង់ចាំការទូទាត់៖ សូមបោះបង់វា ឬរង់ចាំឱ្យវាបញ្ចប់',
  },
  'payment.stillWaiting': {
    en: 'Sale #{saleId} is still waiting for payment',
    km: 'ការលក់ #{saleId} នៅតែរង់ចាំការទូទាត់',
  },
  'payment.notConfigured': {
    en: 'Set the shop\'s Bakong account ID in Settings before taking payments',
    km: 'សូមកំណត់លេខគណនី Bakong របស់ហាងនៅក្នុងការកំណត់ មុននឹងទទួលការទូទាត់',
  },
  'payment.noSale': {
    en: 'There is no sale #{saleId}',
    km: 'មិនមានការលក់ #{saleId} ទេ',
  },
  'payment.noReceipt': {
    en: 'Sale #{saleId} is not paid, so it has no receipt',
    km: 'ការលក់ #{saleId} មិនទាន់បានបង់ទេ ដូច្នេះវាគ្មានបង្កាន់ដៃទេ',
  },
  'payment.partlyPaidOpen': {
    en: 'Sale #{saleId} is partly paid ({usd} · {khr} still to pay): take the rest or void it before starting another sale',
    km: 'ការលក់ #{saleId} បានបង់ខ្លះហើយ (នៅសល់ត្រូវបង់ {usd} · {khr})៖ សូមទទួលប្រាក់ដែលនៅសល់ ឬចាត់ទុកវាជាមោឃៈ មុននឹងចាប់ផ្ដើមការលក់ថ្មី',
  },
  'payment.alreadyPaid': {
    en: 'Sale #{saleId} is already paid',
    km: 'ការលក់ #{saleId} បានបង់រួចហើយ',
  },
  'payment.alreadyEnded': {
    en: 'Sale #{saleId} has already ended',
    km: 'ការលក់ #{saleId} បានបញ្ចប់រួចហើយ',
  },
  'payment.cancelledMeanwhile': {
    en: 'Sale #{saleId} was cancelled while the QR was being prepared',
    km: 'ការលក់ #{saleId} ត្រូវបានបោះបង់ ខណៈពេលកំពុងរៀបចំ QR',
  },
  'payment.noQrToPay': {
    en: 'Sale #{saleId} has no QR to pay',
    km: 'ការលក់ #{saleId} មិនមាន QR សម្រាប់បង់ទេ',
  },
  'payment.trainingOnly': {
    en: 'Payments can only be simulated in training mode',
    km: 'អាចសាកល្បងការទូទាត់បានតែក្នុងរបៀបហ្វឹកហាត់ប៉ុណ្ណោះ',
  },
  'payment.simulateRefused': {
    en: 'The training sandbox would not pay sale #{saleId}: its QR has expired or is already paid',
    km: 'ប្រព័ន្ធហ្វឹកហាត់មិនព្រមបង់ការលក់ #{saleId} ទេ៖ QR របស់វាផុតកំណត់ ឬបានបង់រួចហើយ',
  },
  'payment.interrupted': {
    en: 'The POS stopped while asking for the QR; no QR was shown, so nothing was paid',
    km: 'ម៉ាស៊ីនលក់បានឈប់ ខណៈពេលកំពុងស្នើសុំ QR។ គ្មាន QR ត្រូវបានបង្ហាញទេ ដូច្នេះគ្មានអ្វីត្រូវបានបង់ទេ',
  },
  'payment.qrNotRecorded': {
    en: 'The QR could not be recorded, so it was never shown',
    km: 'មិនអាចកត់ត្រា QR បានទេ ដូច្នេះវាមិនដែលត្រូវបានបង្ហាញទេ',
  },
  'payment.failedEarlier': {
    en: 'This sale failed; the reason was recorded by an older version of the POS (code payment.failedEarlier)',
    km: 'ការលក់នេះបានបរាជ័យ។ មូលហេតុត្រូវបានកត់ត្រាដោយកំណែចាស់របស់ម៉ាស៊ីនលក់ (កូដ payment.failedEarlier)',
  },
  'payment.checkFailed': {
    en: 'The payment check went wrong inside the POS; it keeps trying (code payment.checkFailed)',
    km: 'ការពិនិត្យការទូទាត់មានបញ្ហានៅក្នុងម៉ាស៊ីនលក់។ វានៅតែព្យាយាមបន្ត (កូដ payment.checkFailed)',
  },
  'payment.qr.md5': {
    en: `${REFUSED_EN} it does not match its reference (md5), so its payment could not be tracked (code payment.qr.md5)`,
    km: `${REFUSED_KM} វាមិនត្រូវនឹងលេខយោង (md5) របស់វាទេ ដូច្នេះមិនអាចតាមដានការទូទាត់របស់វាបានទេ (កូដ payment.qr.md5)`,
  },
  'payment.qr.reused': {
    en: `${REFUSED_EN} it is the QR of sale #{saleId} again (code payment.qr.reused)`,
    km: `${REFUSED_KM} វាជា QR របស់ការលក់ #{saleId} ម្តងទៀត (កូដ payment.qr.reused)`,
  },
  // Why a QR is not a valid KHQR, in a few words a cashier can pass on; the codec's own code
  // (e.g. TLV_DUPLICATE_TAG) is logged, never shown (verify-qr.ts maps one to the other).
  'payment.qr.format': {
    en: `${REFUSED_EN} it is not a valid KHQR (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ (កូដ payment.qr.format)`,
  },
  'payment.qr.malformed': {
    en: `${REFUSED_EN} it is not a valid KHQR: its data is damaged or cut short (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ៖ ទិន្នន័យរបស់វាខូច ឬត្រូវបានកាត់ខ្លី (កូដ payment.qr.format)`,
  },
  'payment.qr.checksum': {
    en: `${REFUSED_EN} it is not a valid KHQR: its checksum (tag 63) is missing or wrong (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ៖ លេខផ្ទៀងផ្ទាត់ (ស្លាក 63) របស់វាបាត់ ឬខុស (កូដ payment.qr.format)`,
  },
  'payment.qr.repeatedField': {
    en: `${REFUSED_EN} it is not a valid KHQR: a field appears twice (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ៖ មានវាលមួយលេចឡើងពីរដង (កូដ payment.qr.format)`,
  },
  'payment.qr.missingField': {
    en: `${REFUSED_EN} it is not a valid KHQR: a required field is missing or empty (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ៖ វាលដែលត្រូវការមួយបាត់ ឬទទេ (កូដ payment.qr.format)`,
  },
  'payment.qr.invalidField': {
    en: `${REFUSED_EN} it is not a valid KHQR: a field holds a value KHQR does not allow (code payment.qr.format)`,
    km: `${REFUSED_KM} វាមិនមែនជា KHQR ត្រឹមត្រូវទេ៖ វាលមួយមានតម្លៃដែល KHQR មិនអនុញ្ញាត (កូដ payment.qr.format)`,
  },
  'payment.qr.static': {
    en: `${REFUSED_EN} it is a static QR without an amount, not a payment for this sale (code payment.qr.static)`,
    km: `${REFUSED_KM} វាជា QR ថេរដែលគ្មានចំនួនទឹកប្រាក់ មិនមែនជាការទូទាត់សម្រាប់ការលក់នេះទេ (កូដ payment.qr.static)`,
  },
  'payment.qr.currency': {
    en: `${REFUSED_EN} it asks for {currency}, not USD (code payment.qr.currency)`,
    km: `${REFUSED_KM} វាស្នើសុំជា {currency} មិនមែន USD ទេ (កូដ payment.qr.currency)`,
  },
  'payment.qr.amount': {
    en: `${REFUSED_EN} it asks for {asked}, not {expected} (code payment.qr.amount)`,
    km: `${REFUSED_KM} វាស្នើសុំ {asked} មិនមែន {expected} ទេ (កូដ payment.qr.amount)`,
  },
  'payment.qr.noAmount': {
    en: `${REFUSED_EN} it has no amount, not {expected} (code payment.qr.amount)`,
    km: `${REFUSED_KM} វាគ្មានចំនួនទឹកប្រាក់ មិនមែន {expected} ទេ (កូដ payment.qr.amount)`,
  },
  'payment.qr.merchantName': {
    en: `${REFUSED_EN} it names another merchant, not “{expected}” (code payment.qr.merchantName)`,
    km: `${REFUSED_KM} វាដាក់ឈ្មោះអ្នកលក់ផ្សេង មិនមែន “{expected}” ទេ (កូដ payment.qr.merchantName)`,
  },
  'payment.qr.account': {
    en: `${REFUSED_EN} it pays the account “{account}”, not this shop's account “{expected}”. If that account is really yours, allow it in Settings (code payment.qr.account)`,
    km: `${REFUSED_KM} វាបង់ទៅគណនី “{account}” មិនមែនគណនីរបស់ហាងនេះ “{expected}” ទេ។ បើគណនីនោះពិតជារបស់អ្នក សូមអនុញ្ញាតវានៅក្នុងការកំណត់ (កូដ payment.qr.account)`,
  },
  'payment.qr.accountUnreadable': {
    en: `${REFUSED_EN} it pays another account, not this shop's account “{expected}” (code payment.qr.account)`,
    km: `${REFUSED_KM} វាបង់ទៅគណនីផ្សេង មិនមែនគណនីរបស់ហាងនេះ “{expected}” ទេ (កូដ payment.qr.account)`,
  },
  'payment.qr.extraPayee': {
    en: `${REFUSED_EN} besides this shop's account it names another payee (tag {tag}) that a banking app may pay (code payment.qr.extraPayee)`,
    km: `${REFUSED_KM} ក្រៅពីគណនីរបស់ហាងនេះ វាមានអ្នកទទួលប្រាក់ម្នាក់ទៀត (ស្លាក {tag}) ដែលកម្មវិធីធនាគារអាចបង់ទៅ (កូដ payment.qr.extraPayee)`,
  },
  'payment.qr.alternateName': {
    en: `${REFUSED_EN} it carries a second merchant name (tag 64) the shop did not set, which a banking app may show as the payee (code payment.qr.alternateName)`,
    km: `${REFUSED_KM} វាមានឈ្មោះអ្នកលក់ទីពីរ (ស្លាក 64) ដែលហាងមិនបានកំណត់ ហើយកម្មវិធីធនាគារអាចបង្ហាញវាជាអ្នកទទួលប្រាក់ (កូដ payment.qr.alternateName)`,
  },
  'payment.qr.noExpiry': {
    en: `${REFUSED_EN} it has no expiry time (tag 99.01) (code payment.qr.noExpiry)`,
    km: `${REFUSED_KM} វាគ្មានពេលផុតកំណត់ (ស្លាក 99.01) ទេ (កូដ payment.qr.noExpiry)`,
  },
  'payment.qr.expiresBeforeCreated': {
    en: `${REFUSED_EN} it expires before it was created, so it has already expired (code payment.qr.expiry)`,
    km: `${REFUSED_KM} វាផុតកំណត់មុនពេលវាត្រូវបានបង្កើត ដូច្នេះវាផុតកំណត់រួចហើយ (កូដ payment.qr.expiry)`,
  },
  'payment.qr.tooLong': {
    en: `${REFUSED_EN} it stays valid for more than an hour, which the payment service never does (code payment.qr.expiry)`,
    km: `${REFUSED_KM} វានៅមានសុពលភាពលើសពីមួយម៉ោង ដែលសេវាទូទាត់ប្រាក់មិនដែលធ្វើទេ (កូដ payment.qr.expiry)`,
  },
  'payment.qr.clockAhead': {
    en: `${REFUSED_EN} it was made {minutes} minutes ahead of this computer's clock: check the date and time on this computer (code payment.qr.clock)`,
    km: `${REFUSED_KM} វាត្រូវបានបង្កើតលឿនជាងនាឡិកាកុំព្យូទ័រនេះ {minutes} នាទី៖ សូមពិនិត្យកាលបរិច្ឆេទ និងម៉ោងនៅលើកុំព្យូទ័រនេះ (កូដ payment.qr.clock)`,
  },
  'payment.qr.clockBehind': {
    en: `${REFUSED_EN} it was made {minutes} minutes before this computer's clock: check the date and time on this computer (or the QR is an old one) (code payment.qr.clock)`,
    km: `${REFUSED_KM} វាត្រូវបានបង្កើត {minutes} នាទីមុននាឡិកាកុំព្យូទ័រនេះ៖ សូមពិនិត្យកាលបរិច្ឆេទ និងម៉ោងនៅលើកុំព្យូទ័រនេះ (ឬ QR នេះជា QR ចាស់) (កូដ payment.qr.clock)`,
  },
  'payment.qr.expired': {
    en: `${REFUSED_EN} it has already expired (code payment.qr.expiry)`,
    km: `${REFUSED_KM} វាបានផុតកំណត់រួចហើយ (កូដ payment.qr.expiry)`,
  },
  'payment.qr.shortLife': {
    en: `${REFUSED_EN} it has only {seconds} s of life left, too little for the customer to pay (code payment.qr.shortLife)`,
    km: `${REFUSED_KM} វានៅសល់ពេលតែ {seconds} វិនាទីប៉ុណ្ណោះ តិចពេកសម្រាប់អតិថិជនបង់ប្រាក់ (កូដ payment.qr.shortLife)`,
  },
} as const satisfies Catalog;
