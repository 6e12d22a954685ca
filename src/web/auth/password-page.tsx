// /account/password: change your own password (the current one is needed). The server ends the user's
// other sessions; this one stays.
import { useEffect, useState, type FormEvent } from 'react';
import { changePassword } from '../api/auth.ts';
import { ApiRequestError } from '../api/client.ts';
import { ErrorNotice } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { RequireSignIn } from './require-sign-in.tsx';
import { useSession } from './session.tsx';
import './auth.css';

const KNOWN_FAILURES: Record<string, MessageKey> = { current_password_wrong: 'auth.password.currentWrong', weak_password: 'auth.password.rules', sign_in_failed: 'auth.signIn.failed' };

export function PasswordPage() {
  const t = useT();
  useEffect(() => {
    document.title = `${t('auth.password.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <RequireSignIn>
      <PasswordForm />
    </RequireSignIn>
  );
}

function PasswordForm() {
  const t = useT();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<{ done: true } | { message: MessageKey } | { error: Error } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next !== confirm) {
      setOutcome({ message: 'auth.password.mismatch' });
      return;
    }
    setWorking(true);
    setOutcome(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setOutcome({ done: true });
      await session.refresh();
    } catch (failure) {
      const known = failure instanceof ApiRequestError ? KNOWN_FAILURES[failure.code] : undefined;
      setOutcome(known ? { message: known } : { error: failure instanceof Error ? failure : new Error(String(failure)) });
    } finally {
      setWorking(false);
    }
  }

  return (
    <div className="password-page">
      <h1 tabIndex={-1}>{t('auth.password.title')}</h1>
      <p className="lead">{t('auth.password.lead')}</p>
      {outcome && 'done' in outcome ? <p className="notice" role="status">{t('auth.password.done')}</p> : null}
      {outcome && 'message' in outcome ? <div className="notice notice-error" role="alert"><p>{t(outcome.message)}</p></div> : null}
      {outcome && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
      <form className="auth-form" onSubmit={submit}>
        <input type="text" name="username" autoComplete="username" value={session.user?.username ?? ''} readOnly hidden />
        <label className="field">
          <span>{t('auth.password.current')}</span>
          <input type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('auth.password.new')}</span>
          <input type="password" autoComplete="new-password" required minLength={12} aria-describedby="password-rules" value={next} onChange={(event) => setNext(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('auth.password.confirm')}</span>
          <input type="password" autoComplete="new-password" required value={confirm} onChange={(event) => setConfirm(event.target.value)} />
        </label>
        <p id="password-rules" className="hint">{t('auth.password.rules')}</p>
        <p>
          <button type="submit" className="button button-primary" disabled={working}>{t('auth.password.submit')}</button>
        </p>
      </form>
    </div>
  );
}
