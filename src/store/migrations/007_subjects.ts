import { sql, type Kysely } from 'kysely';

// The screening log, subjects' identity (kept apart), consent, enrollment and randomization. Numbers
// that must never repeat or skip are counters updated with RETURNING inside the writing transaction
// (site_subject_counter, randomization_stratum): the row lock serialises concurrent writers, and a
// rolled-back transaction gives its number back. Unique constraints back the rules in the database
// too: one subject number per study, one enrollment per subject, one subject per stratum slot.
const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_subject_counter')
    .addColumn('study_id', 'text', (col) => col.notNull())
    .addColumn('site_code', 'text', (col) => col.notNull())
    .addColumn('next_seq', 'integer', (col) => col.notNull().check(sql`next_seq >= 1`))
    .addPrimaryKeyConstraint('site_subject_counter_pk', ['study_id', 'site_code'])
    .addForeignKeyConstraint('site_subject_counter_site_fk', ['study_id', 'site_code'], 'study_site', ['study_id', 'site_code'])
    .execute();

  await db.schema
    .createTable('screening')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('study_id', 'text', (col) => col.notNull())
    .addColumn('site_code', 'text', (col) => col.notNull())
    .addColumn('subject_number', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull().check(sql`seq >= 1`))
    .addColumn('screened_on', 'date', (col) => col.notNull())
    .addColumn('origin', 'text', (col) => col.notNull().check(sql`origin in (${list(['fhir', 'manual', 'prescreen'])})`))
    .addColumn('origin_reference', 'text')
    .addColumn('protocol_version', 'integer', (col) => col.notNull())
    .addColumn('rule_set_nct_id', 'text', (col) => col.notNull())
    .addColumn('rule_set_version', 'integer', (col) => col.notNull())
    .addColumn('rule_set_review', 'text', (col) => col.notNull().check(sql`rule_set_review in ('reviewed', 'unreviewed')`))
    .addColumn('verdict', 'text', (col) => col.notNull().check(sql`verdict in (${list(['eligible', 'incomplete', 'ineligible'])})`))
    .addColumn('result', 'jsonb', (col) => col.notNull())
    .addColumn('factors', 'jsonb', (col) => col.notNull())
    .addColumn('confirmations', 'jsonb', (col) => col.notNull())
    .addColumn('failure_reasons', sql`text[]`, (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in (${list(['pending', 'enrolled', 'screen_failure', 'declined'])})`))
    /** When the outcome was last set by hand (null while never set): a later change needs a reason. */
    .addColumn('outcome_set_at', 'timestamptz')
    .addColumn('override_by', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('override_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addForeignKeyConstraint('screening_site_fk', ['study_id', 'site_code'], 'study_site', ['study_id', 'site_code'])
    .addForeignKeyConstraint('screening_protocol_fk', ['study_id', 'protocol_version'], 'study_protocol', ['study_id', 'version'])
    .addUniqueConstraint('screening_subject_uq', ['study_id', 'subject_number'])
    .addUniqueConstraint('screening_site_seq_uq', ['study_id', 'site_code', 'seq'])
    .addCheckConstraint('screening_override_ck', sql`(override_by is null) = (override_reason is null) and (override_by is null) = (override_at is null)`)
    .execute();
  await db.schema.createIndex('screening_site_idx').on('screening').columns(['study_id', 'site_code', 'screened_on']).execute();

  // Identifying details, one row per screening, read only through the repository's identity call.
  await db.schema
    .createTable('subject_identity')
    .addColumn('screening_id', 'integer', (col) => col.primaryKey().references('screening.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('hospital_number', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date')
    .addColumn('phone', 'text')
    .execute();

  await db.schema
    .createTable('consent')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('screening_id', 'integer', (col) => col.notNull().references('screening.id'))
    .addColumn('form_version', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'timestamptz', (col) => col.notNull())
    .addColumn('obtained_by', 'text', (col) => col.notNull())
    .addColumn('signer', 'text', (col) => col.notNull().check(sql`signer in ('patient', 'guardian')`))
    .addColumn('guardian_name', 'text')
    .addColumn('guardian_relationship', 'text')
    .addColumn('signature_status', 'text', (col) => col.notNull().check(sql`signature_status in ('signed', 'refused')`))
    .addColumn('language', 'text')
    .addColumn('withdrawn_on', 'date')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addCheckConstraint('consent_guardian_ck', sql`signer = 'patient' or guardian_name is not null`)
    .addCheckConstraint('consent_withdrawal_ck', sql`(withdrawn_on is null) = (withdrawal_reason is null)`)
    .execute();
  await db.schema.createIndex('consent_screening_idx').on('consent').column('screening_id').execute();

  // The next slot of each stratum's sequence (0 = first enrollment). The sequence itself is never stored.
  await db.schema
    .createTable('randomization_stratum')
    .addColumn('study_id', 'text', (col) => col.notNull().references('study.study_id'))
    .addColumn('stratum_key', 'text', (col) => col.notNull())
    .addColumn('next_slot', 'integer', (col) => col.notNull().check(sql`next_slot >= 0`))
    .addPrimaryKeyConstraint('randomization_stratum_pk', ['study_id', 'stratum_key'])
    .execute();

  await db.schema
    .createTable('enrollment')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('screening_id', 'integer', (col) => col.notNull().unique().references('screening.id'))
    .addColumn('study_id', 'text', (col) => col.notNull())
    .addColumn('subject_number', 'text', (col) => col.notNull())
    .addColumn('arm', 'text', (col) => col.notNull())
    .addColumn('assignment', 'text', (col) => col.notNull().check(sql`assignment in (${list(['randomized', 'the_one_arm', 'investigator_choice'])})`))
    .addColumn('strata', 'jsonb', (col) => col.notNull())
    .addColumn('stratum_key', 'text')
    .addColumn('slot', 'integer')
    .addColumn('protocol_version', 'integer', (col) => col.notNull())
    .addColumn('consent_id', 'integer', (col) => col.notNull().references('consent.id'))
    .addColumn('overridden', 'boolean', (col) => col.notNull())
    .addColumn('randomized_at', 'timestamptz', (col) => col.notNull())
    .addColumn('randomized_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('enrollment_subject_uq', ['study_id', 'subject_number'])
    .addUniqueConstraint('enrollment_slot_uq', ['study_id', 'stratum_key', 'slot'])
    .addCheckConstraint('enrollment_slot_ck', sql`(assignment = 'randomized') = (slot is not null and stratum_key is not null)`)
    .execute();

  // The study's randomization secret (32 random bytes, hex): never read by any view, log, export or audit entry.
  await db.schema
    .createTable('study_secret')
    .addColumn('study_id', 'text', (col) => col.primaryKey().references('study.study_id'))
    .addColumn('secret', 'text', (col) => col.notNull().check(sql`secret ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('unblinding')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('enrollment_id', 'integer', (col) => col.notNull().references('enrollment.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('unblinded_by', 'text', (col) => col.notNull())
    .addColumn('unblinded_at', 'timestamptz', (col) => col.notNull())
    .execute();
}
