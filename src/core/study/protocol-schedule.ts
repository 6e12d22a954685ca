// A study's visit schedule as the protocol file states it (visits by day relative to day 0, each with
// its window) in the form core/study/schedule.ts computes calendars from. Day 0 is the first dose;
// until a subject has one, the enrollment date stands in (the calendar says which it used).
import type { ProtocolSettings } from './protocol.ts';
import type { VisitSchedule } from './schedule.ts';

export function scheduleOf(protocol: Pick<ProtocolSettings, 'studyId' | 'version' | 'visits'>): VisitSchedule {
  return {
    id: `${protocol.studyId}-v${protocol.version}`,
    study: protocol.studyId,
    version: String(protocol.version),
    anchor: 'first-dose',
    visits: protocol.visits.map((visit) => ({
      id: visit.code,
      label: { en: visit.label, zh: visit.labelZh ?? visit.label },
      offset: { amount: visit.day, unit: 'd' as const },
      windowBefore: visit.windowBefore,
      windowAfter: visit.windowAfter,
    })),
    sourceRef: `protocol settings of ${protocol.studyId}, version ${protocol.version}`,
  };
}

/** The calendar's day 0: the first dose's date when there is one, else the enrollment date. */
export function anchorOf(enrolledOn: string, firstDoseOn: string | undefined): { date: string; basis: 'first-dose' | 'enrollment' } {
  return firstDoseOn === undefined ? { date: enrolledOn, basis: 'enrollment' } : { date: firstDoseOn, basis: 'first-dose' };
}
