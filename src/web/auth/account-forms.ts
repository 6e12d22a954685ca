// The pure parts of the account pages: where to go after signing in, generated passwords and the grant
// a form describes. Tested in Node (test/accounts/web-forms.test.ts).
import type { GrantFields, Role, SessionGrant, UserView } from '../api/auth.ts';

/** Where to go after signing in: a path on this site only (never another origin). */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

// No 0/O, 1/l/I: a generated password is read out or copied by hand.
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 20 characters from a cryptographic generator (about 116 bits); rejection sampling keeps them uniform. */
export function generatePassword(length = 20, random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out.push(PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length]);
    }
  }
  return out.join('');
}

export interface GrantDraft {
  role: Role | '';
  studyId: string;
  siteCode: string;
  canViewAllocation: boolean;
}

export const emptyGrant = (studies: readonly string[]): GrantDraft => ({ role: '', studyId: studies[0] ?? '', siteCode: '', canViewAllocation: false });

/** The grant to send (null: no role chosen); the server checks it (role, study, site, site role without a site). */
export function grantFields(draft: GrantDraft): GrantFields | null {
  if (draft.role === '') return null;
  const siteCode = draft.siteCode.trim().toUpperCase();
  return { role: draft.role, studyId: draft.studyId.trim().toUpperCase(), siteCode: siteCode === '' ? null : siteCode, canViewAllocation: draft.canViewAllocation };
}

/** The studies in which the user is a sponsor admin (who may manage their users and grants). */
export function managedStudyIds(grants: readonly SessionGrant[]): string[] {
  return [...new Set(grants.filter((grant) => grant.role === 'sponsor_admin').map((grant) => grant.studyId))].sort();
}

/** System administrators and sponsor admins see the user administration (the server decides what they may do). */
export function canAdministerUsers(session: { user: UserView | null; grants: readonly SessionGrant[] }): boolean {
  return session.user !== null && (session.user.isSystemAdmin || managedStudyIds(session.grants).length > 0);
}
