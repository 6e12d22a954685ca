// What the visit service takes and returns (see services.ts for the rules).
import type { AttentionReason, CalendarVisit } from '../../core/study/visit-calendar.ts';

export interface CalendarView {
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  /** Day 0: the first administration's date (UTC date of given_at), or the enrollment date (UTC) until a dose exists. */
  anchor: { date: string; basis: 'first-dose' | 'enrollment' };
  /** The date statuses are computed on (today, UTC). */
  asOf: string;
  visits: CalendarVisit[];
  unscheduled: UnscheduledVisitView[];
}

export interface UnscheduledVisitView {
  visitCode: string;
  visitDate: string;
  note: string | null;
}

export interface RecordVisitInput {
  studyId: string;
  subjectNumber: string;
  visitCode: string;
  status: 'done' | 'not_done';
  visitDate?: string;
  reason?: string;
  /** Required when the visit was already recorded (audited with the old and new values). */
  changeReason?: string;
}

export interface RecordUnscheduledInput {
  studyId: string;
  subjectNumber: string;
  visitDate: string;
  note?: string;
}

export interface VisitWarning {
  code: 'out_of_window';
  message: string;
  window: { start: string; end: string; target: string };
}

export interface RecordedVisitView {
  studyId: string;
  subjectNumber: string;
  visitCode: string;
  status: 'done' | 'not_done';
  visitDate: string | null;
  reason: string | null;
  note: string | null;
  /** The visit as the calendar now shows it (scheduled visits only). */
  calendar: CalendarVisit | null;
  warnings: VisitWarning[];
}

export interface AttentionItem extends CalendarVisit {
  siteCode: string;
  subjectNumber: string;
  attention: AttentionReason;
}
