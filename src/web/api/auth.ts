// The account API as the web app calls it (src/server/routes/auth.ts, admin-users.ts). The shapes are
// the account service's own views (type-only imports: nothing of the server is bundled).
import type { GrantView, UserView, UserWithGrants } from '../../conduct/accounts/service.ts';
import type { Role } from '../../conduct/access/roles.ts';
import { requestJson, setCsrfToken } from './client.ts';

export type { GrantView, UserView, UserWithGrants, Role };
export const ROLE_NAMES: readonly Role[] = ['sponsor_admin', 'data_manager', 'monitor', 'investigator', 'coordinator'];
export const STUDY_WIDE_ROLE_NAMES: readonly Role[] = ['sponsor_admin', 'data_manager', 'monitor'];

export type SessionGrant = Pick<GrantView, 'studyId' | 'siteCode' | 'role' | 'canViewAllocation'>;

export interface SessionInfo {
  user: UserView | null;
  grants: SessionGrant[];
  csrfToken: string | null;
  via: 'session' | 'token' | 'cli' | null;
}

export interface GrantFields {
  studyId: string;
  siteCode?: string | null;
  role: string;
  canViewAllocation?: boolean;
}

const postJson = <T>(path: string, body?: unknown, method = 'POST') =>
  requestJson<T>(path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const session = await requestJson<SessionInfo>('/api/auth/session', { signal });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(username: string, password: string): Promise<void> {
  const answer = await postJson<{ user: UserView; csrfToken: string }>('/api/auth/login', { username, password });
  setCsrfToken(answer.csrfToken);
}

export async function signOut(): Promise<void> {
  try {
    await postJson('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(currentPassword: string, newPassword: string): Promise<{ user: UserView }> {
  return postJson('/api/auth/password', { currentPassword, newPassword });
}

export function listUsers(signal?: AbortSignal): Promise<{ users: UserWithGrants[] }> {
  return requestJson('/api/admin/users', { signal });
}

export function createUser(input: { username: string; displayName?: string; password: string; isSystemAdmin?: boolean; grants: GrantFields[] }): Promise<{ user: UserWithGrants }> {
  return postJson('/api/admin/users', input);
}

export function addGrant(userId: number, grant: GrantFields): Promise<{ grant: GrantView }> {
  return postJson(`/api/admin/users/${userId}/grants`, grant);
}

export function revokeGrant(grantId: number): Promise<{ grant: GrantView }> {
  return postJson(`/api/admin/grants/${grantId}`, undefined, 'DELETE');
}

export function userAction(userId: number, action: 'unlock' | 'disable' | 'enable'): Promise<{ user: UserView }> {
  return postJson(`/api/admin/users/${userId}/${action}`);
}
