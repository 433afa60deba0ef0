import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { CommandError, UserView } from '../../shared/contract.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { PinField, isPinText } from './PinField.tsx';
import { invoke, useCashier } from './store.ts';
import { useT } from './useT.ts';

/**
 * The lock screen: nothing of the till shows until someone signs in. A new till (or one upgraded from
 * before users) asks for the owner first. Signing in is choosing one's name, then one's PIN: a PIN
 * alone would have to be unique, and a PIN refused as "taken" would tell a cashier someone else's.
 */
export function SignIn() {
  const t = useT();
  const auth = useCashier((s) => s.state!.auth);
  const remembered = useCashier((s) => s.lastUserId);
  const [recovering, setRecovering] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const preselected = auth.users.some((u) => u.id === remembered) ? remembered : null;
  const user = auth.users.find((u) => u.id === (chosen ?? preselected)) ?? null;

  return (
    <main className="signin">
      <div className="signin__panel">
        {auth.needsOwner ? (
          <CreateOwner />
        ) : recovering ? (
          <Recover onBack={() => setRecovering(false)} />
        ) : user ? (
          <EnterPin user={user} onBack={() => {
            setChosen(null);
            useCashier.getState().forgetLastUser();
          }} />
        ) : (
          <>
            <h1 className="signin__title">{t('auth.signInTitle')}</h1>
            <p>{t('auth.chooseUser')}</p>
            <ul className="signin__tiles" aria-label={t('auth.users')}>
              {auth.users.map((u) => (
                <li key={u.id}>
                  <button type="button" className="btn signin__tile" onClick={() => setChosen(u.id)}>
                    {u.name}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="btn btn--ghost" onClick={() => setRecovering(true)}>
              {t('auth.forgotPin')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}

function EnterPin({ user, onBack }: { user: UserView; onBack: () => void }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  useEffect(() => setPin(''), [user.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !isPinText(pin)) return;
    setBusy(true);
    const reply = await invoke('auth.signIn', { userId: user.id, pin });
    setBusy(false);
    setPin('');
    if (!reply.ok) setError(reply.error);
  };

  return (
    <form className="signin__form" onSubmit={(event) => void submit(event)}>
      <h1 className="signin__title">{user.name}</h1>
      <PinField label={t('auth.pinFor', { name: user.name })} value={pin} onChange={(v) => {
        setPin(v);
        setError(null);
      }} disabled={busy} autoFocus />
      {error && <ErrorBanner error={error} />}
      <div className="signin__actions">
        <button type="button" className="btn btn--ghost" onClick={onBack}>
          {t('auth.back')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy || !isPinText(pin)}>
          {busy ? t('auth.checking') : t('auth.signIn')}
        </button>
      </div>
    </form>
  );
}

function CreateOwner() {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'name' | 'pin' | 'differ' | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const check = name.trim() === '' ? 'name' : !isPinText(pin) ? 'pin' : pin !== again ? 'differ' : null;
    setProblem(check);
    if (check) return;
    setBusy(true);
    const reply = await invoke('auth.createOwner', { name: name.trim(), pin });
    setBusy(false);
    if (reply.ok) useCashier.getState().showRecoveryCode(reply.value.recoveryCode);
    else setError(reply.error);
  };

  return (
    <form className="signin__form" onSubmit={(event) => void submit(event)} noValidate>
      <h1 className="signin__title">{t('auth.createOwnerTitle')}</h1>
      <p>{t('auth.createOwnerHelp')}</p>
      <label htmlFor={id} className="field__label">
        {t('auth.ownerName')}
      </label>
      <input id={id} className="field__control" type="text" autoComplete="name" maxLength={40} value={name} autoFocus
        aria-invalid={problem === 'name' || undefined} onChange={(e) => setName(e.target.value)} />
      <PinField label={t('auth.pin')} value={pin} onChange={setPin} disabled={busy} pad={false} />
      <PinField label={t('auth.pinAgain')} value={again} onChange={setAgain} disabled={busy} pad={false} />
      {problem && (
        <p className="banner banner--error" role="alert">
          {t(problem === 'name' ? 'auth.nameRule' : problem === 'pin' ? 'auth.pinRule' : 'auth.pinsDiffer')}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      <button type="submit" className="btn btn--primary btn--wide" disabled={busy}>
        {t('auth.createOwner')}
      </button>
    </form>
  );
}

function Recover({ onBack }: { onBack: () => void }) {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !isPinText(pin) || code.trim() === '') return;
    setBusy(true);
    const reply = await invoke('auth.recover', { code: code.trim(), pin });
    setBusy(false);
    if (reply.ok) useCashier.getState().showRecoveryCode(reply.value.recoveryCode);
    else setError(reply.error);
  };

  return (
    <form className="signin__form" onSubmit={(event) => void submit(event)}>
      <h1 className="signin__title">{t('auth.recoverTitle')}</h1>
      <p>{t('auth.recoverHelp')}</p>
      <label htmlFor={id} className="field__label">
        {t('auth.recoveryCode')}
      </label>
      <input id={id} className="field__control" type="text" autoComplete="off" spellCheck={false} value={code} autoFocus
        onChange={(e) => setCode(e.target.value)} />
      <PinField label={t('auth.newPin')} value={pin} onChange={setPin} disabled={busy} pad={false} />
      {error && <ErrorBanner error={error} />}
      <div className="signin__actions">
        <button type="button" className="btn btn--ghost" onClick={onBack}>
          {t('auth.back')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy || !isPinText(pin) || code.trim() === ''}>
          {t('auth.recover')}
        </button>
      </div>
    </form>
  );
}
