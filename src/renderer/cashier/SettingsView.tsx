import { useEffect, useState } from 'react';
import type { FormEvent, InputHTMLAttributes } from 'react';
import type { CommandError, SettingsInput } from '../../shared/contract.ts';
import { hostMessageText, type HostMessage } from '../../shared/messages/index.ts';
import { ALLOWED_ACCOUNTS_REFUSAL, BAKONG_ID_REFUSAL } from '../../shared/rules/account-id.ts';
import type { MessageKey } from '../i18n/index.ts';
import { checkReceiptLines, receiptLinesProblem } from './printer-form.ts';
import { buildPatch, toDraft } from './settings-form.ts';
import type { Draft, InvalidField, LoadedSettings as Settings } from './settings-form.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { Field } from './Field.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { PrinterSection } from './PrinterSection.tsx';
import { DrawerSection } from './DrawerSection.tsx';
import { SyncPanel } from './SyncPanel.tsx';
import { ApiKeyField } from './ApiKeyField.tsx';
import { settingLock } from './lock.ts';
import { UsersSection } from './UsersSection.tsx';
import { invoke, useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

type Notice =
  | { kind: 'saved' }
  | { kind: 'unchanged' }
  | { kind: 'error'; error: CommandError }
  | { kind: 'invalid'; field: InvalidField };

/** Account fields say what the host would say: the rule and its words are shared (src/shared/rules/account-id.ts). */
const INVALID_HOST_TEXT: Readonly<Record<'bakongId' | 'allowedAccounts', HostMessage>> = {
  bakongId: BAKONG_ID_REFUSAL,
  allowedAccounts: ALLOWED_ACCOUNTS_REFUSAL,
};

const INVALID_TEXT: Readonly<Record<Exclude<InvalidField, 'receiptHeader' | 'receiptFooter' | 'bakongId' | 'allowedAccounts'>, MessageKey>> = {
  khrPerUsd: 'settings.khrPerUsdInvalid',
  graceMinutes: 'settings.graceMinutesInvalid',
  backupsKept: 'settings.backupsKeptInvalid',
  autoLockMinutes: 'settings.autoLockMinutesInvalid',
  printerFolder: 'printer.folderInvalid',
  drawerPulseOnMs: 'drawer.pulseOnInvalid',
  drawerPulseOffMs: 'drawer.pulseOffInvalid',
};

/** The settings edited as free text, each in one <input>. */
type TextSetting = 'merchantName' | 'bakongId' | 'apiBaseUrl' | 'khrPerUsd' | 'graceMinutes' | 'backupsKept' | 'autoLockMinutes';
type InputAttributes = Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'pattern' | 'autoComplete' | 'spellCheck' | 'placeholder'>;

const WHOLE_NUMBER: InputAttributes = { type: 'text', inputMode: 'numeric', pattern: '[0-9]*', autoComplete: 'off' };

export function SettingsView() {
  const t = useT();
  const language = useLanguage();
  const mode = useCashier((s) => s.state?.mode ?? null);
  const role = useCashier((s) => s.state?.auth?.user?.role ?? null);
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

  // Read-only: fixed by the environment, or not this user's to change (src/shared/rules/roles.ts).
  const locked = (field: keyof SettingsInput) => settingLock(field, loaded.lockedByEnv, role);
  const invalid = notice?.kind === 'invalid' ? notice.field : null;
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setNotice(null);
  };
  /** A setting typed into one <input>, bound to its draft text and flagged when it is the invalid one. */
  const textInput = (field: TextSetting, label: string, help: string, attributes: InputAttributes) => (
    <Field label={label} help={help} locked={locked(field)}>
      {(props) => (
        <input
          {...props}
          {...attributes}
          aria-invalid={invalid === field || undefined}
          value={draft[field]}
          onChange={(e) => update({ [field]: e.target.value })}
        />
      )}
    </Field>
  );

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
        {textInput('merchantName', t('settings.merchantName'), t('settings.merchantNameHelp'), {
          type: 'text',
          autoComplete: 'organization',
        })}
        {textInput('bakongId', t('settings.bakongId'), t('settings.bakongIdHelp'), {
          type: 'text',
          autoComplete: 'off',
          spellCheck: false,
          placeholder: 'name@bank',
        })}
        {textInput('apiBaseUrl', t('settings.apiBaseUrl'), t('settings.apiBaseUrlHelp'), {
          type: 'url',
          autoComplete: 'off',
          spellCheck: false,
          placeholder: 'https://',
        })}
        {textInput('khrPerUsd', t('settings.khrPerUsd'), t('settings.khrPerUsdHelp'), WHOLE_NUMBER)}
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

        {loaded.graceMinutes !== undefined &&
          textInput('graceMinutes', t('settings.graceMinutes'), t('settings.graceMinutesHelp'), WHOLE_NUMBER)}
        {loaded.backupsKept !== undefined &&
          textInput('backupsKept', t('settings.backupsKept'), t('settings.backupsKeptHelp'), WHOLE_NUMBER)}
        {loaded.autoLockMinutes !== undefined &&
          textInput('autoLockMinutes', t('settings.autoLockMinutes'), t('settings.autoLockMinutesHelp'), WHOLE_NUMBER)}
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
                aria-invalid={invalid === 'allowedAccounts' || undefined}
                value={draft.allowedAccounts}
                onChange={(e) => update({ allowedAccounts: e.target.value })}
              />
            )}
          </Field>
        )}

        {loaded.printer !== undefined && (
          <PrinterSection loaded={loaded} draft={draft} update={update} locked={locked} invalid={invalid} />
        )}
        {loaded.drawerEnabled !== undefined && <DrawerSection draft={draft} update={update} locked={locked} invalid={invalid} />}

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
                ) : invalid === 'bakongId' || invalid === 'allowedAccounts' ? (
                  <strong>{hostMessageText(INVALID_HOST_TEXT[invalid], language)}</strong>
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
      {role === 'owner' && <ApiKeyField loaded={loaded} onSaved={(view) => {
        setLoaded(view);
        setDraft(toDraft(view));
      }} />}
      {role === 'owner' && <ExportPanel />}
      {role === 'owner' && <UsersSection />}
      {/* Pairing the till with a back office is the owner's. */}
      {role === 'owner' && <SyncPanel />}
    </main>
  );
}
