import { sql, type Kysely } from 'kysely';

// Studies (a registry trial run with versioned protocol settings), their sites, and the audit trail
// every study-conduct change is written to. The audit table is append-only by a trigger, and each
// entry carries the hash of the one before it (the chain head is kept in audit_chain_head, whose row
// lock serialises appends), so `eligo audit verify` can tell when a row was altered, removed or
// inserted behind the application's back.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('study')
    .addColumn('study_id', 'text', (col) => col.primaryKey().check(sql`study_id ~ '^NCT[0-9]{8}$'`).references('registry_trial.nct_id'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('title_zh', 'text')
    .addColumn('current_version', 'integer', (col) => col.notNull().check(sql`current_version >= 1`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // Every version of a study's protocol settings is kept: a screening or an enrollment names the version it used.
  await db.schema
    .createTable('study_protocol')
    .addColumn('study_id', 'text', (col) => col.notNull().references('study.study_id'))
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version >= 1`))
    .addColumn('settings', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'integer', (col) => col.references('account_user.id'))
    .addPrimaryKeyConstraint('study_protocol_pk', ['study_id', 'version'])
    .execute();

  await db.schema
    .createTable('study_site')
    .addColumn('study_id', 'text', (col) => col.notNull().references('study.study_id'))
    .addColumn('site_code', 'text', (col) => col.notNull().check(sql`site_code ~ '^[A-Z0-9-]{2,16}$'`))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('name_zh_note', 'text')
    .addColumn('city_en', 'text', (col) => col.notNull())
    .addColumn('city_zh', 'text')
    .addColumn('province', 'text', (col) => col.notNull())
    .addColumn('province_zh', 'text')
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('pending', 'active', 'closed')`))
    .addColumn('activated_on', 'date')
    .addColumn('target_enrollment', 'integer', (col) => col.check(sql`target_enrollment >= 0`))
    .addColumn('is_lead_sponsor', 'boolean', (col) => col.notNull().defaultTo(false))
    /** The site id its lab reference ranges are stored under (eligibility_site_range.site_id). */
    .addColumn('range_site_id', 'text')
    .addPrimaryKeyConstraint('study_site_pk', ['study_id', 'site_code'])
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    // Position in the chain: 1, 2, 3 … with no gaps (a gap is a removed entry).
    .addColumn('seq', 'integer', (col) => col.notNull().unique())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('via', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('record_type', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('study_id', 'text')
    .addColumn('site_code', 'text')
    .addColumn('old_value', 'jsonb')
    .addColumn('new_value', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_event_study_idx').on('audit_event').columns(['study_id', 'site_code', 'at']).execute();
  await db.schema.createIndex('audit_event_record_idx').on('audit_event').columns(['record_type', 'record_id']).execute();

  await sql`
    create function audit_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger audit_event_no_update_delete before update or delete on audit_event for each row execute function audit_event_append_only()`.execute(db);
  await sql`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only()`.execute(db);

  // The chain's head: one row, locked FOR UPDATE by each append so entries are chained one at a time.
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  await sql`insert into audit_chain_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
}
