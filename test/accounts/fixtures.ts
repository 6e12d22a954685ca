// Shared set-up for account tests: a service over a fresh database, an in-memory study directory,
// an audit sink that keeps what it was given, and a clock the test moves.
import type { Actor } from '../../src/conduct/access/actor.ts';
import type { AccountAuditEntry, AuditSink } from '../../src/conduct/accounts/audit.ts';
import { createAccountService } from '../../src/conduct/accounts/service.ts';
import { staticStudyDirectory } from '../../src/conduct/accounts/study-directory.ts';
import { kyselyAccountRepository } from '../../src/store/accounts/kysely-accounts.ts';
import type { Database } from '../../src/store/database.ts';

export const STUDIES = staticStudyDirectory({ NCT05794425: ['PUMCH', 'SDPH', 'TJH'], NCT03055078: ['QLH'] });

export const CLI_ACTOR: Actor = { userId: 0, username: 'cli:test', isSystemAdmin: true, grants: [], via: 'cli' };

export const PASSWORD = 'correct horse battery';

export function accountFixture(database: Database) {
  const audit: AccountAuditEntry[] = [];
  const sink: AuditSink = { async record(_tx, entry) { audit.push(entry); } };
  const clock = { now: new Date('2026-03-01T08:00:00Z') };
  const service = createAccountService({ accounts: kyselyAccountRepository(database.db), studies: STUDIES, audit: sink, now: () => clock.now });
  return {
    service,
    audit,
    clock,
    advance(minutes: number) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000);
    },
  };
}
