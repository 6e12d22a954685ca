// What the study-conduct services take and give: plain data, the same for the HTTP routes, the CLI
// and the web pages. Identity (name, hospital number, birth date, phone) appears only in
// SubjectIdentity, read through its own call with the identity.read right at that site.
import type { ScreeningResult } from '../core/criteria/evaluate.ts';
import type { ManualRecord } from '../core/patient/manual.ts';
import type { ProtocolSettings } from '../core/study/protocol.ts';

/** A study: a registry trial run with its protocol settings. */
export interface StudySummary {
  studyId: string; // NCT id
  title: string;
  titleZh?: string;
  /** 'randomized' (arms allocated by the system) or 'single_group' (the one arm). */
  design: ProtocolSettings['design'];
  blinded: boolean;
  protocolVersion: number;
  arms: Array<{ code: string; label: string; labelZh?: string }>;
  /** Sites the actor can see (never the study's total when it is larger). */
  siteCount: number;
}

export interface StudyDetail extends StudySummary {
  protocol: ProtocolSettings;
  notes: string[];
}

export const SITE_STATUSES = ['pending', 'active', 'closed'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export interface SiteView {
  studyId: string;
  siteCode: string;
  nameEn: string;
  nameZh: string | null;
  /** Why the Chinese name is missing or uncertain, when it is. */
  nameZhNote?: string;
  cityEn: string;
  cityZh: string | null;
  province: string;
  provinceZh: string | null;
  status: SiteStatus;
  activatedOn: string | null; // YYYY-MM-DD
  targetEnrollment: number | null;
  isLeadSponsor: boolean;
}

export const SCREENING_OUTCOMES = ['pending', 'enrolled', 'screen_failure', 'declined'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export const CONFIRMATION_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type ConfirmationAnswer = (typeof CONFIRMATION_ANSWERS)[number];

export interface Confirmation {
  /** The criterion id from the screening result's `confirm` list. */
  criterion: string;
  answer: ConfirmationAnswer;
  /** Username of who answered. */
  answeredBy: string;
  /** ISO date-time. */
  at: string;
}

/** The patient's identifying details: never in logs, URLs, exports or audit `new`/`old` JSON. */
export interface SubjectIdentity {
  name: string;
  /** Hospital number / MRN at the site. */
  hospitalNumber: string;
  birthDate: string | null; // YYYY-MM-DD
  phone: string | null;
}

/** How a screening's patient record arrived. */
export type ScreeningSource =
  | { kind: 'fhir'; bundle: unknown }
  | { kind: 'manual'; record: ManualRecord }
  /** A candidate found by pre-screening: its FHIR record, plus where it was found. */
  | { kind: 'prescreen'; bundle: unknown; reference?: string };

export interface StartScreeningInput {
  studyId: string;
  siteCode: string;
  /** Screening date YYYY-MM-DD (not in the future); the eligibility "as of" date. */
  screenedOn: string;
  source: ScreeningSource;
  identity: SubjectIdentity;
  /** Protocol factors known at screening, e.g. { diagnosisGroup: 'AA', severity: 'SAA' }; used as strata at enrollment. */
  factors?: Record<string, string>;
}

export interface ScreeningView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string; // e.g. QL01-007
  screenedOn: string;
  origin: ScreeningSource['kind'];
  ruleSet: { nctId: string; version: number; review: 'reviewed' | 'unreviewed' };
  verdict: ScreeningResult['verdict'];
  /** The full engine result: criterion-by-criterion verdicts, missing items, confirm items. */
  result: ScreeningResult;
  confirmations: Confirmation[];
  failureReasons: string[];
  factors: Record<string, string>;
  outcome: ScreeningOutcome;
  /** Present when an investigator overrode an ineligible verdict to enroll. */
  override?: { by: string; reason: string; at: string };
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface ScreeningFilter {
  studyId: string;
  /** One site within the actor's scope; omitted = every site in scope. */
  siteCode?: string;
  outcome?: ScreeningOutcome;
  verdict?: ScreeningResult['verdict'];
  /** Exact subject number (validated: malformed → invalid naming `subjectNumber`). */
  subjectNumber?: string;
  screenedFrom?: string;
  screenedTo?: string;
  limit?: number; // 1–500, default 100
  offset?: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export const SIGNERS = ['patient', 'guardian'] as const;
export type Signer = (typeof SIGNERS)[number];
export const SIGNATURE_STATUSES = ['signed', 'refused'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export interface RecordConsentInput {
  studyId: string;
  subjectNumber: string;
  /** A consent form version id from the protocol (e.g. 'v2.0'). */
  formVersion: string;
  /** ISO date-time, not in the future, not before the form's effective date. */
  signedAt: string;
  /** Username or name of the staff member who obtained consent. */
  obtainedBy: string;
  signer: Signer;
  /** Required when signer = guardian (a minor or a patient who cannot sign). */
  guardianName?: string;
  guardianRelationship?: string;
  signatureStatus: SignatureStatus;
  language?: string;
  /** Required when changing a consent that is already complete. */
  reason?: string;
}

export interface ConsentView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  formVersion: string;
  signedAt: string;
  obtainedBy: string;
  signer: Signer;
  guardianName: string | null;
  guardianRelationship: string | null;
  signatureStatus: SignatureStatus;
  language: string | null;
  withdrawnOn: string | null;
  /** valid: signed, not withdrawn, current form version; outdated: an older form version. */
  state: 'valid' | 'withdrawn' | 'refused' | 'outdated';
  recordedAt: string;
  recordedBy: string;
}

export interface WithdrawConsentInput {
  studyId: string;
  consentId: number;
  /** YYYY-MM-DD, not in the future, not before signing. */
  withdrawnOn: string;
  reason: string;
}

export interface EnrollInput {
  studyId: string;
  subjectNumber: string;
  /** Required to enroll a screening the engine found ineligible (or incomplete): investigators only. */
  override?: { reason: string };
  /** The group, named by the investigator, for a non-randomized study with more than one (assignmentOf → investigator_choice); refused otherwise. */
  arm?: string;
}

export interface EnrollmentView {
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  /** The arm code; null when the study is blinded and the actor lacks the allocation right. */
  arm: string | null;
  /** Strata used, e.g. { site: 'QL01', diagnosisGroup: 'AA', severity: 'SAA' }. */
  strata: Record<string, string>;
  randomizedAt: string;
  randomizedBy: string;
  overridden: boolean;
}

export interface UnblindInput {
  studyId: string;
  subjectNumber: string;
  reason: string;
}

export interface UnblindingView {
  studyId: string;
  subjectNumber: string;
  arm: string;
  by: string;
  at: string;
  reason: string;
}

export interface AuditEntryView {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  action: string; // create, update, delete, enroll, unblind, override, withdraw, …
  recordType: string; // study, site, screening, consent, enrollment, …
  recordId: string;
  studyId: string | null;
  siteCode: string | null;
  old: unknown;
  new: unknown;
  reason: string | null;
  hash: string;
}

export interface AuditFilter {
  studyId: string;
  siteCode?: string;
  from?: string; // ISO date or date-time, inclusive
  to?: string; // inclusive (a date means to the end of that day)
  username?: string;
  recordType?: string;
  recordId?: string;
  limit?: number; // 1–1000, default 200
  offset?: number;
}

export type AuditExportFormat = 'jsonl' | 'csv';

/** The chain checked end to end; `broken` names the first entry that fails and how. */
export type AuditChainReport =
  | { intact: true; entries: number }
  | { intact: false; entries: number; broken: { id: number; position: number; how: 'altered' | 'removed' | 'inserted'; detail: string } };
