// The screening log, identity, consent, enrollment and randomization tables as Kysely sees them (see
// migrations/007_subjects.ts). Only src/store/conduct/subjects*.ts reads them.
import type { ColumnType, Generated } from 'kysely';
import type { ScreeningOutcome, SignatureStatus, Signer } from '../conduct/model.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateColumn = ColumnType<string, string, string>;

export interface SubjectTables {
  site_subject_counter: SiteSubjectCounterTable;
  screening: ScreeningTable;
  subject_identity: SubjectIdentityTable;
  consent: ConsentTable;
  randomization_stratum: RandomizationStratumTable;
  enrollment: EnrollmentTable;
  study_secret: StudySecretTable;
  unblinding: UnblindingTable;
}

export interface SiteSubjectCounterTable {
  study_id: string;
  site_code: string;
  next_seq: number;
}

export interface ScreeningTable {
  id: Generated<number>;
  study_id: string;
  site_code: string;
  subject_number: string;
  seq: number;
  screened_on: DateColumn;
  origin: 'fhir' | 'manual' | 'prescreen';
  origin_reference: string | null;
  protocol_version: number;
  rule_set_nct_id: string;
  rule_set_version: number;
  rule_set_review: 'reviewed' | 'unreviewed';
  verdict: 'eligible' | 'incomplete' | 'ineligible';
  result: unknown;
  /** FHIR Patient.gender of the screened record (migration 011); null when it did not say. */
  sex: 'female' | 'male' | 'other' | 'unknown' | null;
  factors: unknown;
  confirmations: unknown;
  failure_reasons: string[];
  outcome: ScreeningOutcome;
  outcome_set_at: Timestamp | null;
  override_by: string | null;
  override_reason: string | null;
  override_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SubjectIdentityTable {
  screening_id: number;
  name: string;
  hospital_number: string;
  birth_date: DateColumn | null;
  phone: string | null;
}

export interface ConsentTable {
  id: Generated<number>;
  screening_id: number;
  form_version: string;
  signed_at: Timestamp;
  obtained_by: string;
  signer: Signer;
  guardian_name: string | null;
  guardian_relationship: string | null;
  signature_status: SignatureStatus;
  language: string | null;
  withdrawn_on: DateColumn | null;
  withdrawal_reason: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface RandomizationStratumTable {
  study_id: string;
  stratum_key: string;
  next_slot: number;
}

export interface EnrollmentTable {
  id: Generated<number>;
  screening_id: number;
  study_id: string;
  subject_number: string;
  arm: string;
  assignment: 'randomized' | 'the_one_arm' | 'investigator_choice';
  strata: unknown;
  stratum_key: string | null;
  slot: number | null;
  protocol_version: number;
  consent_id: number;
  overridden: boolean;
  randomized_at: Timestamp;
  randomized_by: string;
}

export interface StudySecretTable {
  study_id: string;
  secret: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface UnblindingTable {
  id: Generated<number>;
  enrollment_id: number;
  reason: string;
  unblinded_by: string;
  unblinded_at: Timestamp;
}
