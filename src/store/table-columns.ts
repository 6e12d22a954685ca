// The columns of every table in `Tables` as the migrations create them: SQL type and nullability. The
// type below makes this list match tables.ts exactly (a column added, removed or made nullable there
// and not here fails the type-check); test/store/schema.test.ts compares it with the migrated
// database's information_schema, so migrations and tables.ts cannot drift apart unnoticed.
import type { SelectType } from 'kysely';
import type { Tables } from './tables.ts';

/** information_schema.columns.data_type of a column ('ARRAY' for any array). */
type SqlType = 'text' | 'integer' | 'double precision' | 'boolean' | 'date' | 'timestamp with time zone' | 'jsonb' | 'tsvector' | 'ARRAY';

// An `unknown` column (jsonb) says nothing about null in TypeScript: the list states it.
type ColumnSpec<V> = { type: SqlType; nullable: unknown extends V ? boolean : null extends SelectType<V> ? true : false };

export type TableColumns = { readonly [T in keyof Tables]: { readonly [C in keyof Tables[T]]-?: ColumnSpec<Tables[T][C]> } };

const text = { type: 'text', nullable: false } as const;
const textOrNull = { type: 'text', nullable: true } as const;
const integer = { type: 'integer', nullable: false } as const;
const integerOrNull = { type: 'integer', nullable: true } as const;
const numberOrNull = { type: 'double precision', nullable: true } as const;
const date = { type: 'date', nullable: false } as const;
const dateOrNull = { type: 'date', nullable: true } as const;
const array = { type: 'ARRAY', nullable: false } as const;
const timestamp = { type: 'timestamp with time zone', nullable: false } as const;
const timestampOrNull = { type: 'timestamp with time zone', nullable: true } as const;
const boolean = { type: 'boolean', nullable: false } as const;
const jsonb = { type: 'jsonb', nullable: false } as const;
const jsonbOrNull = { type: 'jsonb', nullable: true } as const;
const number = { type: 'double precision', nullable: false } as const;
/** Whose follow-up record it is and who wrote it when (migrations/008_follow_up.ts). */
const subjectRow = {
  id: integer, screening_id: integer, study_id: text, site_code: text, subject_number: text,
  created_at: timestamp, created_by: text, updated_at: timestamp, updated_by: text,
} as const;

/** The filter, sort and facet columns registry_trial and registry_trial_text share. */
const trialFilterColumns = {
  overall_status: textOrNull,
  phases: array,
  study_type: textOrNull,
  sex: textOrNull,
  min_age_years: numberOrNull,
  max_age_years: numberOrNull,
  intervention_types: array,
  lead_sponsor: textOrNull,
  collaborators: array,
  countries: array,
  cities: array,
  start_date: dateOrNull,
  last_update: dateOrNull,
  facet_keys: array,
} as const;

