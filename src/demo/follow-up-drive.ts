// Plays a demo subject's follow-up plan (follow-up.ts) through the conduct services, each step by the
// user whose job it is: the coordinator enters visits, doses, labs and transfusions and answers
// queries; the investigator records the marrow, adverse events and disease assessments; the monitor
// raises and closes queries; the data manager files the expedited reports to the authority. What the
// services derive — CTCAE grades, severity, response, edit-check queries, report deadlines — they
// derive; the demo only counts what came out.
import type { Actor } from '../conduct/access/actor.ts';
import type { ConductServices } from '../conduct/services.ts';
import type { FollowUpStep } from './follow-up.ts';

export type FollowUpServices = Pick<ConductServices, 'visits' | 'treatment' | 'labs' | 'assessments' | 'safety' | 'queries'>;

export interface FollowUpSummary {
  subjects: number;
  visits: number;
  missedVisits: number;
  administrations: number;
  labResults: number;
  transfusions: number;
  marrowExams: number;
  adverseEvents: number;
  seriousAdverseEvents: number;
  assessments: number;
  /** The month-6 hematologic response as the study's scheme classified it. */
  responseAtMonth6: Record<'complete' | 'partial' | 'none' | 'not_assessable', number>;
  queriesRaised: { manual: number; editCheck: number };
}

export function emptyFollowUpSummary(): FollowUpSummary {
  return {
    subjects: 0, visits: 0, missedVisits: 0, administrations: 0, labResults: 0, transfusions: 0, marrowExams: 0, adverseEvents: 0, seriousAdverseEvents: 0, assessments: 0,
    responseAtMonth6: { complete: 0, partial: 0, none: 0, not_assessable: 0 }, queriesRaised: { manual: 0, editCheck: 0 },
  };
}

export interface SubjectFollowUp {
  studyId: string;
  subjectNumber: string;
  /** The user of each role acting for the subject's site (study-wide roles for monitor and data manager). */
  actorFor(role: FollowUpStep['by']): Actor;
}

const RESOLVED_REASON = '事件已缓解，更新转归 (the event resolved: outcome updated)';

/** The act of one step; what earlier steps of the same subject stored (lab result ids, AE numbers, query ids) by their keys. */
export function followUpAct(services: FollowUpServices, subject: SubjectFollowUp, summary: FollowUpSummary, keys: Map<string, number>) {
  const { studyId, subjectNumber } = subject;
  const key = (name: string) => {
    const id = keys.get(name);
    if (id === undefined) throw new Error(`demo follow-up of ${subjectNumber}: nothing stored under ${name} (a step came before the one it refers to)`);
    return id;
  };
  return async (step: FollowUpStep): Promise<void> => {
    const actor = subject.actorFor(step.by);
    switch (step.kind) {
      case 'visit':
        await services.visits.recordVisit(actor, { studyId, subjectNumber, visitCode: step.visitCode, status: 'done', visitDate: step.visitDate });
        summary.visits++;
        return;
      case 'visit-not-done':
        await services.visits.recordVisit(actor, { studyId, subjectNumber, visitCode: step.visitCode, status: 'not_done', reason: step.reason });
        summary.missedVisits++;
        return;
      case 'labs': {
        const stored = await services.labs.recordPanel(actor, { studyId, subjectNumber, collectedOn: step.collectedOn, visitCode: step.visitCode, panel: step.panel, results: step.results, ...(step.context ? { context: step.context } : {}) });
        for (const result of stored) keys.set(`${step.key}:${result.analyte}`, result.id);
        summary.labResults += stored.length;
        summary.queriesRaised.editCheck += stored.reduce((sum, result) => sum + result.checkResults.length, 0);
        return;
      }
      case 'marrow':
        await services.labs.recordMarrowExam(actor, { studyId, subjectNumber, examinedOn: step.examinedOn, visitCode: step.visitCode, cellularityPercent: step.cellularityPercent, residualHematopoieticPercent: step.residualHematopoieticPercent, findings: step.findings });
        summary.marrowExams++;
        return;
      case 'dose': {
        const { kind: _kind, at: _at, by: _by, ...input } = step;
        const given = await services.treatment.recordAdministration(actor, { studyId, subjectNumber, ...input });
        summary.administrations++;
        // Each of these warnings raised a query with the record (treatment/service.ts).
        summary.queriesRaised.editCheck += given.warnings.filter((warning) => warning.code === 'dose_out_of_range' || warning.code === 'product_not_in_arm').length;
        return;
      }
      case 'transfusion': {
        const { kind: _kind, at: _at, by: _by, ...input } = step;
        await services.labs.recordTransfusion(actor, { studyId, subjectNumber, ...input });
        summary.transfusions++;
        return;
      }
      case 'assessment': {
        const recorded = await services.assessments.record(actor, { studyId, subjectNumber, timePoint: step.timePoint, assessedOn: step.assessedOn });
        summary.assessments++;
        if (step.timePoint === 'month-6') summary.responseAtMonth6[recorded.response ?? 'not_assessable']++;
        return;
      }
      case 'adverse-event': {
        const labResultId = step.lab ? key(`${step.lab.key}:${step.lab.analyte}`) : undefined;
        const event = await services.safety.recordAdverseEvent(actor, { studyId, subjectNumber, ...step.event, ...(labResultId !== undefined ? { labResultId } : {}) });
        keys.set(step.key, event.aeNumber);
        summary.adverseEvents++;
        if (event.serious) summary.seriousAdverseEvents++;
        return;
      }
      case 'adverse-event-resolved':
        await services.safety.correctAdverseEvent(actor, { studyId, subjectNumber, aeNumber: key(step.key), changes: { resolvedOn: step.resolvedOn, outcome: step.outcome }, reason: RESOLVED_REASON });
        return;
      case 'adverse-event-report':
        await services.safety.recordReport(actor, { studyId, subjectNumber, aeNumber: key(step.key), recipient: step.recipient, reportedAt: step.reportedAt, ...(step.expected !== undefined ? { expected: step.expected } : {}) });
        return;
      case 'query': {
        const raised = await services.queries.raise(actor, { studyId, subjectNumber, recordType: 'lab_result', recordId: key(`${step.lab.key}:${step.lab.analyte}`), field: 'value', text: step.text });
        keys.set(step.key, raised.id);
        summary.queriesRaised.manual++;
        return;
      }
      case 'query-answer':
        await services.queries.answer(actor, { studyId, queryId: key(step.key), text: step.text });
        return;
      case 'query-close':
        await services.queries.close(actor, { studyId, queryId: key(step.key), text: step.text });
        return;
      case 'query-reopen':
        await services.queries.reopen(actor, { studyId, queryId: key(step.key), text: step.text });
        return;
      case 'edit-check-answers': {
        const open = await services.queries.list(actor, { studyId, subjectNumber, origin: 'edit_check', state: 'open' });
        for (const query of open.items) await services.queries.answer(actor, { studyId, queryId: query.id, text: step.text });
        return;
      }
      case 'edit-check-closes': {
        const answered = await services.queries.list(actor, { studyId, subjectNumber, origin: 'edit_check', state: 'answered' });
        for (const query of answered.items) await services.queries.close(actor, { studyId, queryId: query.id, text: step.text });
        return;
      }
    }
  };
}
