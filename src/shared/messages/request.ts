/** Messages about request: see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/**
 * A command the host refused before acting on it. A screen of this POS never sends these (it is
 * built from the same contract); they reach a person only when something else talks to the host.
 */
export const REQUEST_MESSAGES = {
  'request.unknownCommand': {
    en: 'The POS does not know this command; nothing was changed',
    km: 'POS មិនស្គាល់ពាក្យបញ្ជានេះទេ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ',
  },
  'request.argumentsNotObject': {
    en: 'The command was sent in a form the POS cannot read; nothing was changed',
    km: 'ពាក្យបញ្ជាត្រូវបានផ្ញើមកក្នុងទម្រង់ដែល POS មិនអាចអានបាន ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ',
  },
  'request.noArguments': {
    en: 'This command takes no values; nothing was changed',
    km: 'ពាក្យបញ្ជានេះមិនទទួលតម្លៃណាមួយទេ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ',
  },
  'request.expectedArguments': {
    en: 'This command expects exactly: {names}; nothing was changed',
    km: 'ពាក្យបញ្ជានេះត្រូវការតែ៖ {names} ប៉ុណ្ណោះ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ',
  },
  'request.onlyArguments': {
    en: 'This command takes only: {names}; nothing was changed',
    km: 'ពាក្យបញ្ជានេះទទួលយកតែ៖ {names} ប៉ុណ្ណោះ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ',
  },
  'request.amountFormat': {
    en: 'An amount is written in dollars with at most two decimals, e.g. 10.50',
    km: 'ចំនួនទឹកប្រាក់ត្រូវសរសេរជាដុល្លារ ដោយមានខ្ទង់ទសភាគយ៉ាងច្រើនពីរ ឧទាហរណ៍ 10.50',
  },
  'request.amountWholeCents': {
    en: 'The amount must be a whole number of cents',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែជាចំនួនគត់នៃសេន',
  },
  'request.amountZero': {
    en: 'The amount must be more than $0.00',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែលើសពី $0.00',
  },
  'request.amountTooLarge': {
    en: 'The amount must be at most {max}, the largest charge this till takes',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែមិនលើសពី {max} ដែលជាចំនួនធំបំផុតដែលបញ្ជរនេះទទួលយក',
  },
  'request.saleId': {
    en: 'A sale number must be a whole number above zero',
    km: 'លេខការលក់ត្រូវតែជាចំនួនគត់ធំជាងសូន្យ',
  },
  'request.pageLimit': {
    en: 'The number of sales to list must be a whole number above zero',
    km: 'ចំនួនការលក់ដែលត្រូវបង្ហាញត្រូវតែជាចំនួនគត់ធំជាងសូន្យ',
  },
  'request.alertId': {
    en: 'An alert number must be a whole number above zero',
    km: 'លេខការជូនដំណឹងត្រូវតែជាចំនួនគត់ធំជាងសូន្យ',
  },
  // Web mode's HTTP layer (src/web/server.ts), before the command is even read: never the parser's words.
  'request.tooLarge': {
    en: 'The command is too large for the POS (at most {kb} KB); nothing was changed (code request.tooLarge)',
    km: 'ពាក្យបញ្ជាធំពេកសម្រាប់ POS (យ៉ាងច្រើន {kb} KB) ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ (កូដ request.tooLarge)',
  },
  'request.notJson': {
    en: 'The command was not sent as valid JSON; nothing was changed (code request.notJson)',
    km: 'ពាក្យបញ្ជាមិនត្រូវបានផ្ញើជា JSON ត្រឹមត្រូវទេ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ (កូដ request.notJson)',
  },
  'request.badEnvelope': {
    en: 'The command must be a JSON object with a name and its values; nothing was changed (code request.badEnvelope)',
    km: 'ពាក្យបញ្ជាត្រូវតែជាវត្ថុ JSON ដែលមានឈ្មោះ និងតម្លៃរបស់វា ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ (កូដ request.badEnvelope)',
  },
  'request.internal': {
    en: 'Something went wrong in the POS; nothing was changed (code request.internal)',
    km: 'មានបញ្ហាកើតឡើងនៅក្នុងម៉ាស៊ីនលក់ ហើយគ្មានអ្វីត្រូវបានផ្លាស់ប្តូរទេ (កូដ request.internal)',
  },
  'request.hostUnreachable': {
    en: 'The POS host could not be reached or sent an answer the screen cannot read (code request.hostUnreachable)',
    km: 'មិនអាចភ្ជាប់ទៅម៉ាស៊ីនមេ POS បានទេ ឬវាបានផ្ញើចម្លើយដែលអេក្រង់អានមិនបាន (កូដ request.hostUnreachable)',
  },
  'request.windowNotAllowed': {
    en: 'This window may not send commands to the POS (code request.windowNotAllowed)',
    km: 'បង្អួចនេះមិនត្រូវបានអនុញ្ញាតឱ្យផ្ញើពាក្យបញ្ជាទៅ POS ទេ (កូដ request.windowNotAllowed)',
  },
} as const satisfies Catalog;
