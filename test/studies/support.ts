// Helpers of the audit tests: a realistic entry to append, and tampering as the database owner.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from '../../src/store/tables.ts';

export function entry(i: number) {
  return {
    actor: { userId: i % 3 === 0 ? null : i, username: `user${i}`, via: 'session' as const },
    action: 'update',
    recordType: 'screening',
    recordId: `QL01-${String(i).padStart(3, '0')}`,
    studyId: 'NCT05794425',
    siteCode: i % 2 === 0 ? 'JN02' : null,
    oldValue: { outcome: 'pending', n: i - 1 },
    newValue: { outcome: 'screen_failure', n: i, reasons: ['ALT 3.2 × ULN', '中文'], nested: { z: 1, a: [1.5, null, true] } },
    reason: i % 4 === 0 ? 'corrected after source data verification' : null,
    at: new Date(Date.UTC(2026, 2, 1, 8, 0, i, 123)),
  };
}

/** As the database owner: the append-only trigger off for one transaction. */
export async function asOwner(db: Kysely<Tables>, work: (tx: Transaction<Tables>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`alter table audit_event disable trigger user`.execute(tx);
    await work(tx);
    await sql`alter table audit_event enable trigger user`.execute(tx);
  });
}
