// Visits of enrolled subjects: each subject's calendar from the protocol's schedule anchored on day 0
// (the first administration's UTC date, or the enrollment date until a dose exists), recording a
// visit as done or not done (a change needs a reason and is audited old → new), unscheduled visits
// (UNS_1, UNS_2, …), and the coordinator's list of overdue, due and out-of-window visits. "Today" is
// the UTC date of the clock. Every change is one transaction with the screening row locked and its
// audit entry; a refusal writes nothing.
import { requireScope, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import { EligoError } from '../../core/problems.ts';
import { anchorOf, scheduleOf } from '../../core/study/protocol-schedule.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import { attentionReason, calendarVisits, earliestVisitDate, nextUnscheduledCode, outsideWindow, unscheduledVisits, UNSCHEDULED_CODE, type CalendarVisit } from '../../core/study/visit-calendar.ts';
import type { EnrolledSubjectDates, VisitRecord, VisitRepository } from '../../store/conduct/visits.ts';
import { checkDate, checkText, conductOf, optionalText, subjectFor, systemClock, type SubjectServiceDependencies } from '../screening/subject-access.ts';
import type { AttentionItem, CalendarView, RecordedVisitView, RecordUnscheduledInput, RecordVisitInput, VisitWarning } from './model.ts';

export interface VisitService {
  /** The subject's calendar on today. not_found out of scope; conflict (not_enrolled) before enrollment. */
  calendar(actor: Actor, studyId: string, subjectNumber: string): Promise<CalendarView>;
  /**
   * Records a scheduled visit as done (visitDate) or not done (reason); data.write at the subject's site.
   * Refused, nothing written: conflict not_enrolled; invalid — unknown visit code (listing the codes),
   * bad status, visit date malformed, in the future or before the enrollment (screening, for
   * pre-treatment visits) date, missing reason, missing changeReason when changing a recorded visit.
   * An out-of-window date is stored with a warning.
   */
  recordVisit(actor: Actor, input: RecordVisitInput): Promise<RecordedVisitView>;
  /** An unscheduled visit (next UNS_n), not before the enrollment date nor in the future. */
  recordUnscheduled(actor: Actor, input: RecordUnscheduledInput): Promise<RecordedVisitView>;
  /** Overdue visits, visits due (window open or opening within 7 days) and visits done out of window, across the sites in scope, by target date. */
  attention(actor: Actor, studyId: string, options?: { siteCode?: string }): Promise<AttentionItem[]>;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

export function notEnrolled(subjectNumber: string): EligoError {
  return EligoError.of('conflict', { code: 'not_enrolled', field: 'subjectNumber', value: subjectNumber, expected: 'an enrolled subject', message: `${subjectNumber} is not enrolled: follow-up data starts at enrollment` });
}

function calendarOf(protocol: ProtocolSettings, subject: EnrolledSubjectDates, recorded: readonly VisitRecord[], asOf: string) {
  const anchor = anchorOf(subject.enrolledOn, subject.firstDoseOn);
  return { anchor, visits: calendarVisits(scheduleOf(protocol), anchor.date, recorded, asOf) };
}

function checkVisitCode(protocol: ProtocolSettings, code: unknown): { code: string; definition: ProtocolSettings['visits'][number] | undefined } {
  const definition = protocol.visits.find((visit) => visit.code === code);
  if (definition) return { code: definition.code, definition };
  if (typeof code === 'string' && UNSCHEDULED_CODE.test(code)) return { code, definition: undefined };
  throw EligoError.of('invalid', { code: 'unknown_visit', field: 'visitCode', value: code, expected: `a visit of the protocol: ${protocol.visits.map((visit) => visit.code).join(', ')} (unscheduled visits: POST without a code)` });
}

export function visitService({ stores, clock = systemClock }: SubjectServiceDependencies): VisitService {
  const subjects = stores.subjects;

  /** Runs a change in one transaction with the screening row locked and the subject's dates read in it. */
  const change = <T>(actor: Actor, studyId: string, subjectNumber: string, siteCode: string, work: (visits: VisitRepository, subject: EnrolledSubjectDates, tx: Parameters<Parameters<typeof subjects.transaction>[0]>[1]) => Promise<T>) =>
    subjects.transaction(async (repo, tx) => {
      const scope = requireScope(actor, studyId, 'data.write', siteCode);
      await repo.screening(scope, subjectNumber, { forUpdate: true });
      const visits = stores.visits.within(tx);
      const [subject] = await visits.enrolledSubjects(scope, { subjectNumber });
      if (!subject) throw notEnrolled(subjectNumber);
      return work(visits, subject, tx);
    });

  const view = (studyId: string, record: Pick<VisitRecord, 'subjectNumber' | 'visitCode' | 'status' | 'visitDate' | 'reason' | 'note'>, calendar: CalendarVisit | null, warnings: VisitWarning[]): RecordedVisitView => ({
    studyId, subjectNumber: record.subjectNumber, visitCode: record.visitCode, status: record.status, visitDate: record.visitDate, reason: record.reason, note: record.note, calendar, warnings,
  });

  return {
    async calendar(actor, studyId, subjectNumber) {
      const { scope, screening } = await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read');
      const [subject] = await stores.visits.enrolledSubjects(scope, { subjectNumber });
      if (!subject) throw notEnrolled(subjectNumber);
      const { protocol } = await conductOf(subjects, studyId);
      const recorded = await stores.visits.visits(scope, { subjectNumber });
      const asOf = today(clock.now());
      const { anchor, visits } = calendarOf(protocol, subject, recorded, asOf);
      const unscheduled = unscheduledVisits(recorded).map((visit) => ({ visitCode: visit.visitCode, visitDate: visit.visitDate ?? '', note: (visit as VisitRecord).note }));
      return { studyId, siteCode: screening.siteCode, subjectNumber, anchor, asOf, visits, unscheduled };
    },

    async recordVisit(actor, input) {
      const now = clock.now();
      const { screening } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'data.write');
      const { protocol, protocolVersion } = await conductOf(subjects, input.studyId);
      const { code, definition } = checkVisitCode(protocol, input.visitCode);
      if (input.status !== 'done' && input.status !== 'not_done') throw EligoError.of('invalid', { code: 'invalid_status', field: 'status', value: input.status, expected: "'done' (with visitDate) or 'not_done' (with reason)" });
      const reason = input.status === 'not_done' ? checkText(input.reason, 'reason') : null;
      if (input.status === 'done' && input.reason !== undefined) throw EligoError.of('invalid', { code: 'reason_not_allowed', field: 'reason', value: input.reason, expected: "no reason for a visit done (a reason is for status 'not_done'; a change's reason goes in changeReason)" });
      if (input.status === 'not_done' && input.visitDate !== undefined) throw EligoError.of('invalid', { code: 'date_not_allowed', field: 'visitDate', value: input.visitDate, expected: "no visit date for a visit not done" });
      return change(actor, input.studyId, input.subjectNumber, screening.siteCode, async (visits, subject, tx) => {
        const existing = await visits.visit(requireScope(actor, input.studyId, 'data.write', subject.siteCode), input.subjectNumber, code, { forUpdate: true });
        if (!existing && definition === undefined) throw EligoError.of('invalid', { code: 'unknown_visit', field: 'visitCode', value: code, expected: `a recorded unscheduled visit or a visit of the protocol: ${protocol.visits.map((visit) => visit.code).join(', ')}` });
        const visitDate = input.status === 'done'
          ? checkDate(input.visitDate, 'visitDate', now, { notBefore: earliestVisitDate(definition, subject) })
          : null;
        const changeReason = existing ? checkText(input.changeReason, 'changeReason') : null;
        const at = now;
        const audit = { actor: auditActorOf(actor), studyId: input.studyId, siteCode: subject.siteCode, recordType: 'subject_visit', recordId: `${input.subjectNumber}/${code}`, at };
        const newValue = { visitCode: code, status: input.status, visitDate, reason };
        if (existing) {
          await visits.update(existing.id, { status: input.status, visitDate, reason, at, by: actor.username });
          await stores.auditWriter.append(tx, { ...audit, action: 'update', oldValue: { visitCode: code, status: existing.status, visitDate: existing.visitDate, reason: existing.reason }, newValue, reason: changeReason });
        } else {
          await visits.insert({ screeningId: subject.screeningId, studyId: input.studyId, siteCode: subject.siteCode, subjectNumber: input.subjectNumber, visitCode: code, status: input.status, visitDate, reason, note: null, protocolVersion, at, by: actor.username });
          await stores.auditWriter.append(tx, { ...audit, action: 'create', oldValue: null, newValue });
        }
        const recorded = await visits.visits(requireScope(actor, input.studyId, 'data.write', subject.siteCode), { subjectNumber: input.subjectNumber });
        const calendar = definition ? calendarOf(protocol, subject, recorded, today(now)).visits.find((visit) => visit.visit === code) ?? null : null;
        const warnings: VisitWarning[] = [];
        const outside = calendar && visitDate ? outsideWindow(calendar, visitDate) : undefined;
        if (calendar && outside) warnings.push({ code: 'out_of_window', message: `visitDate ${visitDate}: ${code} is out of window, ${outside}`, window: { start: calendar.windowStart, end: calendar.windowEnd, target: calendar.target } });
        return view(input.studyId, { subjectNumber: input.subjectNumber, visitCode: code, status: input.status, visitDate, reason, note: existing?.note ?? null }, calendar, warnings);
      });
    },

    async recordUnscheduled(actor, input) {
      const now = clock.now();
      const { screening } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'data.write');
      const { protocolVersion } = await conductOf(subjects, input.studyId);
      const note = optionalText(input.note, 'note');
      return change(actor, input.studyId, input.subjectNumber, screening.siteCode, async (visits, subject, tx) => {
        const visitDate = checkDate(input.visitDate, 'visitDate', now, { notBefore: earliestVisitDate(undefined, subject) });
        const recorded = await visits.visits(requireScope(actor, input.studyId, 'data.write', subject.siteCode), { subjectNumber: input.subjectNumber });
        const code = nextUnscheduledCode(recorded.map((visit) => visit.visitCode));
        await visits.insert({ screeningId: subject.screeningId, studyId: input.studyId, siteCode: subject.siteCode, subjectNumber: input.subjectNumber, visitCode: code, status: 'done', visitDate, reason: null, note, protocolVersion, at: now, by: actor.username });
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'create', recordType: 'subject_visit', recordId: `${input.subjectNumber}/${code}`, studyId: input.studyId, siteCode: subject.siteCode, oldValue: null, newValue: { visitCode: code, status: 'done', visitDate, note }, at: now });
        return view(input.studyId, { subjectNumber: input.subjectNumber, visitCode: code, status: 'done', visitDate, reason: null, note }, null, []);
      });
    },

    async attention(actor, studyId, options = {}) {
      const scope = requireScope(actor, studyId, 'study.read', options.siteCode);
      const { protocol } = await conductOf(subjects, studyId);
      const [enrolled, recorded] = await Promise.all([stores.visits.enrolledSubjects(scope, { siteCode: options.siteCode }), stores.visits.visits(scope, { siteCode: options.siteCode })]);
      const bySubject = new Map<string, VisitRecord[]>();
      for (const visit of recorded) bySubject.set(visit.subjectNumber, [...(bySubject.get(visit.subjectNumber) ?? []), visit]);
      const asOf = today(clock.now());
      const items: AttentionItem[] = [];
      for (const subject of enrolled) {
        for (const visit of calendarOf(protocol, subject, bySubject.get(subject.subjectNumber) ?? [], asOf).visits) {
          const attention = attentionReason(visit, asOf);
          if (attention) items.push({ ...visit, siteCode: subject.siteCode, subjectNumber: subject.subjectNumber, attention });
        }
      }
      return items.sort((a, b) => a.target.localeCompare(b.target) || a.subjectNumber.localeCompare(b.subjectNumber));
    },
  };
}
