import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Versioned rule sets per trial: hand-reviewed ('reviewed') or straight from the parser ('unreviewed').
  // Screening uses the latest reviewed version, else the latest unreviewed one.
  await db.schema
    .createTable('eligibility_rule_set')
    .addColumn('nct_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().check(sql`version > 0`))
    .addColumn('review', 'text', (col) => col.notNull().check(sql`review in ('reviewed', 'unreviewed')`))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('rule_set', 'jsonb', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('eligibility_rule_set_pk', ['nct_id', 'version'])
    .execute();
  await db.schema.createIndex('eligibility_rule_set_review_idx').on('eligibility_rule_set').columns(['nct_id', 'review', 'version']).execute();

  // A site's reference ranges (limits of normal) per analyte, sex and age band, with effective dates.
  await db.schema
    .createTable('eligibility_site_range')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('site_id', 'text', (col) => col.notNull())
    .addColumn('analyte', 'text', (col) => col.notNull())
    .addColumn('sex', 'text', (col) => col.notNull().check(sql`sex in ('any', 'female', 'male')`))
    .addColumn('age_from', 'integer')
    .addColumn('age_to', 'integer')
    .addColumn('low', 'double precision')
    .addColumn('high', 'double precision')
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('effective_from', 'date', (col) => col.notNull())
    .addColumn('effective_to', 'date')
    .addCheckConstraint('eligibility_site_range_bound', sql`low is not null or high is not null`)
    .execute();
  await db.schema.createIndex('eligibility_site_range_site_idx').on('eligibility_site_range').columns(['site_id', 'analyte']).execute();
}
