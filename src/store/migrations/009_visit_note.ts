import type { Kysely } from 'kysely';

// An unscheduled visit's note (why the subject came: a fever, a transfusion, a check after an AE):
// subject_visit had nowhere to keep it (not_done_reason is for missed visits only).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('subject_visit').addColumn('note', 'text').execute();
}
