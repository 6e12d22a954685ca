// Pages for signed-in staff: while the session loads, a spinner; signed out, a link to sign in that
// comes back here afterwards.
import type { ReactNode } from 'react';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../shell/router.tsx';
import { useSession } from './session.tsx';

export function signInHref(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ next: returnTo }).toString()}`;
}

export function RequireSignIn({ children }: { children: ReactNode }) {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading label={t('auth.signIn.working')} />;
  if (!session.user) {
    return (
      <div className="notice">
        <h1 tabIndex={-1}>{t('auth.required.title')}</h1>
        <p>{t('auth.required.body')}</p>
        <p>
          <Link href={signInHref(location.pathname + location.search)} className="button button-primary">{t('auth.nav.signIn')}</Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}
