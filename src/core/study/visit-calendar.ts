// A subject's visit calendar as the follow-up pages show it: the protocol's visits with their status
// on a date (schedule.ts), plus visits recorded as not done (missed, with the reason) and the
// unscheduled visits (UNS_1, UNS_2, …); which date a visit may not precede; and which visits the
// coordinator's home lists (overdue, due soon, done out of window). Pure: no I/O, no clock.
import { daysBetween, subtractDuration } from '../clinical/calendar.ts';
import { visitStatuses, type VisitSchedule, type VisitState, type VisitStatus } from './schedule.ts';

export type CalendarStatus = VisitStatus | 'not-done';

export interface RecordedVisit {
  visitCode: string;
  status: 'done' | 'not_done';
  visitDate: string | null;
  reason: string | null;
}

export interface CalendarVisit extends Omit<VisitState, 'status'> {
  status: CalendarStatus;
  /** Why the visit did not take place (status not-done). */
  reason?: string;
}

/** Unscheduled visit codes: UNS_1, UNS_2, … */
export const UNSCHEDULED_CODE = /^UNS_[1-9]\d*$/;

/** Days ahead within which an upcoming visit's window opens for it to count as due soon on the coordinator's home. */
export const DUE_SOON_DAYS = 7;

/** The calendar on `asOf`: each scheduled visit's status (not-done when recorded as missed). */
export function calendarVisits(schedule: VisitSchedule, anchorDate: string, recorded: readonly RecordedVisit[], asOf: string): CalendarVisit[] {
  const codes = new Set(schedule.visits.map((visit) => visit.id));
  const done: Record<string, string> = {};
  const missed = new Map<string, string>();
  for (const visit of recorded) {
    if (!codes.has(visit.visitCode)) continue;
    if (visit.status === 'done' && visit.visitDate) done[visit.visitCode] = visit.visitDate;
    if (visit.status === 'not_done') missed.set(visit.visitCode, visit.reason ?? '');
  }
  return visitStatuses(schedule, anchorDate, done, asOf).map((state) => {
    const reason = missed.get(state.visit);
    return reason === undefined ? state : { ...state, status: 'not-done' as const, reason };
  });
}

/** The unscheduled visits recorded, by number. */
export function unscheduledVisits(recorded: readonly RecordedVisit[]): RecordedVisit[] {
  return recorded.filter((visit) => UNSCHEDULED_CODE.test(visit.visitCode)).sort((a, b) => Number(a.visitCode.slice(4)) - Number(b.visitCode.slice(4)));
}

/** The next free unscheduled code. */
export function nextUnscheduledCode(recordedCodes: readonly string[]): string {
  const numbers = recordedCodes.filter((code) => UNSCHEDULED_CODE.test(code)).map((code) => Number(code.slice(4)));
  return `UNS_${numbers.length === 0 ? 1 : Math.max(...numbers) + 1}`;
}

/**
 * The earliest date a visit may be dated: a pre-treatment visit (one whose window opens before day 0,
 * e.g. screening and baseline) not before the screening date; every other visit, and an unscheduled
 * one, not before the enrollment date.
 */
export function earliestVisitDate(visit: { windowBefore: number; day: number } | undefined, dates: { screenedOn: string; enrolledOn: string }): { date: string; what: string } {
  const preTreatment = visit !== undefined && visit.day - visit.windowBefore < 0;
  return preTreatment ? { date: dates.screenedOn, what: 'the screening date' } : { date: dates.enrolledOn, what: 'the enrollment date' };
}

export type AttentionReason = 'overdue' | 'due' | 'out-of-window';

/** Why a visit belongs on the coordinator's list on `asOf`, if it does: overdue, due (window open, or opening within DUE_SOON_DAYS), or done out of its window. */
export function attentionReason(visit: CalendarVisit, asOf: string, dueSoonDays = DUE_SOON_DAYS): AttentionReason | undefined {
  if (visit.status === 'overdue') return 'overdue';
  if (visit.status === 'due') return 'due';
  if (visit.status === 'upcoming' && daysBetween(asOf, visit.windowStart) <= dueSoonDays) return 'due';
  if (visit.status === 'done-out-of-window') return 'out-of-window';
  return undefined;
}

/** The window a date falls outside of, for the out-of-window warning ("2 days after the window 2026-09-06 – 2026-09-10"). */
export function outsideWindow(visit: { windowStart: string; windowEnd: string; target: string }, date: string): string | undefined {
  if (date >= visit.windowStart && date <= visit.windowEnd) return undefined;
  const days = date < visit.windowStart ? daysBetween(date, visit.windowStart) : daysBetween(visit.windowEnd, date);
  return `${days} day${days === 1 ? '' : 's'} ${date < visit.windowStart ? 'before' : 'after'} the window ${visit.windowStart} – ${visit.windowEnd} (target ${visit.target})`;
}

/** `date` plus `days`. */
export function addDays(date: string, days: number): string {
  return subtractDuration(date, { amount: -days, unit: 'd' });
}
