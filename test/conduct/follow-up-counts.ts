// Row counts of the visit and treatment tables and the audit trail: a refused call leaves them unchanged.
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../../src/store/tables.ts';

export async function followUpCounts(db: Kysely<Tables>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['subject_visit', 'administration', 'audit_event'] as const) {
    counts[table] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0].n);
  }
  const updated = await sql<{ s: string | null }>`select max(updated_at)::text as s from subject_visit`.execute(db);
  const changed = await sql<{ s: string | null }>`select max(updated_at)::text as s from administration`.execute(db);
  counts.visitUpdates = updated.rows[0].s === null ? 0 : Date.parse(updated.rows[0].s);
  counts.administrationUpdates = changed.rows[0].s === null ? 0 : Date.parse(changed.rows[0].s);
  return counts;
}
