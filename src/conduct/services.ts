// The study-conduct services as one object the shells (HTTP routes, CLI, demo) call. Every function
// takes the Actor first and decides authorisation once, at its boundary (requireScope): a study or
// site the actor cannot see answers not_found, exactly like one that does not exist; a visible one
// the role may not act on, forbidden. Errors are always EligoError (src/core/problems.ts).
import type { Actor } from './access/actor.ts';
import type { VisitService } from './visits/service.ts';
import type { TreatmentService } from './treatment/service.ts';
import type { SafetyService } from './safety/service.ts';
import type {
  AuditChainReport, AuditEntryView, AuditExportFormat, AuditFilter, ConsentView, EnrollInput, EnrollmentView, Page,
  RecordConsentInput, ScreeningFilter, ScreeningOutcome, ScreeningView, SiteView, StartScreeningInput, StudyDetail,
  StudySummary, SubjectIdentity, UnblindInput, UnblindingView, WithdrawConsentInput, ConfirmationAnswer,
} from './model.ts';
import type { QueryService } from './queries/service.ts';
import type { AssessmentService } from './assessments/service.ts';
import type { LabService } from './labs/service.ts';
import type { ReportService } from './reports/service.ts';

export interface StudyService {
  /** The studies the actor can see (study.read); an actor without grants gets []. */
  listStudies(actor: Actor): Promise<StudySummary[]>;
  /** One study with its current protocol settings. not_found (field studyId) when unseen or absent. */
  getStudy(actor: Actor, studyId: string): Promise<StudyDetail>;
  /** The study's sites within the actor's scope, by site code. not_found for an unseen study. */
  listSites(actor: Actor, studyId: string): Promise<SiteView[]>;
  /** One site. not_found (field siteCode) when out of scope or absent. */
  getSite(actor: Actor, studyId: string, siteCode: string): Promise<SiteView>;
}

/** What the grant service (helper D) asks before storing a grant: existence only, no scope. */
export interface StudyDirectory {
  studyExists(studyId: string): Promise<boolean>;
  siteExists(studyId: string, siteCode: string): Promise<boolean>;
}

export interface ScreeningService {
  /**
   * Screens a patient against the study's current rule set (with the site's reference ranges),
   * allocates the next subject number at the site (no gaps, concurrency-safe), stores result, rule-set
   * version and identity (separately), audited. Needs screening.write at input.siteCode.
   * Errors: invalid (bad date, future date, bad record — field named), not_found (study/site),
   * forbidden, conflict (site not active), unprocessable (no rule set for the trial).
   */
  startScreening(actor: Actor, input: StartScreeningInput): Promise<ScreeningView>;
  /**
   * Records answers to the screening's confirm points (criterion ids from result.confirm). Answers
   * replace earlier ones for the same criterion. `reason` is required once the outcome is set.
   * Errors: invalid (unknown criterion id → field `confirmations.N.criterion`), not_found, forbidden.
   */
  recordConfirmations(actor: Actor, studyId: string, subjectNumber: string, answers: Array<{ criterion: string; answer: ConfirmationAnswer }>, reason?: string): Promise<ScreeningView>;
  /**
   * Sets the outcome (screen_failure / declined / pending; 'enrolled' is set by enroll only) with
   * failure reasons. Changing an outcome already set needs `reason`.
   * Errors: invalid (outcome 'enrolled', missing reason — field named), conflict (already enrolled).
   */
  setOutcome(actor: Actor, studyId: string, subjectNumber: string, outcome: Exclude<ScreeningOutcome, 'enrolled'>, failureReasons: string[], reason?: string): Promise<ScreeningView>;
  /** One screening by subject number. invalid for a malformed number (field subjectNumber); not_found when out of scope. */
  getScreening(actor: Actor, studyId: string, subjectNumber: string): Promise<ScreeningView>;
  /** Screenings within scope, filtered; newest first. */
  listScreenings(actor: Actor, filter: ScreeningFilter): Promise<Page<ScreeningView>>;
  /** Counts by site and outcome within scope (for the sponsor's charts). */
  countScreenings(actor: Actor, studyId: string): Promise<Array<{ siteCode: string; outcome: ScreeningOutcome; count: number }>>;
  /** Identifying details: identity.read at the subject's site only (site staff). Not audited content-wise. */
  getIdentity(actor: Actor, studyId: string, subjectNumber: string): Promise<SubjectIdentity>;
}

