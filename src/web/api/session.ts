// The signed-in user as the web app knows it (GET /api/auth/session) and the CSRF token that every
// cookie-authenticated state-changing request must carry in X-CSRF-Token. Minimal on purpose: the auth
// area's sign-in page and session context replace the calls here when its branch is merged.
import type { Role } from '../../conduct/access/roles.ts';
import { requestJson } from './client.ts';

export interface SessionGrant {
  studyId: string;
  /** null: every site of the study (study-wide roles). */
  siteCode: string | null;
  role: Role;
  canViewAllocation: boolean;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  isSystemAdmin: boolean;
}

export interface Session {
  user: SessionUser | null;
  grants: SessionGrant[];
  csrfToken: string | null;
}

let csrfToken: string | null = null;

/** The header a state-changing request sends (empty when nobody is signed in: the server then answers 401). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export async function fetchSession(signal?: AbortSignal): Promise<Session> {
  const session = await requestJson<Session>('/api/auth/session', { signal });
  csrfToken = session.csrfToken;
  return session;
}

/** Signs in and reads the session back (grants come with the session, not with the sign-in answer). */
export async function signIn(username: string, password: string): Promise<Session> {
  const signedIn = await requestJson<{ csrfToken: string }>('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  csrfToken = signedIn.csrfToken;
  return fetchSession();
}

export async function signOut(): Promise<void> {
  await requestJson('/api/auth/logout', { method: 'POST', headers: csrfHeaders() });
  csrfToken = null;
}
