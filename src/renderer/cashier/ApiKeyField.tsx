import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CommandError, SettingsView } from '../../shared/contract.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { invoke } from './store.ts';
import type { LoadedSettings } from './settings-form.ts';
import { useT } from './useT.ts';

/**
 * The hosted API's key (owner only): typed once and sent to the host, which keeps it in the
 * credentials file outside the ledger. The screen is only ever told whether one is set.
 */
export function ApiKeyField({ loaded, onSaved }: { loaded: LoadedSettings; onSaved: (view: SettingsView) => void }) {
  const t = useT();
  const id = useId();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [done, setDone] = useState<'saved' | 'removed' | null>(null);
  const fromEnv = loaded.apiKeyFromEnv === true;

  const send = async (apiKey: string) => {
    setBusy(true);
    setError(null);
    const reply = await invoke('settings.setApiKey', { apiKey });
    setBusy(false);
    setKey('');
    if (reply.ok) {
      setDone(apiKey === '' ? 'removed' : 'saved');
      onSaved(reply.value);
    } else {
      setError(reply.error);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && key.trim() !== '') void send(key.trim());
  };

  return (
    <form className="settings__form settings__apikey" onSubmit={submit}>
      <div className={`field field--wide${fromEnv ? ' field--locked' : ''}`}>
        <label htmlFor={id} className="field__label">
          {t('settings.apiKey')}
        </label>
        <input id={id} className="field__control" type="password" autoComplete="off" spellCheck={false} value={key}
          readOnly={fromEnv} aria-describedby={`${id}-help ${id}-state`} onChange={(e) => {
            setKey(e.target.value);
            setDone(null);
          }} />
        <p id={`${id}-state`} className="field__status">
          {fromEnv ? t('settings.apiKeyFromEnv') : loaded.apiKeySet ? t('settings.apiKeySet') : t('settings.apiKeyNone')}
        </p>
        <p id={`${id}-help`} className="field__help">
          {t('settings.apiKeyHelp')}
        </p>
      </div>
      {error && <ErrorBanner error={error} />}
      <p role="status" className="settings__note">
        {done === 'saved' ? t('settings.apiKeySaved') : done === 'removed' ? t('settings.apiKeyRemoved') : ''}
      </p>
      {!fromEnv && (
        <div className="settings__actions">
          <button type="submit" className="btn" disabled={busy || key.trim() === ''}>
            {t('settings.apiKeySave')}
          </button>
          {loaded.apiKeySet && (
            <button type="button" className="btn btn--ghost" disabled={busy} onClick={() => void send('')}>
              {t('settings.apiKeyRemove')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
