// Disease assessments: severity and haematological response derived from a subject's logged data
// (core/study/disease-assessment.ts) — previewed without saving, recorded (one transaction with its
// audit entry; replacing a time point needs a reason), listed; the subject's timeline; the response
// summary per arm and time point. A subject at a site the actor cannot see answers not_found.
import { canViewAllocation, requireScope, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import { ageInYears } from '../../core/clinical/calendar.ts';
import { TIME_POINTS } from '../../core/clinical/tables/assessment-windows.ts';
import { EligoError } from '../../core/problems.ts';
import { CBC_ANALYTES, checkTimePoint, deriveAssessment, type DerivedAssessment } from '../../core/study/disease-assessment.ts';
import { anchorOf, scheduleOf } from '../../core/study/protocol-schedule.ts';
import { visitStatuses } from '../../core/study/schedule.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import type { Stores } from '../../store/index.ts';
import type { AssessmentRecord } from '../../store/conduct/assessments.ts';
import type { FollowUpData } from '../../store/conduct/follow-up-read.ts';
import type { ScreeningRecord } from '../../store/conduct/subject-repository.ts';
import { checkDate, conductOf, latestToday, optionalText, subjectFor, systemClock, type ConductClock } from '../screening/subject-access.ts';
import type { Permission } from '../access/roles.ts';
import type { AssessmentPreview, AssessmentRequest, AssessmentView, RecordAssessmentInput, ResponseSummary, TimelineView } from './model.ts';

export interface AssessmentService {
  /** Derives the assessment at the time point and date without saving (study.read). */
  preview(actor: Actor, input: AssessmentRequest): Promise<AssessmentPreview>;
  /** Derives and stores it (data.write); replacing a recorded time point needs `reason`; audited. */
  record(actor: Actor, input: RecordAssessmentInput): Promise<AssessmentView>;
  list(actor: Actor, studyId: string, subjectNumber: string): Promise<AssessmentView[]>;
  timeline(actor: Actor, studyId: string, subjectNumber: string): Promise<TimelineView>;
  /** Responses per arm (when the actor may see arms) and time point within scope. */
  responseSummary(actor: Actor, studyId: string): Promise<ResponseSummary>;
}

const SERIES = ['hemoglobin', 'anc', 'platelets', 'reticulocytes'] as const;
const SUMMARY_POINTS = ['month-3', 'month-6', 'month-12'] as const;

interface SubjectContext {
  screening: ScreeningRecord;
  protocol: ProtocolSettings;
  enrolledOn: string;
  dayZero: { date: string; basis: 'first-dose' | 'enrollment' };
  data: FollowUpData;
  sex?: 'male' | 'female';
  birthDate?: string;
}

export function assessmentService({ stores, clock = systemClock }: { stores: Stores; clock?: ConductClock }): AssessmentService {
  const repo = stores.assessments;

  async function subjectContext(actor: Actor, studyId: string, subjectNumber: unknown, permission: Permission): Promise<SubjectContext> {
    const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, permission);
    const readable = requireScope(actor, studyId, 'study.read', screening.siteCode);
    const enrollment = await stores.subjects.enrollment(readable, screening.subjectNumber);
    if (!enrollment) throw EligoError.of('conflict', { code: 'not_enrolled', field: 'subjectNumber', value: subjectNumber, expected: 'an enrolled subject (assessments follow enrollment)' });
    const { protocol } = await conductOf(stores.subjects, studyId);
    const data = await repo.followUp(readable, screening.id, { analytes: CBC_ANALYTES });
    const firstDose = data.administrations.map((dose) => dose.givenAt.slice(0, 10)).sort()[0];
    const enrolledOn = enrollment.randomizedAt.slice(0, 10);
    const demographics = await repo.demographics(readable, screening.id);
    return { screening, protocol, enrolledOn, dayZero: anchorOf(enrolledOn, firstDose), data, ...demographics };
  }

  function derive(context: SubjectContext, timePoint: string, assessedOn: string): DerivedAssessment {
    const { data } = context;
    return deriveAssessment({
      timePoint, assessedOn, dayZero: context.dayZero.date,
      labs: data.labs.map((row) => ({ analyte: row.analyte, collectedOn: row.collectedOn, value: row.value, unit: row.unit, method: row.method, context: row.context, isBaseline: row.isBaseline })),
      transfusions: data.transfusions.map((t) => ({ date: t.givenOn, product: t.product, units: t.units })),
      marrow: data.marrow,
      ...(context.sex ? { sex: context.sex } : {}),
      ...(context.birthDate ? { age: ageInYears(context.birthDate, assessedOn) } : {}),
      responseScheme: context.protocol.responseScheme,
    });
  }

  function checkRequest(input: AssessmentRequest, context: SubjectContext): { timePoint: string; assessedOn: string } {
    const timePoint = checkTimePoint(input.timePoint);
    const assessedOn = checkDate(input.assessedOn, 'assessedOn', clock.now(), { notBefore: { date: context.enrolledOn, what: 'the enrollment date' } });
    if (timePoint.startsWith('other-') && timePoint.slice(6) !== assessedOn) {
      throw EligoError.of('invalid', { code: 'time_point_mismatch', field: 'assessedOn', value: assessedOn, expected: `the date the time point names (${timePoint.slice(6)})` });
    }
    return { timePoint, assessedOn };
  }

  const view = (record: AssessmentRecord, screening: ScreeningRecord): AssessmentView => {
    const { note, ...inputs } = (record.inputs ?? {}) as DerivedAssessment & { note?: string | null };
    return { ...record, subjectNumber: screening.subjectNumber, siteCode: screening.siteCode, note: note ?? null, inputs: inputs as DerivedAssessment };
  };

  return {
    async preview(actor, input) {
      const context = await subjectContext(actor, input.studyId, input.subjectNumber, 'study.read');
      const { timePoint, assessedOn } = checkRequest(input, context);
      const derived = derive(context, timePoint, assessedOn);
      const existing = (await repo.list(requireScope(actor, input.studyId, 'study.read', context.screening.siteCode), context.screening.id)).find((a) => a.timePoint === timePoint);
      return { ...derived, subjectNumber: context.screening.subjectNumber, siteCode: context.screening.siteCode, replaces: existing ? { assessedOn: existing.assessedOn, recordedAt: existing.recordedAt } : null };
    },

    async record(actor, input) {
      const now = clock.now();
      const context = await subjectContext(actor, input.studyId, input.subjectNumber, 'data.write');
      const { timePoint, assessedOn } = checkRequest(input, context);
      const note = optionalText(input.note, 'note');
      const reason = optionalText(input.reason, 'reason', 1000);
      const derived = derive(context, timePoint, assessedOn);
      const { screening } = context;
      return repo.transaction(async (tx) => {
        const saved = await repo.save(tx, {
          screeningId: screening.id, studyId: input.studyId, siteCode: screening.siteCode, subjectNumber: screening.subjectNumber, timePoint, assessedOn,
          severity: derived.severity.severity, severityScheme: derived.severity.scheme, severityReason: derived.severity.reason,
          response: derived.response?.response ?? null, responseScheme: derived.response?.scheme ?? null, responseReason: derived.response?.reason ?? null,
          transfusionIndependent: derived.response?.transfusionIndependent ?? null, inputs: { ...derived, note }, by: actor.username, at: now,
        });
        if (saved.before && reason === null) {
          // Thrown inside the transaction: the replacement rolls back with it.
          throw EligoError.of('invalid', { code: 'required', field: 'reason', expected: `a reason for replacing the ${timePoint} assessment recorded on ${saved.before.recordedAt.slice(0, 10)} (assessed ${saved.before.assessedOn})` });
        }
        const summary = (a: AssessmentRecord) => ({ timePoint: a.timePoint, assessedOn: a.assessedOn, severity: a.severity, response: a.response, responseScheme: a.responseScheme, transfusionIndependent: a.transfusionIndependent });
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: saved.before ? 'assessment.replace' : 'assessment.record', recordType: 'disease_assessment', recordId: String(saved.after.id),
          studyId: input.studyId, siteCode: screening.siteCode, oldValue: saved.before ? summary(saved.before) : null,
          newValue: { subjectNumber: screening.subjectNumber, ...summary(saved.after), ...(note ? { note } : {}) }, ...(reason ? { reason } : {}), at: now,
        });
        return view(saved.after, screening);
      });
    },

    async list(actor, studyId, subjectNumber) {
      const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, 'study.read');
      return (await repo.list(requireScope(actor, studyId, 'study.read', screening.siteCode), screening.id)).map((a) => view(a, screening));
    },

    async timeline(actor, studyId, subjectNumber) {
      const context = await subjectContext(actor, studyId, subjectNumber, 'study.read');
      const { screening, data, protocol } = context;
      const asOf = latestToday(clock.now());
      const counts = SERIES.map((analyte) => {
        const rows = data.labs.filter((row) => row.analyte === analyte);
        return {
          analyte, unit: rows[0]?.unit ?? (analyte === 'hemoglobin' ? 'g/L' : '10*9/L'),
          points: rows.map((row) => ({ date: row.collectedOn, value: row.value, lln: row.lln, uln: row.uln, gcsf: row.context?.gcsf === true, transfusedWithinDays: row.context?.transfusedWithinDays ?? null, method: row.method })),
        };
      });
      const recorded = new Map(data.visits.map((visit) => [visit.visitCode, visit]));
      const schedule = scheduleOf(protocol);
      const known = new Set(schedule.visits.map((visit) => visit.id));
      const done = Object.fromEntries(data.visits.filter((visit) => visit.status === 'done' && visit.visitDate && known.has(visit.visitCode)).map((visit) => [visit.visitCode, visit.visitDate as string]));
      const visits = visitStatuses(schedule, context.dayZero.date, done, asOf).map((state) => ({ ...state, recorded: recorded.get(state.visit)?.status ?? null }));

      const cbcDates = data.labs.filter((row) => row.analyte === 'anc' || row.analyte === 'platelets').map((row) => row.collectedOn).sort();
      const latestCbc = cbcDates.at(-1);
      const assessments = (await repo.list(requireScope(actor, studyId, 'study.read', screening.siteCode), screening.id)).map((a) => view(a, screening));
      let currentSeverity: TimelineView['currentSeverity'];
      let derivedResponse: DerivedAssessment['response'] = null;
      if (latestCbc) {
        // The severity does not need the response scheme: an unknown scheme leaves the timeline readable, its error in the response's reason.
        const severityOnly = derive(context, 'baseline', latestCbc);
        currentSeverity = { asOf: latestCbc, ...severityOnly.severity };
        if (latestCbc > context.dayZero.date) {
          try {
            derivedResponse = derive(context, `other-${latestCbc}`, latestCbc).response;
          } catch (error) {
            if (!(error instanceof EligoError) || error.code !== 'unknown_response_scheme') throw error;
            derivedResponse = { response: null, scheme: protocol.responseScheme, reason: error.message, transfusionIndependent: null };
          }
        }
      } else {
        currentSeverity = { asOf: null, severity: null, scheme: assessments.at(-1)?.severityScheme ?? 'modified-camitta', reason: 'no blood count logged yet' };
      }
      const latestRecorded = [...assessments].filter((a) => a.timePoint !== 'baseline').sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : a.id - b.id)).at(-1);
      const latestResponse: TimelineView['latestResponse'] = latestRecorded
        ? { timePoint: latestRecorded.timePoint, assessedOn: latestRecorded.assessedOn, response: latestRecorded.response, scheme: latestRecorded.responseScheme, reason: latestRecorded.responseReason ?? '', derived: false }
        : derivedResponse && latestCbc ? { timePoint: null, assessedOn: latestCbc, response: derivedResponse.response, scheme: derivedResponse.scheme, reason: derivedResponse.reason, derived: true } : null;
      return {
        studyId, subjectNumber: screening.subjectNumber, siteCode: screening.siteCode, enrolledOn: context.enrolledOn, dayZero: context.dayZero, asOf, counts,
        transfusions: data.transfusions.map((t) => ({ date: t.givenOn, product: t.product, units: t.units, preHb: t.preHb, prePlatelets: t.prePlatelets })),
        doses: data.administrations.map((dose) => ({ givenAt: dose.givenAt, product: dose.product, dose: dose.doseValue, unit: dose.doseUnit, lot: dose.lot, visitCode: dose.visitCode })),
        adverseEvents: data.adverseEvents.map(({ id: _id, ...event }) => event),
        visits, currentSeverity, latestResponse, assessments,
      };
    },

    async responseSummary(actor, studyId) {
      const scope = requireScope(actor, studyId, 'study.read');
      const { protocol } = await conductOf(stores.subjects, studyId);
      const rows = await repo.summaryRows(scope);
      const subjects = new Map<string, { arm: string | null; responses: Map<string, AssessmentRecord['response']> }>();
      let byArm = true;
      for (const row of rows) {
        const key = `${row.siteCode}/${row.subjectNumber}`;
        let subject = subjects.get(key);
        if (!subject) {
          const visible = canViewAllocation(actor, studyId, row.siteCode, protocol.blinded);
          if (!visible) byArm = false;
          subjects.set(key, (subject = { arm: visible ? row.arm : null, responses: new Map() }));
        }
        if (row.timePoint) subject.responses.set(row.timePoint, row.response);
      }
      // Arms shown only when every subject's arm may be seen: a partial split would let hidden arms be inferred.
      const arms = byArm ? protocol.arms.map((arm) => arm.code as string | null) : [null];
      const result: ResponseSummary['rows'] = [];
      for (const arm of arms) {
        for (const timePoint of SUMMARY_POINTS) {
          const counts = { complete: 0, partial: 0, none: 0, notAssessed: 0 };
          for (const subject of subjects.values()) {
            if (byArm && subject.arm !== arm) continue;
            const response = subject.responses.get(timePoint);
            if (response === 'complete' || response === 'partial' || response === 'none') counts[response] += 1;
            else counts.notAssessed += 1;
          }
          result.push({ arm, timePoint, ...counts });
        }
      }
      return { studyId, byArm, rows: result };
    },
  };
}

export { TIME_POINTS };