export const TABLE_COLUMNS: TableColumns = {
  eligo_meta: { key: text, value: text },
  registry_trial: { nct_id: text, source: text, record_hash: text, ...trialFilterColumns, enrollment: integerOrNull, location_count: integer, imported_at: timestamp, updated_at: timestamp },
  registry_trial_text: { nct_id: text, search_doc: { type: 'tsvector', nullable: false }, names: text, ...trialFilterColumns, curated: { type: 'boolean', nullable: false }, cjk_grams: array },
  registry_trial_record: { nct_id: text, record: jsonb, hit: jsonb },
  registry_location: { nct_id: text, position: integer, facility: textOrNull, city: textOrNull, state: textOrNull, country: textOrNull, lat: numberOrNull, lon: numberOrNull },
  eligibility_rule_set: { nct_id: text, version: integer, review: text, source: text, rule_set: jsonb, created_at: timestamp, parser_version: textOrNull, criteria_hash: textOrNull },
  eligibility_site_range: {
    id: integer,
    site_id: text,
    analyte: text,
    sex: text,
    age_from: integerOrNull,
    age_to: integerOrNull,
    low: numberOrNull,
    high: numberOrNull,
    unit: text,
    source: text,
    effective_from: { type: 'date', nullable: false },
    effective_to: dateOrNull,
  },
  account_user: {
    id: integer, username: text, display_name: text, password_hash: text, is_system_admin: boolean, failed_attempts: integer,
    locked_until: timestampOrNull, disabled_at: timestampOrNull, password_changed_at: timestamp, created_at: timestamp, created_by: integerOrNull,
  },
  account_session: { id: integer, token_hash: text, user_id: integer, csrf_token: text, created_at: timestamp, last_seen_at: timestamp, expires_at: timestamp, revoked_at: timestampOrNull },
  account_api_token: { id: integer, user_id: integer, name: text, token_hash: text, prefix: text, created_at: timestamp, last_used_at: timestampOrNull, revoked_at: timestampOrNull },
  account_grant: {
    id: integer, user_id: integer, study_id: text, site_code: textOrNull, role: text, can_view_allocation: boolean,
    granted_by: integerOrNull, granted_at: timestamp, revoked_at: timestampOrNull, revoked_by: integerOrNull,
  },
  study: { study_id: text, title: text, title_zh: textOrNull, current_version: integer, created_at: timestamp },
  study_protocol: { study_id: text, version: integer, settings: jsonb, created_at: timestamp, created_by: integerOrNull },
  study_site: {
    study_id: text, site_code: text, name_en: text, name_zh: textOrNull, name_zh_note: textOrNull, city_en: text, city_zh: textOrNull,
    province: text, province_zh: textOrNull, status: text, activated_on: dateOrNull, target_enrollment: integerOrNull, is_lead_sponsor: boolean, range_site_id: textOrNull,
  },
  audit_event: {
    id: integer, seq: integer, at: timestamp, user_id: integerOrNull, username: text, via: text, action: text, record_type: text, record_id: text,
    study_id: textOrNull, site_code: textOrNull, old_value: jsonbOrNull, new_value: jsonbOrNull, reason: textOrNull, prev_hash: text, hash: text,
  },
  audit_chain_head: { id: integer, seq: integer, hash: text },
  site_subject_counter: { study_id: text, site_code: text, next_seq: integer },
  screening: {
    id: integer, study_id: text, site_code: text, subject_number: text, seq: integer, screened_on: date, origin: text, origin_reference: textOrNull,
    protocol_version: integer, rule_set_nct_id: text, rule_set_version: integer, rule_set_review: text, verdict: text, result: jsonb, sex: textOrNull, factors: jsonb,
    confirmations: jsonb, failure_reasons: array, outcome: text, outcome_set_at: timestampOrNull, override_by: textOrNull, override_reason: textOrNull,
    override_at: timestampOrNull, created_at: timestamp, created_by: text, updated_at: timestamp, updated_by: text,
  },
  subject_identity: { screening_id: integer, name: text, hospital_number: text, birth_date: dateOrNull, phone: textOrNull },
  consent: {
    id: integer, screening_id: integer, form_version: text, signed_at: timestamp, obtained_by: text, signer: text, guardian_name: textOrNull,
    guardian_relationship: textOrNull, signature_status: text, language: textOrNull, withdrawn_on: dateOrNull, withdrawal_reason: textOrNull,
    recorded_at: timestamp, recorded_by: text,
  },
  randomization_stratum: { study_id: text, stratum_key: text, next_slot: integer },
  enrollment: {
    id: integer, screening_id: integer, study_id: text, subject_number: text, arm: text, assignment: text, strata: jsonb, stratum_key: textOrNull,
    slot: integerOrNull, protocol_version: integer, consent_id: integer, overridden: boolean, randomized_at: timestamp, randomized_by: text,
  },
  study_secret: { study_id: text, secret: text, created_at: timestamp },
  unblinding: { id: integer, enrollment_id: integer, reason: text, unblinded_by: text, unblinded_at: timestamp },
  subject_visit: { ...subjectRow, visit_code: text, status: text, visit_date: dateOrNull, not_done_reason: textOrNull, protocol_version: integer, note: textOrNull },
  administration: {
    ...subjectRow, visit_code: textOrNull, product: text, lot: textOrNull, given_at: timestamp, route: text, dose_value: number, dose_unit: text,
    dose_total: numberOrNull, dose_per_kg: numberOrNull, weight_kg: numberOrNull, details: jsonb, dose_check: jsonb, infusion_reaction: jsonbOrNull,
  },
  lab_result: {
    ...subjectRow, visit_code: textOrNull, panel: text, analyte: text, collected_on: date, value: number, unit: text, canonical_value: number, canonical_unit: text,
    method: textOrNull, lln: numberOrNull, uln: numberOrNull, limit_basis: jsonbOrNull, context: jsonb, is_baseline: boolean, grades: jsonb, check_results: jsonb,
    source: text, source_reference: textOrNull,
  },
  transfusion: { ...subjectRow, given_on: date, product: text, units: number, pre_hb: numberOrNull, pre_platelets: numberOrNull, note: textOrNull },
  marrow_exam: { ...subjectRow, visit_code: textOrNull, examined_on: date, cellularity_percent: numberOrNull, residual_hematopoietic_percent: numberOrNull, findings: textOrNull },
  adverse_event: {
    ...subjectRow, seq: integer, term: text, description: textOrNull, onset_on: date, resolved_on: dateOrNull, grade: integerOrNull, grade_source: text,
    grade_basis: jsonbOrNull, ctcae_version: text, lab_result_id: integerOrNull, serious: boolean, seriousness: array, relatedness: jsonb, action_taken: text,
    outcome: text, aware_at: timestampOrNull, report_due_at: timestampOrNull, reported_at: timestampOrNull,
    expected: { type: 'boolean', nullable: true }, authority_reported_at: timestampOrNull,
  },
  disease_assessment: {
    ...subjectRow, time_point: text, assessed_on: date, severity: textOrNull, severity_scheme: text, severity_reason: text, response: textOrNull,
    response_scheme: textOrNull, response_reason: textOrNull, transfusion_independent: { type: 'boolean', nullable: true }, inputs: jsonb,
  },
  data_query: {
    id: integer, study_id: text, site_code: text, screening_id: integer, subject_number: text, record_type: text, record_id: integerOrNull, field: textOrNull,
    origin: text, check_id: textOrNull, state: text, text, raised_by: text, raised_at: timestamp, updated_at: timestamp,
  },
  data_query_event: { id: integer, query_id: integer, action: text, text: textOrNull, state_after: text, by: text, at: timestamp },
};
