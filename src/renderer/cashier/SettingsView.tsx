import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { CommandError, SettingsInput } from '../../shared/contract.ts';
import type { MessageKey } from '../i18n/index.ts';
import { checkReceiptLines, receiptLinesProblem } from './printer-form.ts';
import { buildPatch, toDraft } from './settings-form.ts';
import type { Draft, InvalidField, LoadedSettings as Settings } from './settings-form.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Field } from './Field.tsx';
import { PrinterSection } from './PrinterSection.tsx';
import { invoke, useCashier } from './store.ts';
import { useT } from './useT.ts';

type Notice =
  | { kind: 'saved' }
  | { kind: 'unchanged' }
  | { kind: 'error'; error: CommandError }
  | { kind: 'invalid'; field: InvalidField };

const INVALID_TEXT: Readonly<Record<Exclude<InvalidField, 'receiptHeader' | 'receiptFooter'>, MessageKey>> = {
  khrPerUsd: 'settings.khrPerUsdInvalid',
  graceMinutes: 'settings.graceMinutesInvalid',
  printerFolder: 'printer.folderInvalid',
};

export function SettingsView() {
  const t = useT();
  const mode = useCashier((s) => s.state?.mode ?? null);
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<CommandError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void invoke('settings.get', {}).then((reply) => {
      if (!live) return;
      if (reply.ok) {
        setLoaded(reply.value);
        setDraft(toDraft(reply.value));
      } else {
        setLoadError(reply.error);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  if (!loaded || !draft) {
    return (
      <main className="settings">
        <h1 className="settings__title">{t('settings.title')}</h1>
        {loadError ? <ErrorBanner error={loadError} /> : <p>{t('settings.loading')}</p>}
      </main>
    );
  }

  const locked = (field: keyof SettingsInput) => loaded.lockedByEnv.includes(field);
  const invalid = notice?.kind === 'invalid' ? notice.field : null;
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setNotice(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const result = buildPatch(loaded, draft);
    if (!result.ok) {
      setNotice({ kind: 'invalid', field: result.invalid });
      return;
    }
    const { patch } = result;
    if (Object.keys(patch).length === 0) {
      setNotice({ kind: 'unchanged' });
      return;
    }
    setSaving(true);
    const reply = await invoke('settings.save', patch);
    setSaving(false);
    if (reply.ok) {
      setLoaded(reply.value);
      setDraft(toDraft(reply.value));
      setNotice({ kind: 'saved' });
    } else {
      setNotice({ kind: 'error', error: reply.error });
    }
  };

  return (
    <main className="settings">
      <h1 className="settings__title">{t('settings.title')}</h1>
      {mode && (
        <p className={`settings__mode settings__mode--${mode}`}>
          {t('settings.mode')}: <strong>{mode === 'training' ? t('settings.modeTraining') : t('settings.modeLive')}</strong>
        </p>
      )}
      <form className="settings__form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('settings.merchantName')} help={t('settings.merchantNameHelp')} locked={locked('merchantName')}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="organization"
              value={draft.merchantName}
              onChange={(e) => update({ merchantName: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('settings.bakongId')} help={t('settings.bakongIdHelp')} locked={locked('bakongId')}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="name@bank"
              value={draft.bakongId}
              onChange={(e) => update({ bakongId: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('settings.apiBaseUrl')} help={t('settings.apiBaseUrlHelp')} locked={locked('apiBaseUrl')}>
          {(props) => (
            <input
              {...props}
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
              value={draft.apiBaseUrl}
              onChange={(e) => update({ apiBaseUrl: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('settings.khrPerUsd')} help={t('settings.khrPerUsdHelp')} locked={locked('khrPerUsd')}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete="off"
              aria-invalid={invalid === 'khrPerUsd' || undefined}
              value={draft.khrPerUsd}
              onChange={(e) => update({ khrPerUsd: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('settings.language')} locked={locked('language')}>
          {({ readOnly, ...props }) => (
            <select
              {...props}
              disabled={readOnly}
              value={draft.language}
              onChange={(e) => update({ language: e.target.value === 'km' ? 'km' : 'en' })}
            >
              <option value="en" lang="en">
                English
              </option>
              <option value="km" lang="km">
                ខ្មែរ
              </option>
            </select>
          )}
        </Field>

        {loaded.graceMinutes !== undefined && (
          <Field label={t('settings.graceMinutes')} help={t('settings.graceMinutesHelp')} locked={locked('graceMinutes')}>
            {(props) => (
              <input
                {...props}
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                autoComplete="off"
                aria-invalid={invalid === 'graceMinutes' || undefined}
                value={draft.graceMinutes}
                onChange={(e) => update({ graceMinutes: e.target.value })}
              />
            )}
          </Field>
        )}
        {loaded.allowedAccounts !== undefined && (
          <Field
            label={t('settings.allowedAccounts')}
            help={t('settings.allowedAccountsHelp')}
            locked={locked('allowedAccounts')}
            wide
          >
            {(props) => (
              <textarea
                {...props}
                rows={2}
                spellCheck={false}
                autoComplete="off"
                placeholder="name@bank"
                value={draft.allowedAccounts}
                onChange={(e) => update({ allowedAccounts: e.target.value })}
              />
            )}
          </Field>
        )}

        {loaded.printer !== undefined && (
          <PrinterSection loaded={loaded} draft={draft} update={update} locked={locked} invalid={invalid} />
        )}

        <div className="settings__feedback">
          {notice?.kind === 'error' && <ErrorBanner error={notice.error} />}
          {invalid && (
            <div className="banner banner--error" role="alert">
              <div className="banner__text">
                {invalid === 'receiptHeader' || invalid === 'receiptFooter' ? (
                  <>
                    <strong>{t(invalid === 'receiptHeader' ? 'printer.header' : 'printer.footer')}</strong>
                    <span className="banner__detail">{receiptLinesProblem(checkReceiptLines(draft[invalid]), t)}</span>
                  </>
                ) : (
                  <strong>{t(INVALID_TEXT[invalid])}</strong>
                )}
              </div>
            </div>
          )}
          <p role="status" className={notice?.kind === 'saved' ? 'settings__saved' : 'settings__note'}>
            {notice?.kind === 'saved' ? t('settings.saved') : notice?.kind === 'unchanged' ? t('settings.noChanges') : ''}
          </p>
        </div>

        <div className="settings__actions">
          <button type="submit" className="btn btn--primary btn--wide" disabled={saving}>
            {saving ? t('settings.saving') : t('settings.save')}
          </button>
        </div>
      </form>
    </main>
  );
}
