// The hook through which every change to accounts and grants reaches the audit trail. The audit
// area implements AuditSink; `record` runs inside the transaction of the change, so both commit or
// neither does. Entries never carry password hashes, session tokens or API tokens (only a token's
// id, name and display prefix).
import type { Actor } from '../access/actor.ts';
import type { StoreTransaction } from '../../store/accounts/repository.ts';

export const ACCOUNT_AUDIT_ACTIONS = [
  'user.create', // new: the user view (username, display name, system admin)
  'user.password_change', // old/new: {passwordChangedAt}; sessions revoked
  'user.lock', // by the system after repeated failures; new: {lockedUntil}
  'user.unlock',
  'user.disable', // also revokes the user's sessions and tokens
  'user.enable',
  'token.create', // new: {name, prefix, userId}
  'token.revoke',
  'grant.create', // new: the grant (user, study, site, role, allocation right)
  'grant.revoke',
] as const;
export type AccountAuditAction = (typeof ACCOUNT_AUDIT_ACTIONS)[number];

export interface AccountAuditEntry {
  /** Who did it: a signed-in user, the command line (userId null) or the system itself (lock-out). */
  actor: { userId: number | null; username: string; via: Actor['via'] | 'system' };
  action: AccountAuditAction;
  recordType: 'account_user' | 'account_api_token' | 'account_grant';
  recordId: string;
  /** For grants: the study and site the change belongs to, so the study's audit view can show it. */
  studyId: string | null;
  siteCode: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
  at: Date;
}

export interface AuditSink {
  record(tx: StoreTransaction, entry: AccountAuditEntry): Promise<void>;
}

export function auditActor(actor: Actor): AccountAuditEntry['actor'] {
  return { userId: actor.via === 'cli' ? null : actor.userId, username: actor.username, via: actor.via };
}

export const SYSTEM_ACTOR: AccountAuditEntry['actor'] = { userId: null, username: 'system', via: 'system' };
