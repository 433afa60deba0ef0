import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ROLES, type CommandError, type Role, type UserAdminView } from '../../shared/contract.ts';
import { ErrorBanner } from './ErrorBanner.tsx';
import { PinField, isPinText } from './PinField.tsx';
import { invoke, useCashier } from './store.ts';
import { useT } from './useT.ts';

type Done = { key: 'users.added' | 'users.pinWasReset' | 'users.deactivated'; name: string } | { key: 'users.roleChanged'; name: string; role: Role };

/**
 * The owner's user management: add a user (name in any script, role, PIN), change a role, reset a
 * PIN, deactivate. Each is journaled by the host as the owner, never with the PIN.
 */
export function UsersSection() {
  const t = useT();
  const me = useCashier((s) => s.state?.auth?.user?.id ?? null);
  const [users, setUsers] = useState<UserAdminView[]>([]);
  const [error, setError] = useState<CommandError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const reply = await invoke('users.list', {});
    if (reply.ok) setUsers(reply.value);
    else setError(reply.error);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const act = async (reply: Promise<{ ok: true; value: UserAdminView } | { ok: false; error: CommandError }>, said: (user: UserAdminView) => Done) => {
    setError(null);
    setDone(null);
    const answer = await reply;
    if (answer.ok) setDone(said(answer.value));
    else setError(answer.error);
    await reload();
    return answer.ok;
  };

  return (
    <section className="settings__users" aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <p className="settings__note">{t('users.help')}</p>
      <table className="users">
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col"><span className="visually-hidden">{t('users.resetPin')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.active ? undefined : 'users__inactive'}>
              <th scope="row">
                {user.name}
                {user.id === me && ` (${t('users.you')})`}
                {!user.active && ` · ${t('users.inactive')}`}
                {user.active && !user.hasPin && ` · ${t('users.noPin')}`}
              </th>
              <td>
                {user.active ? (
                  <select aria-label={t('users.changeRole', { name: user.name })} value={user.role}
                    onChange={(e) => void act(invoke('users.setRole', { userId: user.id, role: e.target.value as Role }),
                      (u) => ({ key: 'users.roleChanged', name: u.name, role: u.role }))}>
                    {ROLES.map((role) => <option key={role} value={role}>{t(`role.${role}`)}</option>)}
                  </select>
                ) : t(`role.${user.role}`)}
              </td>
              <td>
                {user.active && (
                  <div className="users__actions">
                    <button type="button" className="btn" onClick={() => setResetting(resetting === user.id ? null : user.id)}>
                      {t('users.resetPin')}
                    </button>
                    {user.id !== me && (
                      <button type="button" className="btn btn--ghost" onClick={() => void act(invoke('users.deactivate', { userId: user.id }),
                        (u) => ({ key: 'users.deactivated', name: u.name }))}>
                        {t('users.deactivate')}
                      </button>
                    )}
                    {resetting === user.id && (
                      <ResetPin name={user.name} onReset={async (pin) => {
                        if (await act(invoke('users.resetPin', { userId: user.id, pin }), (u) => ({ key: 'users.pinWasReset', name: u.name }))) setResetting(null);
                      }} />
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUser onAdd={(name, role, pin) => act(invoke('users.add', { name, role, pin }), (u) => ({ key: 'users.added', name: u.name }))} />
      {error && <ErrorBanner error={error} />}
      <p role="status" className="settings__note">
        {done ? (done.key === 'users.roleChanged' ? t(done.key, { name: done.name, role: t(`role.${done.role}`) }) : t(done.key, { name: done.name })) : ''}
      </p>
      <RenewRecoveryCode />
    </section>
  );
}

function ResetPin({ name, onReset }: { name: string; onReset: (pin: string) => Promise<void> }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isPinText(pin)) void onReset(pin).then(() => setPin(''));
  };
  return (
    <form className="users__reset" onSubmit={submit}>
      <PinField label={t('users.newPinFor', { name })} value={pin} onChange={setPin} pad={false} autoFocus />
      <button type="submit" className="btn btn--primary" disabled={!isPinText(pin)}>
        {t('users.resetPin')}
      </button>
    </form>
  );
}

function AddUser({ onAdd }: { onAdd: (name: string, role: Role, pin: string) => Promise<boolean> }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = name.trim() !== '' && isPinText(pin);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !ready) return;
    setBusy(true);
    const added = await onAdd(name.trim(), role, pin);
    setBusy(false);
    if (added) {
      setName('');
      setPin('');
    }
  };
  return (
    <form className="users__add" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={`${id}-name`} className="field__label">{t('users.name')}</label>
        <input id={`${id}-name`} className="field__control" type="text" maxLength={40} autoComplete="off" value={name}
          onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`} className="field__label">{t('users.role')}</label>
        <select id={`${id}-role`} className="field__control" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
        </select>
      </div>
      <PinField label={t('users.pin')} value={pin} onChange={setPin} pad={false} disabled={busy} />
      <button type="submit" className="btn btn--primary" disabled={busy || !ready}>
        {t('users.add')}
      </button>
    </form>
  );
}

function RenewRecoveryCode() {
  const t = useT();
  const [error, setError] = useState<CommandError | null>(null);
  const renew = async () => {
    const reply = await invoke('auth.renewRecoveryCode', {});
    if (reply.ok) useCashier.getState().showRecoveryCode(reply.value.recoveryCode);
    else setError(reply.error);
  };
  return (
    <div className="users__recovery">
      <button type="button" className="btn" onClick={() => void renew()}>
        {t('users.renewRecovery')}
      </button>
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
