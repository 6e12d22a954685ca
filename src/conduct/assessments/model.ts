// What the disease-assessment service takes and returns: assessments derived (preview) or stored, the
// subject's timeline (counts, transfusions, doses, adverse events, visits, current severity and
// latest response) and the response summary per arm and time point.
import type { DerivedAssessment } from '../../core/study/disease-assessment.ts';
import type { VisitState } from '../../core/study/schedule.ts';
import type { AssessmentRecord } from '../../store/conduct/assessments.ts';

export interface AssessmentRequest {
  studyId: string;
  subjectNumber: string;
  /** 'baseline', 'month-3', 'month-6', 'month-12' or 'other-YYYY-MM-DD'. */
  timePoint: string;
  assessedOn: string;
}

export interface RecordAssessmentInput extends AssessmentRequest {
  note?: string;
  /** Required when the time point already has an assessment (it is replaced). */
  reason?: string;
}

export type AssessmentPreview = DerivedAssessment & { subjectNumber: string; siteCode: string; replaces: { assessedOn: string; recordedAt: string } | null };

export type AssessmentView = Omit<AssessmentRecord, 'inputs'> & { subjectNumber: string; siteCode: string; note: string | null; inputs: DerivedAssessment };

export interface CountPoint { date: string; value: number; lln: number | null; uln: number | null; gcsf: boolean; transfusedWithinDays: number | null; method: 'manual' | 'automated' | null }
export interface CountSeries { analyte: 'hemoglobin' | 'anc' | 'platelets' | 'reticulocytes'; unit: string; points: CountPoint[] }

export interface TimelineView {
  studyId: string;
  subjectNumber: string;
  siteCode: string;
  enrolledOn: string;
  dayZero: { date: string; basis: 'first-dose' | 'enrollment' };
  asOf: string;
  counts: CountSeries[];
  transfusions: Array<{ date: string; product: 'RBC' | 'platelets'; units: number; preHb: number | null; prePlatelets: number | null }>;
  doses: Array<{ givenAt: string; product: string; dose: number; unit: string; lot: string | null; visitCode: string | null }>;
  adverseEvents: Array<{ seq: number; term: string; onsetOn: string; resolvedOn: string | null; grade: number | null; serious: boolean; outcome: string }>;
  /** The planned calendar with each visit's status; not-done visits say so. */
  visits: Array<VisitState & { recorded: 'done' | 'not_done' | null }>;
  /** Severity at the latest CBC. */
  currentSeverity: { asOf: string | null; severity: DerivedAssessment['severity']['severity']; scheme: string; reason: string };
  /** The latest recorded response; else derived at the latest CBC (derived: true). */
  latestResponse: { timePoint: string | null; assessedOn: string | null; response: AssessmentRecord['response']; scheme: string | null; reason: string; derived: boolean } | null;
  assessments: AssessmentView[];
}

export interface ResponseSummary {
  studyId: string;
  /** False when the study is blinded and arms are hidden from the actor (every subject counted under arm null). */
  byArm: boolean;
  rows: Array<{ arm: string | null; timePoint: 'month-3' | 'month-6' | 'month-12'; complete: number; partial: number; none: number; notAssessed: number }>;
}
