// What every study-conduct change writes to the audit trail: who, when, what (old → new) and, for a
// change to a completed record, why. Services call `AuditWriter.append` inside the transaction of the
// change, so the change and its entry commit together or not at all. Identity details (name, hospital
// number, birth date, phone) never go into oldValue/newValue.
import type { Actor } from '../access/actor.ts';
import type { StoreTransaction } from '../../store/accounts/repository.ts';

export interface AuditEntryInput {
  /** A signed-in user, the command line (userId null) or the system itself. */
  actor: { userId: number | null; username: string; via: Actor['via'] | 'system' };
  /** create, update, delete, enroll, unblind, override, withdraw, user.create, grant.revoke, … */
  action: string;
  /** study, site, screening, consent, enrollment, unblinding, account_user, account_grant, … */
  recordType: string;
  recordId: string;
  studyId: string | null;
  siteCode: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason?: string | null;
  at: Date;
}

export interface AuditWriter {
  append(tx: StoreTransaction, entry: AuditEntryInput): Promise<void>;
}

export function auditActorOf(actor: Actor): AuditEntryInput['actor'] {
  return { userId: actor.via === 'cli' ? null : actor.userId, username: actor.username, via: actor.via };
}
