// The study pages need a signed-in user: the gate is the auth area's RequireSignIn (sign-in link that
// comes back here), and gives the pages the user and their grants from the app's session context.
import type { ReactNode } from 'react';
import type { SessionGrant, UserView } from '../api/auth.ts';
import { RequireSignIn } from '../auth/require-sign-in.tsx';
import { useSession } from '../auth/session.tsx';

interface SignedIn {
  user: UserView;
  grants: readonly SessionGrant[];
}

/** The signed-in user; only under <SessionGate>, which renders its children only when there is one. */
export function useSignedIn(): SignedIn {
  const session = useSession();
  if (!session.user) throw new Error('useSignedIn() must be used inside <SessionGate>');
  return { user: session.user, grants: session.grants };
}

export function SessionGate({ children }: { children: ReactNode }) {
  return <RequireSignIn>{children}</RequireSignIn>;
}
