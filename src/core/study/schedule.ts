// A subject's visit calendar from a study's visit schedule (data, e.g. default-schedules.ts or the
// study's protocol file) and an anchor date (enrollment or first dose), and the status of each visit
// on a given date. Offsets in weeks and months are calendar arithmetic (clinical/calendar.ts); windows
// are in days either side of the target, both ends inclusive.
import type { Duration } from '../criteria/rules.ts';
import { daysBetween, isIsoDate, subtractDuration } from '../clinical/calendar.ts';
import { EligoError, problem, type Problem } from '../problems.ts';

export interface VisitDefinition {
  id: string;
  label: { en: string; zh: string };
  /** Target relative to the anchor date (negative for screening). */
  offset: Duration;
  /** Days allowed before and after the target. */
  windowBefore: number;
  windowAfter: number;
}

export interface VisitSchedule {
  id: string;
  study: string;
  version: string;
  anchor: 'enrollment' | 'first-dose';
  visits: readonly VisitDefinition[];
  sourceRef: string;
}

export interface ScheduledVisit {
  visit: string;
  label: { en: string; zh: string };
  target: string;
  windowStart: string;
  windowEnd: string;
}

export type VisitStatus = 'upcoming' | 'due' | 'overdue' | 'done-in-window' | 'done-out-of-window';

export interface VisitState extends ScheduledVisit {
  status: VisitStatus;
  /** The date the visit took place, when done. */
  date?: string;
  /** Days from the target to the visit date (done) — negative when early. */
  daysFromTarget?: number;
}

/** `date` moved forward by `duration` (backward when the amount is negative). */
function addDuration(date: string, duration: Duration): string {
  return subtractDuration(date, { amount: -duration.amount, unit: duration.unit });
}

const addDays = (date: string, days: number) => addDuration(date, { amount: days, unit: 'd' });

/** Problems of a schedule: duplicate visit ids, negative windows. */
export function scheduleProblems(schedule: VisitSchedule): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  schedule.visits.forEach((visit, index) => {
    if (seen.has(visit.id)) problems.push(problem({ code: 'duplicate_visit', field: `visits.${index}.id`, value: visit.id, expected: 'a visit id used once in the schedule' }));
    seen.add(visit.id);
    for (const side of ['windowBefore', 'windowAfter'] as const) {
      if (!Number.isInteger(visit[side]) || visit[side] < 0) problems.push(problem({ code: 'invalid_window', field: `visits.${index}.${side}`, value: visit[side], expected: 'a whole number of days ≥ 0' }));
    }
  });
  return problems;
}

export function subjectCalendar(schedule: VisitSchedule, anchorDate: string): ScheduledVisit[] {
  if (!isIsoDate(anchorDate)) throw EligoError.of('invalid', { code: 'invalid_date', field: 'anchorDate', value: anchorDate, expected: `the ${schedule.anchor} date as YYYY-MM-DD` });
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw EligoError.all('invalid', 'invalid_schedule', problems);
  return schedule.visits.map((visit) => {
    const target = addDuration(anchorDate, visit.offset);
    return { visit: visit.id, label: visit.label, target, windowStart: addDays(target, -visit.windowBefore), windowEnd: addDays(target, visit.windowAfter) };
  });
}

/** Each visit's status on `asOf`, given the dates of the visits done so far (by visit id). */
export function visitStatuses(schedule: VisitSchedule, anchorDate: string, done: Readonly<Record<string, string>>, asOf: string): VisitState[] {
  if (!isIsoDate(asOf)) throw EligoError.of('invalid', { code: 'invalid_date', field: 'asOf', value: asOf, expected: 'a date YYYY-MM-DD' });
  const known = new Set(schedule.visits.map((visit) => visit.id));
  for (const [visit, date] of Object.entries(done)) {
    if (!known.has(visit)) throw EligoError.of('invalid', { code: 'unknown_visit', field: `done.${visit}`, value: visit, expected: `a visit of schedule ${schedule.id} (${[...known].join(', ')})` });
    if (!isIsoDate(date)) throw EligoError.of('invalid', { code: 'invalid_date', field: `done.${visit}`, value: date, expected: 'a date YYYY-MM-DD' });
  }
  return subjectCalendar(schedule, anchorDate).map((scheduled) => {
    const date = done[scheduled.visit];
    if (date !== undefined) {
      const inWindow = date >= scheduled.windowStart && date <= scheduled.windowEnd;
      return { ...scheduled, status: inWindow ? 'done-in-window' : 'done-out-of-window', date, daysFromTarget: daysBetween(scheduled.target, date) };
    }
    const status: VisitStatus = asOf < scheduled.windowStart ? 'upcoming' : asOf <= scheduled.windowEnd ? 'due' : 'overdue';
    return { ...scheduled, status };
  });
}