export interface ConsentService {
  /**
   * Records a consent for a screened subject. Errors (nothing written): invalid — signedAt in the
   * future or malformed (field signedAt), unknown form version (field formVersion), guardian details
   * missing (field guardianName); conflict — the form version is not the current one (code
   * consent_outdated), a newer consent exists. Needs consent.write at the subject's site.
   */
  recordConsent(actor: Actor, input: RecordConsentInput): Promise<ConsentView>;
  /** Records withdrawal (date, reason). invalid for a future date; conflict when already withdrawn. */
  withdrawConsent(actor: Actor, input: WithdrawConsentInput): Promise<ConsentView>;
  /** The subject's consents, newest first. */
  listConsents(actor: Actor, studyId: string, subjectNumber: string): Promise<ConsentView[]>;
}

export interface EnrollmentService {
  /**
   * Enrolls and randomizes (or assigns the one arm of a single-group study). Refused, nothing written:
   * not_found — subject out of scope; forbidden — no enroll right (or override without
   * eligibility.override); unprocessable — no valid consent (code consent_missing, field subjectNumber),
   * consent of an outdated form version (consent_outdated, field formVersion), ineligible or incomplete
   * screening without override (screening_ineligible, field override), missing stratum factor
   * (stratum_missing, field factors.X); conflict — already enrolled (already_randomized).
   * The allocation is final; the slot index and the sequence are never returned.
   */
  enroll(actor: Actor, input: EnrollInput): Promise<EnrollmentView>;
  /** One enrollment; `arm` is null for a blinded study without the allocation right. */
  getEnrollment(actor: Actor, studyId: string, subjectNumber: string): Promise<EnrollmentView>;
  listEnrollments(actor: Actor, studyId: string, options?: { siteCode?: string; limit?: number; offset?: number }): Promise<Page<EnrollmentView>>;
  /** Enrollments per site and month within scope (sponsor's chart). */
  enrollmentCounts(actor: Actor, studyId: string): Promise<Array<{ siteCode: string; month: string; count: number }>>;
  /**
   * Emergency unblinding: needs unblind at the subject's site, a reason; audited. For an open-label
   * study: conflict (code not_blinded, "open label: nothing to unblind").
   */
  unblind(actor: Actor, input: UnblindInput): Promise<UnblindingView>;
}

export interface AuditService {
  /** Entries within the actor's audit.read scope (site-less study entries only for study-wide scope). */
  listAudit(actor: Actor, filter: AuditFilter): Promise<Page<AuditEntryView>>;
  /** The same entries as a stream of JSON Lines or CSV (header first), for downloads. */
  exportAudit(actor: Actor, filter: Omit<AuditFilter, 'limit' | 'offset'>, format: AuditExportFormat): AsyncIterable<string>;
  /** The whole chain checked (system operators: actor.isSystemAdmin or via 'cli'; else forbidden). */
  verifyAuditChain(actor: Actor): Promise<AuditChainReport>;
}

export interface ConductServices {
  studies: StudyService;
  screening: ScreeningService;
  consent: ConsentService;
  enrollment: EnrollmentService;
  audit: AuditService;
  directory: StudyDirectory;
  queries: QueryService;
  /** Visit calendars and visit records (src/conduct/visits/service.ts). */
  visits: VisitService;
  /** Treatment administrations with the protocol's dose check (src/conduct/treatment/service.ts). */
  treatment: TreatmentService;
  assessments: AssessmentService;
  labs: LabService;
  /** Adverse events and expedited safety reporting (src/conduct/safety/service.ts). */
  safety: SafetyService;
  /** Study reports within the reader's sites (src/conduct/reports/service.ts). */
  reports: ReportService;
}
