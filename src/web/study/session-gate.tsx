// The study pages need a signed-in user: the gate loads the session, asks for a sign-in when there is
// none, and gives the pages the user and their grants. Minimal until the auth area's session context
// is merged (then SessionGate wraps that context instead of calling the API itself).
import { createContext, useContext, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { fetchSession, signIn, signOut, type Session, type SessionGrant, type SessionUser } from '../api/session.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ApiProblem } from './api-problem.tsx';

interface SignedIn {
  user: SessionUser;
  grants: readonly SessionGrant[];
  signOut(): Promise<void>;
}

const SessionContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSignedIn() must be used inside <SessionGate>');
  return value;
}

export function SessionGate({ children }: { children: ReactNode }) {
  const t = useT();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(setSession, (caught: unknown) => {
      if (!controller.signal.aborted) setError(caught instanceof Error ? caught : new Error(String(caught)));
    });
    return () => controller.abort();
  }, [attempt]);

  if (error) return <ErrorNotice error={error} onRetry={() => { setError(null); setAttempt((n) => n + 1); }} />;
  if (!session) return <Loading label={t('conduct.session.loading')} />;
  if (!session.user) return <SignInForm onSignedIn={setSession} />;
  const value: SignedIn = {
    user: session.user,
    grants: session.grants,
    async signOut() {
      await signOut();
      setSession({ user: null, grants: [], csrfToken: null });
    },
  };
  return (
    <SessionContext.Provider value={value}>
      <SignedInBar />
      {children}
    </SessionContext.Provider>
  );
}

function SignedInBar() {
  const t = useT();
  const { user, signOut: leave } = useSignedIn();
  const [busy, setBusy] = useState(false);
  return (
    <p className="signed-in-bar">
      <span>{t('conduct.session.signedInAs', { name: user.displayName || user.username })}</span>{' '}
      <button type="button" className="button-link" disabled={busy} onClick={() => { setBusy(true); void leave().finally(() => setBusy(false)); }}>
        {t('conduct.session.signOut')}
      </button>
    </p>
  );
}

function SignInForm({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (caught) {
      setPassword('');
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="sign-in-form" onSubmit={submit}>
      <h1 tabIndex={-1}>{t('conduct.session.signInTitle')}</h1>
      <p className="muted">{t('conduct.session.signInLead')}</p>
      <label className="field">
        <span>{t('conduct.session.username')}</span>
        <input value={username} autoComplete="username" required onChange={(event) => setUsername(event.target.value)} />
      </label>
      <label className="field">
        <span>{t('conduct.session.password')}</span>
        <input type="password" value={password} autoComplete="current-password" required onChange={(event) => setPassword(event.target.value)} />
      </label>
      {error ? <ApiProblem error={error} /> : null}
      <p>
        <button type="submit" className="button button-primary" disabled={busy}>{t('conduct.session.signIn')}</button>
      </p>
    </form>
  );
}
