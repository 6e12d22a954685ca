import type { Kysely } from 'kysely';

// Expedited reporting of a serious adverse event needs two report dates (site → sponsor, kept in
// reported_at; sponsor → authority for a SUSAR) and the sponsor's expectedness assessment (null until
// assessed: a related SAE stays on the SUSAR clock until the sponsor says it is expected, §9).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adverse_event')
    .addColumn('expected', 'boolean')
    .addColumn('authority_reported_at', 'timestamptz')
    .execute();
}
