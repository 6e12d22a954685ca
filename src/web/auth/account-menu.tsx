// The header's account corner: "Sign in" for visitors; for staff their name, the user administration
// (administrators), password change and sign-out.
import { useT } from '../i18n/i18n.tsx';
import { Link, navigate } from '../shell/router.tsx';
import { canAdministerUsers } from './account-forms.ts';
import { useSession } from './session.tsx';
import './auth.css';

export function AccountMenu() {
  const t = useT();
  const session = useSession();
  if (session.status === 'loading') return <div className="account-menu" />;
  if (!session.user) {
    return (
      <div className="account-menu">
        <Link href="/sign-in">{t('auth.nav.signIn')}</Link>
      </div>
    );
  }
  return (
    <nav className="account-menu" aria-label={t('auth.nav.account')}>
      <span className="account-name" title={t('auth.nav.signedInAs', { name: session.user.username })}>{session.user.displayName}</span>
      {canAdministerUsers(session) ? <Link href="/admin/users">{t('auth.nav.users')}</Link> : null}
      <Link href="/account/password">{t('auth.nav.changePassword')}</Link>
      <button
        type="button"
        className="button button-link"
        onClick={async () => {
          try {
            await session.signOut();
          } finally {
            navigate('/sign-in');
          }
        }}
      >
        {t('auth.nav.signOut')}
      </button>
    </nav>
  );
}
