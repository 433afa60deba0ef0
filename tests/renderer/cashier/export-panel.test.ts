import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cambodiaToday, defaultExportForm, exportArgs, exportZArgs } from '../../../src/renderer/cashier/export-panel.ts';

test('today is the business date in Cambodia (UTC+07:00), the default of both ends', () => {
  assert.equal(cambodiaToday(Date.parse('2026-12-01T16:59:59Z')), '2026-12-01');
  assert.equal(cambodiaToday(Date.parse('2026-12-01T17:00:00Z')), '2026-12-02');
  assert.deepEqual(defaultExportForm(Date.parse('2026-12-01T17:00:00Z')), { from: '2026-12-02', to: '2026-12-02', format: 'csv' });
});

test('the form becomes export.create arguments, or the reason it cannot', () => {
  assert.deepEqual(exportArgs({ from: '2026-11-01', to: '2026-11-30', format: 'xlsx' }), { ok: true, args: { format: 'xlsx', from: '2026-11-01', to: '2026-11-30' } });
  assert.deepEqual(exportArgs({ from: '', to: '2026-11-30', format: 'csv' }), { ok: false, problem: 'export.datesMissing' });
  assert.deepEqual(exportArgs({ from: '2026-12-02', to: '2026-12-01', format: 'csv' }), { ok: false, problem: 'export.datesReversed' });
  assert.deepEqual(exportZArgs(3), { format: 'xlsx', z: 3 });
  assert.deepEqual(exportZArgs(3, 'csv'), { format: 'csv', z: 3 });
});
