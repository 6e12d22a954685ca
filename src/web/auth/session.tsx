// Who is signed in, for the whole app: loaded once from GET /api/auth/session (which also hands back
// the CSRF token, kept in memory by the API client), refreshed after sign-in, password change and
// sign-out. Public pages never wait for it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchSession, signIn as apiSignIn, signOut as apiSignOut, type SessionGrant, type UserView } from '../api/auth.ts';

export interface SessionValue {
  /** 'loading' until the first answer; an unreachable server counts as signed out. */
  status: 'loading' | 'ready';
  user: UserView | null;
  grants: readonly SessionGrant[];
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ status: 'loading' | 'ready'; user: UserView | null; grants: readonly SessionGrant[] }>({ status: 'loading', user: null, grants: [] });

  const refresh = useCallback(async () => {
    try {
      const session = await fetchSession();
      setState({ status: 'ready', user: session.user, grants: session.grants });
    } catch {
      setState({ status: 'ready', user: null, grants: [] });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      ...state,
      refresh,
      async signIn(username, password) {
        await apiSignIn(username, password);
        await refresh();
      },
      async signOut() {
        try {
          await apiSignOut();
        } finally {
          setState({ status: 'ready', user: null, grants: [] });
        }
      },
    }),
    [state, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>');
  return value;
}
