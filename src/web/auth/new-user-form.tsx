// Adding a user: username, name, a password typed or generated here (shown, so the administrator can
// hand it over), and the first grant. A sponsor admin's new user must start with a grant in their study.
import { useState, type FormEvent } from 'react';
import { createUser } from '../api/auth.ts';
import { ErrorNotice } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { emptyGrant, generatePassword, grantFields } from './account-forms.ts';
import { GrantFieldset } from './grant-fields.tsx';

export function NewUserForm({ studies, isSystemAdmin, onCreated }: { studies: readonly string[] | 'any'; isSystemAdmin: boolean; onCreated(username: string): void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState(false);
  const [systemAdmin, setSystemAdmin] = useState(false);
  const [grant, setGrant] = useState(emptyGrant(studies === 'any' ? [] : studies));
  const [error, setError] = useState<Error | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      const first = grantFields(grant);
      const created = await createUser({ username: username.trim(), displayName: displayName.trim() || undefined, password, isSystemAdmin: systemAdmin || undefined, grants: first ? [first] : [] });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setGenerated(false);
      setSystemAdmin(false);
      setGrant(emptyGrant(studies === 'any' ? [] : studies));
      onCreated(created.user.username);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setWorking(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">{t('auth.admin.newUser')}</h2>
      <p className="hint">{t('auth.admin.newUserLead')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-grid">
        <label className="field">
          <span>{t('auth.admin.username')}</span>
          <input type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} required value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('auth.admin.displayName')}</span>
          <input type="text" autoComplete="off" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        </label>
      </div>
      <div className="password-row">
        <label className="field">
          <span>{t('auth.admin.password')}</span>
          <input type="text" autoComplete="new-password" spellCheck={false} required minLength={12} aria-describedby="new-user-password-hint" value={password} onChange={(event) => { setPassword(event.target.value); setGenerated(false); }} />
        </label>
        <button type="button" className="button button-secondary" onClick={() => { setPassword(generatePassword()); setGenerated(true); }}>{t('auth.admin.generate')}</button>
      </div>
      <p id="new-user-password-hint" className="hint" role={generated ? 'status' : undefined}>{generated ? t('auth.admin.generated') : t('auth.password.rules')}</p>
      {isSystemAdmin ? (
        <label className="check-row">
          <input type="checkbox" checked={systemAdmin} onChange={(event) => setSystemAdmin(event.target.checked)} />
          <span>{t('auth.admin.makeSystemAdmin')}</span>
        </label>
      ) : null}
      <GrantFieldset idPrefix="new-user" legend={isSystemAdmin ? t('auth.admin.firstGrantOptional') : t('auth.admin.firstGrant')} draft={grant} onChange={setGrant} studies={studies} allowNone={isSystemAdmin} />
      <p>
        <button type="submit" className="button button-primary" disabled={working}>{t('auth.admin.create')}</button>
      </p>
    </form>
  );
}
