/** Messages about cash tenders and change: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/**
 * Refusals of the cash arithmetic (src/shared/cash/). They name the rule and the limits, never the
 * amount that was keyed, which the screen still shows where it was typed.
 */
export const CASH_MESSAGES = {
  'cash.rielFormat': {
    en: 'An amount in riel is keyed as whole riel, digits only, e.g. 12500',
    km: 'ចំនួនទឹកប្រាក់ជារៀលត្រូវវាយបញ្ចូលជាចំនួនគត់នៃរៀល ដោយប្រើតែលេខប៉ុណ្ណោះ ឧទាហរណ៍ 12500',
  },
  'cash.rielWhole': {
    en: 'An amount in riel must be a whole number of riel',
    km: 'ចំនួនទឹកប្រាក់ជារៀលត្រូវតែជាចំនួនគត់នៃរៀល',
  },
  'cash.rielZero': {
    en: 'The amount must be more than 0៛',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែលើសពី 0៛',
  },
  'cash.rielTooLarge': {
    en: 'An amount in riel must be at most {max}, the largest this till takes',
    km: 'ចំនួនទឹកប្រាក់ជារៀលត្រូវតែមិនលើសពី {max} ដែលជាចំនួនធំបំផុតដែលបញ្ជរនេះទទួលយក',
  },
  'cash.belowSmallestNote': {
    en: 'Less than 100៛ cannot be asked in riel: the smallest riel note is 100៛',
    km: 'មិនអាចទាមទារតិចជាង 100៛ ជាប្រាក់រៀលបានទេ៖ ក្រដាសប្រាក់រៀលតូចបំផុតគឺ 100៛',
  },
  'cash.currency': {
    en: 'Cash is taken in US dollars (USD) or riel (KHR) only',
    km: 'សាច់ប្រាក់ត្រូវទទួលជាដុល្លារអាមេរិក (USD) ឬប្រាក់រៀល (KHR) តែប៉ុណ្ណោះ',
  },
  'cash.alreadyCovered': {
    en: 'This sale is already paid in full: no further payment is taken',
    km: 'ការលក់នេះត្រូវបានបង់គ្រប់ចំនួនរួចហើយ៖ មិនទទួលការបង់ប្រាក់បន្ថែមទៀតទេ',
  },
  'cash.underTendered': {
    en: '{usd} ({khr}) is still due: take another payment before giving change or finishing the sale',
    km: 'នៅសល់ {usd} ({khr}) ត្រូវបង់៖ សូមទទួលការបង់ប្រាក់បន្ថែម មុនពេលអាប់ប្រាក់ ឬបញ្ចប់ការលក់',
  },
  'cash.changeTooLarge': {
    en: 'Change worth more than {usd}, or more than {khr} in riel, is refused: check the amount received was keyed correctly',
    km: 'ប្រាក់អាប់ដែលមានតម្លៃលើសពី {usd} ឬលើសពី {khr} ជាប្រាក់រៀល មិនត្រូវបានទទួលយកទេ៖ សូមពិនិត្យថាចំនួនទឹកប្រាក់ដែលបានទទួលត្រូវបានវាយបញ្ចូលត្រឹមត្រូវ',
  },
  'cash.changeSplitMismatch': {
    en: 'The change in dollars and in riel must add up to the change owed: {usd} in dollars, or {khr} in riel',
    km: 'ប្រាក់អាប់ជាដុល្លារ និងជារៀល ត្រូវតែបូកបញ្ចូលគ្នាស្មើនឹងប្រាក់អាប់ដែលត្រូវអាប់៖ {usd} ជាដុល្លារ ឬ {khr} ជារៀល',
  },
  'cash.attemptReused': {
    en: 'This Take cash was already recorded with another amount or sale: check the sale on screen, then key the cash again',
    km: 'ការទទួលសាច់ប្រាក់នេះត្រូវបានកត់ត្រារួចហើយ ជាមួយចំនួនទឹកប្រាក់ ឬការលក់ផ្សេង៖ សូមពិនិត្យការលក់នៅលើអេក្រង់ រួចវាយបញ្ចូលសាច់ប្រាក់ម្ដងទៀត',
  },
  'cash.attemptInvalid': {
    en: 'A cash tender needs its attempt id: 32 lowercase hex digits made by the cash screen',
    km: 'ការទទួលសាច់ប្រាក់ត្រូវការលេខសម្គាល់ការប៉ុនប៉ងរបស់វា៖ លេខគោលដប់ប្រាំមួយអក្សរតូច 32 ខ្ទង់ ដែលអេក្រង់សាច់ប្រាក់បង្កើត',
  },
  'cash.changeWhole': {
    en: 'Change is given in whole cents and whole riel, zero or more',
    km: 'ប្រាក់អាប់ត្រូវផ្ដល់ជាចំនួនគត់នៃសេន និងចំនួនគត់នៃរៀល ចាប់ពីសូន្យឡើងទៅ',
  },
} as const satisfies Catalog;
