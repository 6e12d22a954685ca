// /sign-in: username and password. A wrong password, an unknown username and a locked account read
// the same (the server never says which); too many failures are refused for a while.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { ErrorNotice } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../shell/router.tsx';
import { safeNext } from './account-forms.ts';
import { useSession } from './session.tsx';
import './auth.css';

export function SignInPage() {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    document.title = `${t('auth.signIn.title')} · ${t('app.name')}`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      await session.signIn(username, password);
      setPassword('');
      navigate(safeNext(location.search), { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setWorking(false);
    }
  }

  const known = error instanceof ApiRequestError && (error.status === 401 || error.status === 429);
  return (
    <div className="sign-in-page">
      <h1 tabIndex={-1}>{t('auth.signIn.title')}</h1>
      <p className="lead">{t('auth.signIn.lead')}</p>
      {session.user ? <p role="status">{t('auth.signIn.already', { name: session.user.displayName })}</p> : null}
      {known ? (
        <div className="notice notice-error" role="alert">
          <p>{t(error.status === 429 ? 'auth.signIn.rateLimited' : 'auth.signIn.failed')}</p>
        </div>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      <form className="auth-form" onSubmit={submit}>
        <label className="field">
          <span>{t('auth.signIn.username')}</span>
          <input type="text" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('auth.signIn.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        <p>
          <button type="submit" className="button button-primary" disabled={working}>
            {working ? t('auth.signIn.working') : t('auth.signIn.submit')}
          </button>
        </p>
        <p className="hint">{t('auth.signIn.noAccount')}</p>
      </form>
    </div>
  );
}
