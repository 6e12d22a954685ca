// The follow-up tables as Kysely sees them (see migrations/008_follow_up.ts): visits, administrations,
// laboratory results, transfusions, marrow examinations, adverse events, disease assessments and
// data queries. Only src/store/conduct/*.ts reads them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateColumn = ColumnType<string, string, string>;

/** Whose record it is, and who wrote it when: the columns every subject follow-up table has. */
interface SubjectRow {
  id: Generated<number>;
  screening_id: number;
  study_id: string;
  site_code: string;
  subject_number: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface FollowUpTables {
  subject_visit: SubjectVisitTable;
  administration: AdministrationTable;
  lab_result: LabResultTable;
  transfusion: TransfusionTable;
  marrow_exam: MarrowExamTable;
  adverse_event: AdverseEventTable;
  disease_assessment: DiseaseAssessmentTable;
  data_query: DataQueryTable;
  data_query_event: DataQueryEventTable;
}

export interface SubjectVisitTable extends SubjectRow {
  visit_code: string;
  status: 'done' | 'not_done';
  visit_date: DateColumn | null;
  not_done_reason: string | null;
  protocol_version: number;
  /** An unscheduled visit's note (migrations/009_visit_note.ts). */
  note: string | null;
}

export interface AdministrationTable extends SubjectRow {
  visit_code: string | null;
  product: 'UC-MSC' | 'UCB' | 'cyclosporine A';
  lot: string | null;
  given_at: Timestamp;
  route: 'IV' | 'oral' | 'other';
  dose_value: number;
  dose_unit: string;
  dose_total: number | null;
  dose_per_kg: number | null;
  weight_kg: number | null;
  details: unknown;
  dose_check: unknown;
  infusion_reaction: unknown;
}

export interface LabResultTable extends SubjectRow {
  visit_code: string | null;
  panel: 'cbc' | 'chemistry' | 'coagulation' | 'other';
  analyte: string;
  collected_on: DateColumn;
  value: number;
  unit: string;
  canonical_value: number;
  canonical_unit: string;
  method: 'manual' | 'automated' | null;
  lln: number | null;
  uln: number | null;
  limit_basis: unknown;
  context: unknown;
  is_baseline: boolean;
  grades: unknown;
  check_results: unknown;
  source: 'form' | 'fhir' | 'import';
  source_reference: string | null;
}

export interface TransfusionTable extends SubjectRow {
  given_on: DateColumn;
  product: 'RBC' | 'platelets';
  units: number;
  pre_hb: number | null;
  pre_platelets: number | null;
  note: string | null;
}

export interface MarrowExamTable extends SubjectRow {
  visit_code: string | null;
  examined_on: DateColumn;
  cellularity_percent: number | null;
  residual_hematopoietic_percent: number | null;
  findings: string | null;
}

export interface AdverseEventTable extends SubjectRow {
  seq: number;
  term: string;
  description: string | null;
  onset_on: DateColumn;
  resolved_on: DateColumn | null;
  grade: number | null;
  grade_source: 'computed' | 'suggested' | 'investigator';
  grade_basis: unknown;
  ctcae_version: string;
  lab_result_id: number | null;
  serious: boolean;
  seriousness: string[];
  relatedness: unknown;
  action_taken: string;
  outcome: string;
  aware_at: Timestamp | null;
  report_due_at: Timestamp | null;
  /** The site's report to the sponsor. */
  reported_at: Timestamp | null;
  /** The sponsor's expectedness assessment (null: not assessed). */
  expected: boolean | null;
  authority_reported_at: Timestamp | null;
}

export interface DiseaseAssessmentTable extends SubjectRow {
  time_point: string;
  assessed_on: DateColumn;
  severity: 'VSAA' | 'SAA' | 'NSAA' | null;
  severity_scheme: string;
  severity_reason: string;
  response: 'complete' | 'partial' | 'none' | null;
  response_scheme: string | null;
  response_reason: string | null;
  transfusion_independent: boolean | null;
  inputs: unknown;
}

export interface DataQueryTable {
  id: Generated<number>;
  study_id: string;
  site_code: string;
  screening_id: number;
  subject_number: string;
  record_type: string;
  record_id: number | null;
  field: string | null;
  origin: 'manual' | 'edit_check';
  check_id: string | null;
  state: 'open' | 'answered' | 'closed';
  text: string;
  raised_by: string;
  raised_at: Timestamp;
  updated_at: Timestamp;
}

export interface DataQueryEventTable {
  id: Generated<number>;
  query_id: number;
  action: 'raise' | 'answer' | 'close' | 'reopen' | 'comment';
  text: string | null;
  state_after: 'open' | 'answered' | 'closed';
  by: string;
  at: Timestamp;
}
