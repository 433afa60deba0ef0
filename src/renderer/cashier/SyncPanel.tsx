/**
 * The back office in Settings: the till's sync state in words (from the pushed state: up to date, N
 * rows waiting, or the last error — catalog messages, never the back office's own text), "Send now",
 * and pairing: the back office's address and the one-time code it gave. The token never reaches this
 * screen. Owner-only once cashier identities land (issue 9): until then any screen may pair.
 */
import { useState } from 'react';
import type { CommandError } from '../../shared/contract.ts';
import { hostMessageText } from '../../shared/messages/index.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { invoke, useCashier } from './store.ts';
import { useLanguage, useT } from './useT.ts';

type Outcome = { kind: 'idle' } | { kind: 'working' } | { kind: 'paired' } | { kind: 'error'; error: CommandError };

export function SyncPanel() {
  const t = useT();
  const language = useLanguage();
  const sync = useCashier((s) => s.state?.sync ?? null);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  if (!sync) return null;

  const pair = async (): Promise<void> => {
    setOutcome({ kind: 'working' });
    const reply = await invoke('sync.pair', { url: url.trim(), code: code.trim() });
    if (reply.ok) {
      setCode('');
      setOutcome({ kind: 'paired' });
    } else {
      setOutcome({ kind: 'error', error: reply.error });
    }
  };
  const sendNow = async (): Promise<void> => {
    const reply = await invoke('sync.now', {});
    if (!reply.ok) setOutcome({ kind: 'error', error: reply.error });
  };

  return (
    <section className="settings__sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <p role="status" className={sync.lastError ? 'settings__sync-state settings__sync-state--error' : 'settings__sync-state'} data-testid="sync-state">
        {hostMessageText(sync.words, language)}
      </p>
      {sync.url && (
        <p className="settings__note">
          {t('sync.pairedWith', { url: sync.url })}
          {sync.lastSyncedAt !== null && ` · ${t('sync.lastSent', { time: new Date(sync.lastSyncedAt).toLocaleString(language === 'km' ? 'km-KH' : 'en-GB', { timeZone: 'Asia/Phnom_Penh' }) })}`}
        </p>
      )}
      {sync.url && sync.waiting > 0 && (
        <button type="button" className="button" onClick={() => void sendNow()}>
          {t('sync.sendNow')}
        </button>
      )}
      <form
        className="settings__sync-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (outcome.kind !== 'working') void pair();
        }}
        noValidate
      >
        <p className="settings__note">{sync.url ? t('sync.pairAgainHelp') : t('sync.pairHelp')}</p>
        <label>
          {t('sync.url')}
          <input name="sync-url" type="url" autoComplete="off" spellCheck={false} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <label>
          {t('sync.code')}
          <input name="sync-code" type="text" autoComplete="off" spellCheck={false} placeholder="7KQM-2XHD-P9RT" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={outcome.kind === 'working' || url.trim() === '' || code.trim() === ''}>
          {outcome.kind === 'working' ? t('sync.pairing') : t('sync.pair')}
        </button>
      </form>
      {outcome.kind === 'error' && <ErrorBanner error={outcome.error} />}
      {outcome.kind === 'paired' && <p className="settings__saved">{t('sync.paired')}</p>}
    </section>
  );
}
