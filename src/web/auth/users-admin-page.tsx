// /admin/users: the users an administrator administers (GET /api/admin/users), with their grants in
// force; add a user, add or revoke grants, unlock, and (system administrators) disable or enable.
// What the server does not let the caller see, it does not send: the page shows what it gets.
import { useEffect, useState, type FormEvent } from 'react';
import { addGrant, listUsers, revokeGrant, userAction, type GrantView, type UserWithGrants } from '../api/auth.ts';
import { ApiRequestError } from '../api/client.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { GrantFieldset, roleLabel } from './grant-fields.tsx';
import { NewUserForm } from './new-user-form.tsx';
import { RequireSignIn } from './require-sign-in.tsx';
import { canAdministerUsers, emptyGrant, grantFields, managedStudyIds } from './account-forms.ts';
import { useSession } from './session.tsx';
import './auth.css';

export function UsersAdminPage() {
  const t = useT();
  useEffect(() => {
    document.title = `${t('auth.admin.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <RequireSignIn>
      <AdministratorsOnly />
    </RequireSignIn>
  );
}

/** Others are told so, without asking the server for a list it would refuse. */
function AdministratorsOnly() {
  const t = useT();
  const session = useSession();
  if (canAdministerUsers(session)) return <UsersAdmin />;
  return (
    <div className="notice">
      <h1 tabIndex={-1}>{t('auth.forbidden.title')}</h1>
      <p>{t('auth.forbidden.body')}</p>
    </div>
  );
}

function UsersAdmin() {
  const t = useT();
  const session = useSession();
  const { state, retry } = useApi('admin-users', (signal) => listUsers(signal));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const isSystemAdmin = session.user?.isSystemAdmin ?? false;
  const studies = isSystemAdmin ? 'any' : managedStudyIds(session.grants);

  /** Runs a change, then reloads the list and says what happened (or shows the server's refusal). */
  async function change(work: () => Promise<unknown>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      retry();
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      // A session that ended meanwhile (idle timeout): the header and this page then offer sign-in.
      if (failure instanceof ApiRequestError && failure.status === 401) await session.refresh();
    }
  }

  const users = state.data?.users ?? [];
  return (
    <div className="users-admin-page">
      <h1 tabIndex={-1}>{t('auth.admin.title')}</h1>
      <p className="lead">{t('auth.admin.lead')}</p>
      <div aria-live="polite">{notice ? <p className="notice" role="status">{notice}</p> : null}</div>
      {error ? <ErrorNotice error={error} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' && !state.data ? <Loading label={t('auth.admin.loading')} /> : null}
      {state.data ? (
        <section aria-labelledby="users-heading">
          <h2 id="users-heading">{t.plural('auth.admin.users', users.length)}</h2>
          <table className="users-table">
            <thead>
              <tr>
                <th scope="col">{t('auth.admin.username')}</th>
                <th scope="col">{t('auth.admin.displayName')}</th>
                <th scope="col">{t('auth.admin.state')}</th>
                <th scope="col">{t('auth.admin.grants')}</th>
                <th scope="col">{t('auth.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow key={user.id} user={user} isSystemAdmin={isSystemAdmin} selfId={session.user?.id} change={change} />
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div className="admin-forms">
        <NewUserForm studies={studies} isSystemAdmin={isSystemAdmin} onCreated={(username) => { setError(null); setNotice(t('auth.admin.created', { user: username })); retry(); }} />
        {users.length > 0 ? <AddGrantForm users={users} studies={studies} change={change} /> : null}
      </div>
    </div>
  );
}

type Change = (work: () => Promise<unknown>, done: string) => Promise<void>;

function grantText(t: ReturnType<typeof useT>, grant: Pick<GrantView, 'role' | 'studyId' | 'siteCode' | 'canViewAllocation'>): string {
  return `${roleLabel(t, grant.role)} · ${grant.studyId} · ${grant.siteCode ?? t('auth.admin.allSites')}${grant.canViewAllocation ? ` · ${t('auth.admin.allocation')}` : ''}`;
}

function UserRow({ user, isSystemAdmin, selfId, change }: { user: UserWithGrants; isSystemAdmin: boolean; selfId?: number; change: Change }) {
  const t = useT();
  const done = t('auth.admin.userChanged', { user: user.username });
  const states = [user.isSystemAdmin ? t('auth.admin.systemAdmin') : null, user.disabled ? t('auth.admin.disabled') : null, user.lockedUntil ? t('auth.admin.locked', { time: new Date(user.lockedUntil).toLocaleString(t.tag) }) : null].filter((s) => s !== null);
  return (
    <tr data-user={user.username}>
      <th scope="row">{user.username}</th>
      <td>{user.displayName}</td>
      <td>{states.length > 0 ? states.join(', ') : t('auth.admin.active')}</td>
      <td>
        {user.grants.length === 0 ? (
          <span className="muted">{t('auth.admin.noGrants')}</span>
        ) : (
          <ul className="grant-list">
            {user.grants.map((grant) => (
              <li key={grant.id} data-grant={`${grant.role} ${grant.studyId} ${grant.siteCode ?? '*'}`}>
                <span>{grantText(t, grant)}</span>
                <button type="button" className="button button-link" aria-label={t('auth.admin.revokeLabel', { grant: grantText(t, grant), user: user.username })} onClick={() => change(() => revokeGrant(grant.id), t('auth.admin.grantRevoked'))}>
                  {t('auth.admin.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <div className="user-actions">
          {user.lockedUntil ? <button type="button" className="button button-secondary" onClick={() => change(() => userAction(user.id, 'unlock'), done)}>{t('auth.admin.unlock')}</button> : null}
          {isSystemAdmin && user.id !== selfId ? (
            <button type="button" className="button button-secondary" onClick={() => change(() => userAction(user.id, user.disabled ? 'enable' : 'disable'), done)}>
              {user.disabled ? t('auth.admin.enable') : t('auth.admin.disable')}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

function AddGrantForm({ users, studies, change }: { users: UserWithGrants[]; studies: readonly string[] | 'any'; change: Change }) {
  const t = useT();
  const [userId, setUserId] = useState(String(users[0].id));
  const [grant, setGrant] = useState(emptyGrant(studies === 'any' ? [] : studies));
  const user = users.find((u) => String(u.id) === userId) ?? users[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = grantFields(grant);
    if (!fields) return;
    await change(async () => {
      await addGrant(user.id, fields);
      setGrant(emptyGrant(studies === 'any' ? [] : studies));
    }, t('auth.admin.grantAdded', { user: user.username, role: roleLabel(t, fields.role), study: fields.studyId }));
  }

  return (
    <form onSubmit={submit} aria-labelledby="add-grant-heading">
      <h2 id="add-grant-heading">{t('auth.admin.addGrant')}</h2>
      <div className="field">
        <label htmlFor="add-grant-user">{t('auth.admin.username')}</label>
        <select id="add-grant-user" value={String(user.id)} onChange={(event) => setUserId(event.target.value)}>
          {users.map((u) => (
            <option key={u.id} value={String(u.id)}>{u.username} ({u.displayName})</option>
          ))}
        </select>
      </div>
      <GrantFieldset idPrefix="add-grant" legend={t('auth.admin.addGrantFor', { user: user.username })} draft={grant} onChange={setGrant} studies={studies} allowNone={false} />
      <p>
        <button type="submit" className="button button-primary">{t('auth.admin.addGrant')}</button>
      </p>
    </form>
  );
}
