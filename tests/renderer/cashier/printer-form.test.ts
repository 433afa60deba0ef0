import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../../src/renderer/i18n/index.ts';
import {
  checkReceiptLines,
  isAbsoluteDir,
  joinPrinterSetting,
  lineChars,
  parseReceiptLines,
  printerOptions,
  receiptLinesProblem,
  splitPrinterSetting,
  usbPrinterLabel,
} from '../../../src/renderer/cashier/printer-form.ts';
import { buildPatch, toDraft } from '../../../src/renderer/cashier/settings-form.ts';
import type { LoadedSettings } from '../../../src/renderer/cashier/settings-form.ts';

const en = translator('en');

describe('printer choices', () => {
  const printers = [
    { vid: '0416', pid: '5011', name: 'POS58', setting: 'usb:0416:5011' },
    { vid: '04b8', pid: '0202', name: null, setting: 'usb:04b8:0202' },
  ];

  it('labels USB printers by name and id, or as "USB printer vvvv:pppp"', () => {
    assert.equal(usbPrinterLabel(printers[0]!, en), 'POS58 (0416:5011)');
    assert.equal(usbPrinterLabel(printers[1]!, en), 'USB printer 04b8:0202');
    assert.equal(usbPrinterLabel({ ...printers[0]!, name: '  ' }, en), 'USB printer 0416:5011');
  });

  it('lists none, first USB, each attached printer, then the folder', () => {
    const options = printerOptions(printers, ['none'], en);
    assert.deepEqual(
      options.map((o) => [o.value, o.label]),
      [
        ['none', 'No printer'],
        ['usb', 'The USB printer (when only one is attached)'],
        ['usb:0416:5011', 'POS58 (0416:5011)'],
        ['usb:04b8:0202', 'USB printer 04b8:0202'],
        ['file', 'Save to folder (for support)'],
      ],
    );
  });

  it('keeps a saved USB printer that is not attached now, marked, and never twice', () => {
    const options = printerOptions(printers, ['usb:1fc9:2016', 'usb:1fc9:2016', 'usb:0416:5011', 'file:/x', 'usb'], en);
    const kept = options.filter((o) => o.value === 'usb:1fc9:2016');
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.label, 'USB printer 1fc9:2016');
    assert.equal(kept[0]?.note, 'not connected now');
    assert.equal(options.filter((o) => o.value === 'usb:0416:5011').length, 1);
    assert.equal(options.length, 6);
    // While the list is still loading nothing is called "not connected".
    assert.equal(printerOptions(null, ['usb:1fc9:2016'], en).find((o) => o.value === 'usb:1fc9:2016')?.note, null);
  });

  it('on Windows lists the installed Windows printers first (the recommended set-up), keeping a saved one that is gone', () => {
    const windows = [
      { name: 'POS-80C', port: 'USB001', offline: false, setting: 'windows:POS-80C' },
      { name: 'Office Laser', port: '192.168.1.20', offline: true, setting: 'windows:Office Laser' },
    ];
    const options = printerOptions(printers, ['windows:Old Printer', 'windows:POS-80C'], en, windows);
    assert.deepEqual(
      options.map((o) => [o.value, o.label, o.note]),
      [
        ['none', 'No printer', null],
        ['windows:POS-80C', 'Windows printer: POS-80C', 'USB001'],
        ['windows:Office Laser', 'Windows printer: Office Laser', 'Office Laser is set to "Use printer offline" in Windows'],
        ['usb', 'The USB printer (when only one is attached)', null],
        ['usb:0416:5011', 'POS58 (0416:5011)', null],
        ['usb:04b8:0202', 'USB printer 04b8:0202', null],
        ['windows:Old Printer', 'Windows printer: Old Printer', 'not installed now'],
        ['file', 'Save to folder (for support)', null],
      ],
    );
    assert.deepEqual(splitPrinterSetting('windows:POS-80C'), { choice: 'windows:POS-80C', folder: '' });
    assert.equal(joinPrinterSetting({ choice: 'windows:POS-80C', folder: '' }), 'windows:POS-80C');
  });

  it('splits and joins the setting, refusing a folder that is not a full path', () => {
    assert.deepEqual(splitPrinterSetting('file:/var/pos/prints'), { choice: 'file', folder: '/var/pos/prints' });
    assert.deepEqual(splitPrinterSetting('usb:0416:5011'), { choice: 'usb:0416:5011', folder: '' });
    assert.deepEqual(splitPrinterSetting(''), { choice: 'none', folder: '' });
    assert.equal(joinPrinterSetting({ choice: 'file', folder: ' /tmp/p ' }), 'file:/tmp/p');
    assert.equal(joinPrinterSetting({ choice: 'file', folder: 'C:\\pos' }), 'file:C:\\pos');
    assert.equal(joinPrinterSetting({ choice: 'file', folder: 'prints' }), null);
    assert.equal(joinPrinterSetting({ choice: 'file', folder: '' }), null);
    assert.equal(joinPrinterSetting({ choice: 'usb', folder: '/ignored' }), 'usb');
    assert.equal(isAbsoluteDir('\\\\server\\share'), true);
    assert.equal(isAbsoluteDir('./x'), false);
  });
});

