// The storage boundary of the screening log, consent and enrollment: a SITE-SCOPED repository. Every
// read of subject data takes the actor's SiteScope and filters by it in SQL (subject-scope.ts);
// nothing here reads a subject without one. Writes run inside `transaction`, with the transaction
// handed on to the audit writer so the change and its entry commit together.
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { Confirmation, ConsentView, Page, ScreeningFilter, ScreeningOutcome, ScreeningView, SubjectIdentity } from '../../conduct/model.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import type { StoreTransaction } from '../accounts/repository.ts';

/** A screening as stored: the view plus the row id the other tables refer to. */
export type ScreeningRecord = ScreeningView & { outcomeSetAt: string | null };

export interface NewScreening {
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  seq: number;
  screenedOn: string;
  origin: ScreeningView['origin'];
  originReference: string | null;
  protocolVersion: number;
  ruleSet: ScreeningView['ruleSet'];
  verdict: ScreeningView['verdict'];
  result: ScreeningView['result'];
  /** The record's Patient.gender (reference ranges and the normal Hb depend on it). */
  sex?: 'female' | 'male' | 'other' | 'unknown' | null;
  factors: Record<string, string>;
  at: Date;
  by: string;
}

export interface ScreeningChange {
  confirmations?: Confirmation[];
  outcome?: ScreeningOutcome;
  outcomeSetAt?: Date;
  failureReasons?: string[];
  override?: { by: string; reason: string; at: Date };
  at: Date;
  by: string;
}

/** A consent as stored, with the subject it belongs to (state is decided by the service). */
export type ConsentRecord = Omit<ConsentView, 'state'> & { screeningId: number; withdrawalReason: string | null };

export interface NewConsent {
  screeningId: number;
  formVersion: string;
  signedAt: Date;
  obtainedBy: string;
  signer: ConsentView['signer'];
  guardianName: string | null;
  guardianRelationship: string | null;
  signatureStatus: ConsentView['signatureStatus'];
  language: string | null;
  at: Date;
  by: string;
}

export interface EnrollmentRecord {
  id: number;
  screeningId: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  arm: string;
  assignment: 'randomized' | 'the_one_arm' | 'investigator_choice';
  strata: Record<string, string>;
  protocolVersion: number;
  consentId: number;
  overridden: boolean;
  randomizedAt: string;
  randomizedBy: string;
}

export interface NewEnrollment {
  screeningId: number;
  studyId: string;
  subjectNumber: string;
  arm: string;
  assignment: EnrollmentRecord['assignment'];
  strata: Record<string, string>;
  /** Randomized only: the stratum and its slot (stored, never returned). */
  slot: { stratumKey: string; slot: number } | null;
  protocolVersion: number;
  consentId: number;
  overridden: boolean;
  at: Date;
  by: string;
}

export interface StudyConduct {
  protocol: ProtocolSettings;
  protocolVersion: number;
}

export interface SiteRecord {
  siteCode: string;
  status: 'pending' | 'active' | 'closed';
  rangeSiteId: string | null;
}

export interface SubjectRepository {
  /** The study's current protocol settings, or undefined for no such study. */
  studyConduct(studyId: string): Promise<StudyConduct | undefined>;
  /** A site of the study within the scope, or undefined. */
  site(scope: SiteScope, siteCode: string): Promise<SiteRecord | undefined>;

  screening(scope: SiteScope, subjectNumber: string, options?: { forUpdate?: boolean }): Promise<ScreeningRecord | undefined>;
  listScreenings(scope: SiteScope, filter: Omit<ScreeningFilter, 'studyId'> & { limit: number; offset: number }): Promise<Page<ScreeningView>>;
  countScreenings(scope: SiteScope): Promise<Array<{ siteCode: string; outcome: ScreeningOutcome; count: number }>>;
  identity(scope: SiteScope, subjectNumber: string): Promise<SubjectIdentity | undefined>;
  consents(scope: SiteScope, subjectNumber: string): Promise<ConsentRecord[]>;
  consent(scope: SiteScope, consentId: number, options?: { forUpdate?: boolean }): Promise<ConsentRecord | undefined>;
  enrollment(scope: SiteScope, subjectNumber: string): Promise<EnrollmentRecord | undefined>;
  listEnrollments(scope: SiteScope, options: { siteCode?: string; limit: number; offset: number }): Promise<Page<EnrollmentRecord>>;
  enrollmentCounts(scope: SiteScope): Promise<Array<{ siteCode: string; month: string; count: number }>>;

  /** The site's next subject sequence (1, 2, …): gapless, taken inside the screening's transaction. */
  takeSubjectSeq(studyId: string, siteCode: string): Promise<number>;
  insertScreening(screening: NewScreening, identity: SubjectIdentity): Promise<ScreeningRecord>;
  updateScreening(id: number, change: ScreeningChange): Promise<void>;
  insertConsent(consent: NewConsent): Promise<number>;
  withdrawConsent(id: number, withdrawnOn: string, reason: string): Promise<void>;
  /** The stratum's next slot (0, 1, …), the stratum row locked until the transaction ends. */
  takeStratumSlot(studyId: string, stratumKey: string): Promise<number>;
  /** The study's randomization secret, made (32 random bytes) on first use. Never leaves the enrollment service. */
  studySecret(studyId: string): Promise<Uint8Array>;
  insertEnrollment(enrollment: NewEnrollment): Promise<number>;
  insertUnblinding(enrollmentId: number, reason: string, by: string, at: Date): Promise<void>;

  /** Runs `work` in one transaction with a repository bound to it (and the transaction for the audit writer). */
  transaction<T>(work: (subjects: SubjectRepository, tx: StoreTransaction) => Promise<T>): Promise<T>;
}
