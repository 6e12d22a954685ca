// What the safety service takes and gives: an adverse event as entered (the API's body) and as shown
// (with its CTCAE grade and basis, causality per product and the expedited reports due, §9).
import type { AdverseEventGradeInput } from '../../core/study/adverse-event-grade.ts';
import type { DueReport } from '../../core/study/expedited-reporting.ts';
import type { ShiftTable } from '../../core/study/shifts.ts';

export interface AdverseEventFieldsInput {
  term: string;
  description?: string | null;
  onsetOn: string;
  resolvedOn?: string | null;
  /** 1–5; required unless computed from `labResultId` or suggested from the findings. */
  grade?: number | null;
  /** Needed to record a grade other than the one computed from the lab result. */
  gradeOverrideReason?: string;
  labResultId?: number | null;
  serious: boolean;
  seriousness?: string[];
  /** Causality to each product of the subject's arm: code of safety-reporting.ts RELATEDNESS_LEVELS. */
  relatedness: Record<string, string>;
  actionTaken: string;
  outcome: string;
  /** When the site learnt of a serious event (ISO date-time with offset); required when serious. */
  awareAt?: string | null;
  bloodPressure?: AdverseEventGradeInput['bloodPressure'];
  infusion?: AdverseEventGradeInput['infusion'];
}

export interface AdverseEventInput extends AdverseEventFieldsInput {
  studyId: string;
  subjectNumber: string;
}

export interface CorrectAdverseEventInput {
  studyId: string;
  subjectNumber: string;
  aeNumber: number;
  changes: Partial<AdverseEventFieldsInput>;
  reason: string;
}

export interface ReportInput {
  studyId: string;
  subjectNumber: string;
  aeNumber: number;
  recipient: 'sponsor' | 'authority';
  reportedAt: string;
  /** The sponsor's expectedness assessment (safety.report only). */
  expected?: boolean;
}

export interface GradeBasis {
  grade: number | null;
  kind: 'computed' | 'suggested' | 'investigator';
  reason: string;
  reasonZh: string;
  version: string;
  labResultId?: number;
  baselineGrade?: number | null;
  overrideReason?: string;
}

export interface ReportView extends Omit<DueReport, 'dueAt' | 'followUpDueAt' | 'reportedAt'> {
  dueAt: string;
  followUpDueAt: string | null;
  reportedAt: string | null;
}

export interface AdverseEventView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  aeNumber: number;
  term: string;
  termZh: string;
  description: string | null;
  onsetOn: string;
  resolvedOn: string | null;
  grade: number | null;
  gradeSource: 'computed' | 'suggested' | 'investigator';
  gradeBasis: GradeBasis | null;
  ctcaeVersion: string;
  labResultId: number | null;
  serious: boolean;
  seriousness: string[];
  relatedness: Record<string, string>;
  /** Related (related/probably/possibly) to at least one product. */
  related: boolean;
  expected: boolean | null;
  actionTaken: string;
  outcome: string;
  awareAt: string | null;
  reports: ReportView[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface SeriousEventRow {
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  aeNumber: number;
  term: string;
  termZh: string;
  grade: number | null;
  onsetOn: string;
  seriousness: string[];
  awareAt: string | null;
  reports: ReportView[];
  /** The soonest deadline of a report not yet sent; null when every report is done. */
  nextDueAt: string | null;
  status: 'due' | 'overdue' | 'done';
}

export interface ShiftsView {
  terms: Array<ShiftTable & { termZh: string }>;
}