describe('receipt header and footer lines', () => {
  it('one line per row, trimmed, blank rows dropped', () => {
    assert.deepEqual(parseReceiptLines(' Street 51 \r\n\n\tPhone 012 345 678\n  '), ['Street 51', 'Phone 012 345 678']);
    assert.deepEqual(parseReceiptLines(''), []);
  });

  it('counts characters as the host does (code points)', () => {
    assert.equal(lineChars('សូមអរគុណ'), 8);
    assert.equal(lineChars('Thank you! · អរគុណ!'), 19);
  });

  it('refuses more than 6 lines or a line over 48 characters, naming the row', () => {
    assert.equal(checkReceiptLines('1\n2\n3\n4\n5\n6').ok, true);
    const many = checkReceiptLines('1\n2\n3\n4\n\n5\n6\n7');
    assert.equal(many.tooMany, true);
    assert.equal(receiptLinesProblem(many, en), '7 lines: at most 6 fit on a receipt.');
    const long = checkReceiptLines(`ok\n\n${'x'.repeat(49)}`);
    assert.deepEqual(long.long, [{ row: 3, chars: 49 }]);
    assert.equal(receiptLinesProblem(long, en), 'Row 3 has 49 characters: at most 48 fit on a line.');
    assert.equal(checkReceiptLines(`  ${'x'.repeat(48)}  `).ok, true);
    assert.equal(receiptLinesProblem(checkReceiptLines('fine'), en), null);
    assert.equal(checkReceiptLines('bell\u0007').ok, false);
  });
});

describe('settings form: printer fields', () => {
  const loaded: LoadedSettings = {
    merchantName: 'Sokha Cafe',
    bakongId: 'sokha@aclb',
    apiBaseUrl: '',
    khrPerUsd: 4000,
    language: 'en',
    allowedAccounts: [],
    graceMinutes: 5,
    printer: 'usb:0416:5011',
    paperWidth: 80,
    receiptHeader: ['Street 51'],
    receiptFooter: ['Thank you! · អរគុណ!'],
    lockedByEnv: [],
  };

  it('round-trips without changes', () => {
    assert.deepEqual(buildPatch(loaded, toDraft(loaded)), { ok: true, patch: {} });
    const fileLoaded = { ...loaded, printer: 'file:/tmp/pos-prints' };
    const draft = toDraft(fileLoaded);
    assert.equal(draft.printerChoice, 'file');
    assert.equal(draft.printerFolder, '/tmp/pos-prints');
    assert.deepEqual(buildPatch(fileLoaded, draft), { ok: true, patch: {} });
  });

  it('sends the changed printer fields only', () => {
    const draft = {
      ...toDraft(loaded),
      printerChoice: 'file',
      printerFolder: '/srv/prints',
      paperWidth: '58' as const,
      receiptHeader: 'Street 51\nPhone 012 345 678',
    };
    assert.deepEqual(buildPatch(loaded, draft), {
      ok: true,
      patch: { printer: 'file:/srv/prints', paperWidth: 58, receiptHeader: ['Street 51', 'Phone 012 345 678'] },
    });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), receiptFooter: '' }), { ok: true, patch: { receiptFooter: [] } });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), printerChoice: 'none' }), { ok: true, patch: { printer: 'none' } });
  });

  it('refuses a relative folder and over-long lines before sending', () => {
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), printerChoice: 'file', printerFolder: 'prints' }), {
      ok: false,
      invalid: 'printerFolder',
    });
    assert.deepEqual(buildPatch(loaded, { ...toDraft(loaded), receiptFooter: 'y'.repeat(49) }), {
      ok: false,
      invalid: 'receiptFooter',
    });
  });

  it('never sends a printer fixed by the environment (and does not check it)', () => {
    const envLocked = { ...loaded, lockedByEnv: ['printer' as const] };
    const draft = { ...toDraft(envLocked), printerChoice: 'file', printerFolder: 'relative' };
    assert.deepEqual(buildPatch(envLocked, draft), { ok: true, patch: {} });
  });

  it('copes with a host that does not send the printer fields', () => {
    const { printer: _p, paperWidth: _w, receiptHeader: _h, receiptFooter: _f, ...older } = loaded;
    const draft = toDraft(older);
    assert.equal(draft.printerChoice, 'none');
    assert.deepEqual(buildPatch(older, { ...draft, printerChoice: 'usb', receiptHeader: 'x' }), { ok: true, patch: {} });
  });
});
