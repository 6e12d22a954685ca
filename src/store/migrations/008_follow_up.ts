import { sql, type Kysely } from 'kysely';

// Follow-up of enrolled subjects: visits, treatment administrations, laboratory results, transfusions,
// bone-marrow examinations, adverse events, disease assessments and data queries. Every row names its
// subject by the screening row (screening_id) and carries the study and site codes so that the site
// filter is one WHERE on the row itself; a subject never changes site. Corrections are updates with
// an audit entry and a reason (audit_event keeps the old value); nothing is deleted.
const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/** The columns every follow-up record starts with: whose it is. */
function subjectColumns<T extends string>(table: ReturnType<Kysely<any>['schema']['createTable']>, name: T) {
  return table
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('screening_id', 'integer', (col) => col.notNull().references('screening.id'))
    .addColumn('study_id', 'text', (col) => col.notNull())
    .addColumn('site_code', 'text', (col) => col.notNull())
    .addColumn('subject_number', 'text', (col) => col.notNull())
    .addForeignKeyConstraint(`${name}_site_fk`, ['study_id', 'site_code'], 'study_site', ['study_id', 'site_code']);
}

function stamps<T extends ReturnType<Kysely<any>['schema']['createTable']>>(table: T) {
  return table
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull());
}

export const ADMINISTRATION_PRODUCTS = ['UC-MSC', 'UCB', 'cyclosporine A'] as const;
export const ADMINISTRATION_ROUTES = ['IV', 'oral', 'other'] as const;
export const LAB_PANELS = ['cbc', 'chemistry', 'coagulation', 'other'] as const;
export const TRANSFUSION_PRODUCTS = ['RBC', 'platelets'] as const;
export const QUERY_STATES = ['open', 'answered', 'closed'] as const;
export const QUERY_ACTIONS = ['raise', 'answer', 'close', 'reopen', 'comment'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // A visit that took place (or was missed, with the reason). Scheduled visits use the protocol's visit
  // code; unscheduled ones UNS_1, UNS_2, … The calendar itself is computed, never stored.
  await stamps(subjectColumns(db.schema.createTable('subject_visit'), 'subject_visit')
    .addColumn('visit_code', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('done', 'not_done')`))
    .addColumn('visit_date', 'date')
    .addColumn('not_done_reason', 'text')
    .addColumn('protocol_version', 'integer', (col) => col.notNull())
    .addUniqueConstraint('subject_visit_uq', ['screening_id', 'visit_code'])
    .addCheckConstraint('subject_visit_done_ck', sql`(status = 'done') = (visit_date is not null) and (status = 'not_done') = (not_done_reason is not null)`))
    .execute();

  // One administration of a product: the dose as given and as derived (total and per kg from the day's
  // weight), the protocol's dose check at the time, infusion reactions.
  await stamps(subjectColumns(db.schema.createTable('administration'), 'administration')
    .addColumn('visit_code', 'text')
    .addColumn('product', 'text', (col) => col.notNull().check(sql`product in (${list(ADMINISTRATION_PRODUCTS)})`))
    .addColumn('lot', 'text')
    .addColumn('given_at', 'timestamptz', (col) => col.notNull())
    .addColumn('route', 'text', (col) => col.notNull().check(sql`route in (${list(ADMINISTRATION_ROUTES)})`))
    .addColumn('dose_value', 'double precision', (col) => col.notNull().check(sql`dose_value > 0`))
    .addColumn('dose_unit', 'text', (col) => col.notNull())
    .addColumn('dose_total', 'double precision')
    .addColumn('dose_per_kg', 'double precision')
    .addColumn('weight_kg', 'double precision', (col) => col.check(sql`weight_kg is null or weight_kg > 0`))
    /** Product-specific measures: UCB TNC and CD34+ per kg, viability %, cyclosporine trough (ng/mL) … */
    .addColumn('details', 'jsonb', (col) => col.notNull())
    /** The protocol dose check (core/study/dosing.ts) as it was when recorded. */
    .addColumn('dose_check', 'jsonb', (col) => col.notNull())
    /** null: none; else {occurred, description, grade?, …}. */
    .addColumn('infusion_reaction', 'jsonb'))
    .execute();
  await db.schema.createIndex('administration_subject_idx').on('administration').columns(['screening_id', 'given_at']).execute();

  // One laboratory value: as entered and in the analyte's canonical unit, the limits of normal that
  // applied on the collection date (site range, lab's own, or default; with their basis), context
  // flags, the CTCAE grades it implies and the edit-check outcomes.
  await stamps(subjectColumns(db.schema.createTable('lab_result'), 'lab_result')
    .addColumn('visit_code', 'text')
    .addColumn('panel', 'text', (col) => col.notNull().check(sql`panel in (${list(LAB_PANELS)})`))
    .addColumn('analyte', 'text', (col) => col.notNull())
    .addColumn('collected_on', 'date', (col) => col.notNull())
    .addColumn('value', 'double precision', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('canonical_value', 'double precision', (col) => col.notNull())
    .addColumn('canonical_unit', 'text', (col) => col.notNull())
    .addColumn('method', 'text', (col) => col.check(sql`method is null or method in ('manual', 'automated')`))
    .addColumn('lln', 'double precision')
    .addColumn('uln', 'double precision')
    .addColumn('limit_basis', 'jsonb')
    /** {gcsf?: boolean, transfusedWithinDays?: number, anticoagulated?: boolean} */
    .addColumn('context', 'jsonb', (col) => col.notNull())
    /** The subject's baseline value of this analyte (the last before the first dose). */
    .addColumn('is_baseline', 'boolean', (col) => col.notNull())
    /** [{term, grade, reason, version}] */
    .addColumn('grades', 'jsonb', (col) => col.notNull())
    /** [{check, severity, message}] */
    .addColumn('check_results', 'jsonb', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('form', 'fhir', 'import')`))
    .addColumn('source_reference', 'text'))
    .execute();
  await db.schema.createIndex('lab_result_subject_idx').on('lab_result').columns(['screening_id', 'analyte', 'collected_on']).execute();
  await db.schema.createIndex('lab_result_source_uq').on('lab_result').columns(['screening_id', 'source_reference']).unique().where(sql.ref('source_reference'), 'is not', null).execute();

  await stamps(subjectColumns(db.schema.createTable('transfusion'), 'transfusion')
    .addColumn('given_on', 'date', (col) => col.notNull())
    .addColumn('product', 'text', (col) => col.notNull().check(sql`product in (${list(TRANSFUSION_PRODUCTS)})`))
    .addColumn('units', 'double precision', (col) => col.notNull().check(sql`units > 0`))
    /** Pre-transfusion Hb in g/L and platelets in 10*9/L (canonical units). */
    .addColumn('pre_hb', 'double precision')
    .addColumn('pre_platelets', 'double precision')
    .addColumn('note', 'text'))
    .execute();
  await db.schema.createIndex('transfusion_subject_idx').on('transfusion').columns(['screening_id', 'given_on']).execute();

  await stamps(subjectColumns(db.schema.createTable('marrow_exam'), 'marrow_exam')
    .addColumn('visit_code', 'text')
    .addColumn('examined_on', 'date', (col) => col.notNull())
    .addColumn('cellularity_percent', 'double precision', (col) => col.check(sql`cellularity_percent is null or (cellularity_percent >= 0 and cellularity_percent <= 100)`))
    .addColumn('residual_hematopoietic_percent', 'double precision', (col) => col.check(sql`residual_hematopoietic_percent is null or (residual_hematopoietic_percent >= 0 and residual_hematopoietic_percent <= 100)`))
    .addColumn('findings', 'text'))
    .execute();

  // An adverse event: AE number per subject (AE-001 …), the CTCAE term and grade (computed from a lab
  // value, suggested, or the investigator's), seriousness and the expedited-report deadline.
  await stamps(subjectColumns(db.schema.createTable('adverse_event'), 'adverse_event')
    .addColumn('seq', 'integer', (col) => col.notNull().check(sql`seq >= 1`))
    .addColumn('term', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('onset_on', 'date', (col) => col.notNull())
    .addColumn('resolved_on', 'date')
    .addColumn('grade', 'integer', (col) => col.check(sql`grade is null or grade between 1 and 5`))
    .addColumn('grade_source', 'text', (col) => col.notNull().check(sql`grade_source in ('computed', 'suggested', 'investigator')`))
    /** {grade, reason, version, labResultId?} as computed or suggested, kept beside the grade recorded. */
    .addColumn('grade_basis', 'jsonb')
    .addColumn('ctcae_version', 'text', (col) => col.notNull())
    .addColumn('lab_result_id', 'integer', (col) => col.references('lab_result.id'))
    .addColumn('serious', 'boolean', (col) => col.notNull())
    .addColumn('seriousness', sql`text[]`, (col) => col.notNull())
    /** {product: 'related' | 'probably' | 'possibly' | 'unlikely' | 'not_related'} */
    .addColumn('relatedness', 'jsonb', (col) => col.notNull())
    .addColumn('action_taken', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    /** When the site learnt of the serious event; the expedited-report deadline follows from it (§9). */
    .addColumn('aware_at', 'timestamptz')
    .addColumn('report_due_at', 'timestamptz')
    .addColumn('reported_at', 'timestamptz')
    .addUniqueConstraint('adverse_event_seq_uq', ['screening_id', 'seq'])
    .addCheckConstraint('adverse_event_dates_ck', sql`resolved_on is null or resolved_on >= onset_on`))
    .execute();

  // A disease assessment as derived and signed off: severity and haematological response with the
  // scheme, the inputs used and the reason of each classification.
  await stamps(subjectColumns(db.schema.createTable('disease_assessment'), 'disease_assessment')
    .addColumn('time_point', 'text', (col) => col.notNull())
    .addColumn('assessed_on', 'date', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.check(sql`severity is null or severity in ('VSAA', 'SAA', 'NSAA')`))
    .addColumn('severity_scheme', 'text', (col) => col.notNull())
    .addColumn('severity_reason', 'text', (col) => col.notNull())
    .addColumn('response', 'text', (col) => col.check(sql`response is null or response in ('complete', 'partial', 'none')`))
    .addColumn('response_scheme', 'text')
    .addColumn('response_reason', 'text')
    .addColumn('transfusion_independent', 'boolean')
    .addColumn('inputs', 'jsonb', (col) => col.notNull())
    .addUniqueConstraint('disease_assessment_uq', ['screening_id', 'time_point']))
    .execute();

  // Data clarification requests: on a subject's record (record type and id, and the field), raised by
  // an edit check or by a monitor, answered by the site, closed or re-opened by the monitor.
  await db.schema
    .createTable('data_query')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('study_id', 'text', (col) => col.notNull())
    .addColumn('site_code', 'text', (col) => col.notNull())
    .addColumn('screening_id', 'integer', (col) => col.notNull().references('screening.id'))
    .addColumn('subject_number', 'text', (col) => col.notNull())
    .addColumn('record_type', 'text', (col) => col.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('field', 'text')
    .addColumn('origin', 'text', (col) => col.notNull().check(sql`origin in ('manual', 'edit_check')`))
    .addColumn('check_id', 'text')
    .addColumn('state', 'text', (col) => col.notNull().check(sql`state in (${list(QUERY_STATES)})`))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('raised_by', 'text', (col) => col.notNull())
    .addColumn('raised_at', 'timestamptz', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull())
    .addForeignKeyConstraint('data_query_site_fk', ['study_id', 'site_code'], 'study_site', ['study_id', 'site_code'])
    .addCheckConstraint('data_query_check_ck', sql`(origin = 'edit_check') = (check_id is not null)`)
    .execute();
  await db.schema.createIndex('data_query_site_idx').on('data_query').columns(['study_id', 'site_code', 'state']).execute();
  await db.schema.createIndex('data_query_subject_idx').on('data_query').columns(['screening_id']).execute();

  await db.schema
    .createTable('data_query_event')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('query_id', 'integer', (col) => col.notNull().references('data_query.id'))
    .addColumn('action', 'text', (col) => col.notNull().check(sql`action in (${list(QUERY_ACTIONS)})`))
    .addColumn('text', 'text')
    .addColumn('state_after', 'text', (col) => col.notNull().check(sql`state_after in (${list(QUERY_STATES)})`))
    .addColumn('by', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('data_query_event_query_idx').on('data_query_event').columns(['query_id', 'at']).execute();
}
