/** Messages about the cash drawer and cash control (paid-in, paid-out, safe drops, the float): see ./types.ts for the rules every message follows. */
import type { Catalog } from './types.ts';

/** The drawer's kick (src/host/printing/drawer.ts) and the shift's cash (src/host/ledger/cash-movements.ts). */
export const DRAWER_MESSAGES = {
  'drawer.kickFailed': {
    en: 'The drawer did not open — open it with the key.',
    km: 'ថតដាក់ប្រាក់មិនបានបើកទេ — សូមបើកវាដោយប្រើសោ។',
  },
  'drawer.noPrinter': {
    en: 'The drawer did not open — open it with the key. It is worked by the receipt printer, and no printer is set up.',
    km: 'ថតដាក់ប្រាក់មិនបានបើកទេ — សូមបើកវាដោយប្រើសោ។ វាដំណើរការតាមរយៈម៉ាស៊ីនបោះពុម្ពបង្កាន់ដៃ ហើយមិនទាន់បានរៀបចំម៉ាស៊ីនបោះពុម្ពទេ។',
  },
  'drawer.notEnabled': {
    en: 'No cash drawer is set up (Settings → Cash drawer): open it with the key.',
    km: 'មិនទាន់បានរៀបចំថតដាក់ប្រាក់ទេ (ការកំណត់ → ថតដាក់ប្រាក់)៖ សូមបើកវាដោយប្រើសោ។',
  },
  'drawer.training': {
    en: 'Training mode: the cash drawer is never opened.',
    km: 'របៀបហ្វឹកហាត់៖ ថតដាក់ប្រាក់មិនត្រូវបានបើកឡើយ។',
  },
  'drawer.noSuchSale': {
    en: 'Sale {saleId} is not in the ledger: the drawer was not opened.',
    km: 'ការលក់ {saleId} មិនមាននៅក្នុងបញ្ជីទេ៖ ថតដាក់ប្រាក់មិនត្រូវបានបើកទេ។',
  },
  'drawer.amountUsd': {
    en: 'The amount must be whole cents from $0.01 to {max}.',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែជាសេនគត់ ពី $0.01 ដល់ {max}។',
  },
  'drawer.amountKhr': {
    en: 'The amount must be whole hundreds of riel, from 100៛ to {max}.',
    km: 'ចំនួនទឹកប្រាក់ត្រូវតែជារយរៀលគត់ ពី 100៛ ដល់ {max}។',
  },
  'drawer.floatAmount': {
    en: 'The float must be whole cents up to {usd} and whole hundreds of riel up to {khr} (0 for none).',
    km: 'ប្រាក់តម្កល់ត្រូវតែជាសេនគត់ រហូតដល់ {usd} និងជារយរៀលគត់ រហូតដល់ {khr} (0 ប្រសិនបើគ្មាន)។',
  },
  'drawer.reason': {
    en: 'Type a reason of 1 to {max} characters (no control characters).',
    km: 'សូមវាយមូលហេតុពី 1 ដល់ {max} តួអក្សរ (គ្មានតួអក្សរបញ្ជា)។',
  },
  'drawer.kind': {
    en: 'The movement must be a paid-in, a paid-out or a safe drop.',
    km: 'ចលនាសាច់ប្រាក់ត្រូវតែជាការដាក់ប្រាក់ចូល ការដកប្រាក់ចេញ ឬការដាក់ប្រាក់ចូលទូដែក។',
  },
  'drawer.floatAlreadySet': {
    en: 'The float of shift {shift} is already set: a float is entered once. Record a paid-in or paid-out to correct it.',
    km: 'ប្រាក់តម្កល់នៃវេនទី {shift} ត្រូវបានកំណត់រួចហើយ៖ ប្រាក់តម្កល់បញ្ចូលតែម្តងប៉ុណ្ណោះ។ សូមកត់ត្រាការដាក់ប្រាក់ចូល ឬការដកប្រាក់ចេញ ដើម្បីកែតម្រូវ។',
  },
  'drawer.floatFirst': {
    en: 'Enter the float (the cash in the drawer at the start of the shift) first.',
    km: 'សូមបញ្ចូលប្រាក់តម្កល់ (សាច់ប្រាក់នៅក្នុងថតនៅដើមវេន) ជាមុនសិន។',
  },
} as const satisfies Catalog;
