/**
 * Export for the accountant, in Settings (owner stuff; behind the owner PIN from issue 9): a range of
 * business dates (default: today) or, from the Shift tab, one Z report (`zShift`); CSV or XLSX. The
 * host writes the file (`export.create`, its own read-only connection); the bridge then puts it on
 * this machine: a download in web mode, a save dialog in Electron.
 */
import { useState } from 'react';
import type { CommandError, ExportCreateArgs, ExportCreated, SaveExportOutcome } from '../../shared/contract.ts';
import { formatUsd } from '../../shared/money.ts';
import { cashierBridge } from '../bridge/index.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { defaultExportForm, exportArgs, exportZArgs, type ExportForm } from './export-panel.ts';
import { invoke } from './store.ts';
import { useT } from './useT.ts';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'done'; created: ExportCreated; saved: SaveExportOutcome | 'kept' }
  | { kind: 'error'; error: CommandError };

/** Makes the export and saves it on this machine; for the panel and for the Shift tab's "export this Z". */
export async function createAndSaveExport(args: ExportCreateArgs): Promise<{ ok: true; created: ExportCreated; saved: SaveExportOutcome | 'kept' } | { ok: false; error: CommandError }> {
  const reply = await invoke('export.create', args);
  if (!reply.ok) return { ok: false, error: reply.error };
  const bridge = cashierBridge();
  const saved = bridge.saveExport ? await bridge.saveExport(reply.value.exportId, reply.value.fileName) : 'kept';
  return { ok: true, created: reply.value, saved };
}

/** The Shift tab's "export this Z" (a closed shift's number): the same as the panel's button. */
export function exportZ(shift: number, format: 'csv' | 'xlsx' = 'xlsx'): ReturnType<typeof createAndSaveExport> {
  return createAndSaveExport(exportZArgs(shift, format));
}

export function ExportPanel({ zShift, now = Date.now }: { zShift?: number; now?: () => number }) {
  const t = useT();
  const [form, setForm] = useState<ExportForm>(() => defaultExportForm(now()));
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const checked = zShift === undefined ? exportArgs(form) : { ok: true as const, args: exportZArgs(zShift, form.format) };

  const run = async (): Promise<void> => {
    if (!checked.ok) return;
    setOutcome({ kind: 'working' });
    const result = await createAndSaveExport(checked.args);
    setOutcome(result.ok ? { kind: 'done', created: result.created, saved: result.saved } : { kind: 'error', error: result.error });
  };

  return (
    <section className="settings__export" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="settings__note">{zShift === undefined ? t('export.help') : t('export.helpZ', { shift: zShift })}</p>
      {zShift === undefined && (
        <div className="export__range">
          <label>
            {t('export.from')}
            <input type="date" name="export-from" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          </label>
          <label>
            {t('export.to')}
            <input type="date" name="export-to" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
          </label>
        </div>
      )}
      <label>
        {t('export.format')}
        <select name="export-format" value={form.format} onChange={(e) => setForm({ ...form, format: e.target.value === 'xlsx' ? 'xlsx' : 'csv' })}>
          <option value="csv">CSV</option>
          <option value="xlsx">XLSX (Excel)</option>
        </select>
      </label>
      <button type="button" className="button" disabled={!checked.ok || outcome.kind === 'working'} onClick={() => void run()}>
        {outcome.kind === 'working' ? t('export.working') : t('export.button')}
      </button>
      {!checked.ok && <p role="alert">{t(checked.problem)}</p>}
      {outcome.kind === 'error' && <ErrorBanner error={outcome.error} />}
      <p role="status" className="settings__note">
        {outcome.kind === 'done' &&
          t(outcome.saved === 'cancelled' ? 'export.notSaved' : outcome.saved === 'refused' ? 'export.saveRefused' : outcome.saved === 'failed' ? 'export.saveFailed' : 'export.done', {
            file: outcome.created.fileName,
            rows: outcome.created.rows,
            takings: formatUsd(outcome.created.takings.cents),
          })}
      </p>
    </section>
  );
}
