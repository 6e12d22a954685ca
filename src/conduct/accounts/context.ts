// What every part of the account service shares: its dependencies, the views it returns (never a
// hash), the audit call and the checks of who may administer whom.
import { EligoError, notFound } from '../../core/problems.ts';
import { scopeOf, type Actor, type Grant } from '../access/actor.ts';
import type { Role } from '../access/roles.ts';
import type { AccountRepository, ApiTokenRow, GrantRow, StoreTransaction, UserRow } from '../../store/accounts/repository.ts';
import type { AccountAuditEntry, AuditSink } from './audit.ts';
import { isLocked, LOCKOUT_POLICY, type LockoutPolicy } from './lockout.ts';
import type { StudyDirectory } from './study-directory.ts';

export interface SessionPolicy {
  /** A session unused for this long ends. OWASP Session Management: 15–30 minutes for sensitive data. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteHours: number;
}

export const SESSION_POLICY: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

export interface AccountServiceDependencies {
  accounts: AccountRepository;
  studies: StudyDirectory;
  audit?: AuditSink;
  now?: () => Date;
  lockout?: LockoutPolicy;
  sessions?: SessionPolicy;
}

export interface AccountContext {
  accounts: AccountRepository;
  studies: StudyDirectory;
  audit?: AuditSink;
  now: () => Date;
  lockout: LockoutPolicy;
  sessions: SessionPolicy;
}

export function accountContext(deps: AccountServiceDependencies): AccountContext {
  return { accounts: deps.accounts, studies: deps.studies, audit: deps.audit, now: deps.now ?? (() => new Date()), lockout: deps.lockout ?? LOCKOUT_POLICY, sessions: deps.sessions ?? SESSION_POLICY };
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  isSystemAdmin: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export interface GrantView {
  id: number;
  userId: number;
  studyId: string;
  siteCode: string | null;
  role: Role;
  canViewAllocation: boolean;
  grantedAt: string;
  grantedBy: number | null;
}

export interface TokenView {
  id: number;
  name: string;
  /** The token's first characters, to recognise it; the token itself is shown only when created. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function userView(user: UserRow, now: Date): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isSystemAdmin: user.isSystemAdmin,
    lockedUntil: isLocked(user, now) && user.lockedUntil ? user.lockedUntil.toISOString() : null,
    disabled: user.disabledAt !== null,
    passwordChangedAt: user.passwordChangedAt.toISOString(),
    createdAt: user.createdAt.toISOString(),
  };
}

export function grantView(grant: GrantRow): GrantView {
  return { id: grant.id, userId: grant.userId, studyId: grant.studyId, siteCode: grant.siteCode, role: grant.role, canViewAllocation: grant.canViewAllocation, grantedAt: grant.grantedAt.toISOString(), grantedBy: grant.grantedBy };
}

export function tokenView(token: ApiTokenRow): TokenView {
  return { id: token.id, name: token.name, prefix: token.prefix, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? null, revokedAt: token.revokedAt?.toISOString() ?? null };
}

export function actorGrant(grant: GrantRow): Grant {
  return { studyId: grant.studyId, siteCode: grant.siteCode, role: grant.role, canViewAllocation: grant.canViewAllocation };
}

export async function recordAudit(context: AccountContext, tx: StoreTransaction, entry: Omit<AccountAuditEntry, 'at' | 'studyId' | 'siteCode'> & Partial<Pick<AccountAuditEntry, 'studyId' | 'siteCode'>>, at: Date): Promise<void> {
  await context.audit?.record(tx, { studyId: null, siteCode: null, ...entry, at });
}

/** The studies in which the actor may manage grants (sponsor admins). */
export function managedStudies(actor: Actor): string[] {
  return [...new Set(actor.grants.map((grant) => grant.studyId))].filter((studyId) => scopeOf(actor, studyId, 'users.manage') !== undefined).sort();
}

export function canManageStudy(actor: Actor, studyId: string): boolean {
  return actor.isSystemAdmin || scopeOf(actor, studyId, 'users.manage') !== undefined;
}

/** System admins and sponsor admins administer users; everyone else is refused. */
export function requireUserAdministrator(actor: Actor): void {
  if (actor.isSystemAdmin || managedStudies(actor).length > 0) return;
  throw EligoError.of('forbidden', { code: 'forbidden', field: '(request)', expected: 'a system administrator or a sponsor admin of a study', message: 'only system administrators and sponsor admins manage users' });
}

export function requireSystemAdmin(actor: Actor, what: string): void {
  if (actor.isSystemAdmin) return;
  throw EligoError.of('forbidden', { code: 'forbidden', field: '(request)', expected: 'a system administrator', message: `only system administrators may ${what}` });
}

/**
 * The user, if the actor may administer them: system admins see everyone; a sponsor admin sees the users
 * they created and those with a live grant in a study they manage. Anyone else's answer is not_found.
 */
export async function visibleUser(context: AccountContext, actor: Actor, userId: number): Promise<UserRow> {
  requireUserAdministrator(actor);
  const user = await context.accounts.findUserById(userId);
  if (!user) throw notFound('user', 'id', userId);
  if (actor.isSystemAdmin || user.createdBy === actor.userId) return user;
  const studies = managedStudies(actor);
  const grants = await context.accounts.listGrants({ userIds: [userId], studyIds: studies });
  if (grants.length === 0) throw notFound('user', 'id', userId);
  return user;
}
