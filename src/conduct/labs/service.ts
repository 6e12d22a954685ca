// Laboratory results, transfusions and bone-marrow examinations of enrolled subjects. Values arrive in
// any unit people enter and are stored with their canonical value, the limits of normal used, the
// CTCAE grades (against the subject's baseline) and the soft edit-check warnings, each of which raises
// a data query in the same transaction; a hard edit-check failure refuses the whole entry. Another
// site's subject answers not_found exactly like a missing one; every change has its audit entry.
import type { Actor } from '../access/actor.ts';
import type { Permission } from '../access/roles.ts';
import { auditActorOf } from '../audit/entry.ts';
import { analyteByKey } from '../../core/clinical/tables/analytes.ts';
import { indexSiteRanges, type LimitPatient } from '../../core/patient/limits.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { anchorOf } from '../../core/study/protocol-schedule.ts';
import type { Stores } from '../../store/index.ts';
import type { LabResultRecord } from '../../store/conduct/labs.ts';
import { insertQuery } from '../../store/conduct/query-insert.ts';
import type { ScreeningRecord, StudyConduct } from '../../store/conduct/subject-repository.ts';
import { checkDate, checkText, conductOf, latestToday, subjectFor, systemClock, type ConductClock } from '../screening/subject-access.ts';
import { checkContext, checkPanel, convertPanel, convertValue, recordId } from './entry.ts';
import { readLabObservations } from './fhir-import.ts';
import type { CorrectResultInput, ImportFhirInput, ImportFhirResult, LabFilter, LabResultView, RecordPanelInput } from './model.ts';
import { checkPending, insertPending, queryText, refuseHard, regrade, softResults, type PendingResult, type SubjectContext } from './results.ts';
import { transfusionsAndMarrow, type TransfusionMarrowService } from './transfusions.ts';

export interface LabService extends TransfusionMarrowService {
  /** One panel of results for a collection date (data.write at the subject's site). */
  recordPanel(actor: Actor, input: RecordPanelInput): Promise<LabResultView[]>;
  /** Observations from FHIR; an Observation already imported (same id) is left unchanged. */
  importFhir(actor: Actor, input: ImportFhirInput): Promise<ImportFhirResult>;
  listResults(actor: Actor, studyId: string, subjectNumber: string, filter?: LabFilter): Promise<LabResultView[]>;
  /** Corrects one result's value with a reason (audit old → new), re-grading the analyte. */
  correctResult(actor: Actor, input: CorrectResultInput): Promise<LabResultView>;
}

export interface EnrolledSubjectOf {
  screening: ScreeningRecord;
  conduct: StudyConduct;
  enrolledOn: string;
  dayZero: string;
  subject: Omit<SubjectContext, 'by' | 'at'>;
}

const view = (record: LabResultRecord): LabResultView => {
  const { screeningId: _screeningId, ...rest } = record;
  return rest;
};

/** The subject's sex as screening saw it (the evidence of a sex criterion, from Patient.gender), never their identity. */
function sexOf(result: unknown): 'female' | 'male' | undefined {
  if (Array.isArray(result)) {
    for (const item of result) {
      const found = sexOf(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof result !== 'object' || result === null) return undefined;
  const record = result as Record<string, unknown>;
  if (record.kind === 'sex' && (record.value === 'female' || record.value === 'male')) return record.value;
  for (const value of Object.values(record)) {
    if (typeof value === 'object' && value !== null) {
      const found = sexOf(value);
      if (found) return found;
    }
  }
  return undefined;
}

export function labService({ stores, clock = systemClock }: { stores: Stores; clock?: ConductClock }): LabService {
  const labs = stores.labs;

  /** The subject, enrolled, with what grading needs: day 0, the study's CTCAE version, the site's ranges. */
  async function enrolled(actor: Actor, studyId: string, subjectNumber: unknown, permission: Permission): Promise<EnrolledSubjectOf> {
    const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, permission);
    if (screening.outcome !== 'enrolled') throw EligoError.of('conflict', { code: 'not_enrolled', field: 'subjectNumber', value: subjectNumber, expected: `an enrolled subject (${screening.subjectNumber} is ${screening.outcome})` });
    const conduct = await conductOf(stores.subjects, studyId);
    const facts = await labs.facts(screening.id);
    const enrolledOn = facts.enrolledOn ?? screening.screenedOn;
    const dayZero = anchorOf(enrolledOn, facts.firstDoseOn ?? undefined).date;
    const sex = facts.sex ?? sexOf(screening.result) ?? screening.factors.sex;
    // Identity stays here: the birth date only selects an age band of the reference ranges.
    const patient: LimitPatient = { ...(sex === 'female' || sex === 'male' ? { sex } : {}), ...(facts.birthDate ? { birthDate: facts.birthDate } : {}) };
    const siteRanges = facts.rangeSiteId ? indexSiteRanges(await stores.siteRanges.list(facts.rangeSiteId)) : undefined;
    return {
      screening, conduct, enrolledOn, dayZero,
      subject: { studyId, siteCode: screening.siteCode, screeningId: screening.id, subjectNumber: screening.subjectNumber, dayZero, ctcaeVersion: conduct.protocol.ctcaeVersion, patient, ...(siteRanges ? { siteRanges } : {}) },
    };
  }

  function checkVisitCode(value: unknown, conduct: StudyConduct): string | null {
    if (value === undefined || value === null || value === '') return null;
    const codes = conduct.protocol.visits.map((visit) => visit.code);
    if (typeof value !== 'string' || !codes.includes(value)) throw EligoError.of('invalid', { code: 'unknown_visit', field: 'visitCode', value, expected: `a visit of the protocol: ${codes.join(', ')}` });
    return value;
  }

  async function store(actor: Actor, of: EnrolledSubjectOf, pending: PendingResult[], action: 'create' | 'import'): Promise<LabResultView[]> {
    const now = clock.now();
    return labs.transaction(async (repo, tx) => {
      const others = await repo.results(of.screening.id);
      const findings = checkPending(pending, others, await repo.transfusions(of.screening.id));
      refuseHard(pending, findings);
      const { stored, regraded } = await insertPending(repo, tx, { ...of.subject, by: actor.username, at: now }, pending, findings);
      for (const result of stored) {
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action, recordType: 'lab_result', recordId: String(result.id), studyId: result.studyId, siteCode: result.siteCode, oldValue: null,
          newValue: {
            subjectNumber: result.subjectNumber, analyte: result.analyte, collectedOn: result.collectedOn, value: result.value, unit: result.unit, canonicalValue: result.canonicalValue,
            lln: result.lln, uln: result.uln, grades: result.grades.map((grade) => ({ term: grade.term, grade: grade.grade })), warnings: result.checkResults.map((check) => check.check),
            ...(result.sourceReference ? { sourceReference: result.sourceReference } : {}), ...(regraded.length > 0 ? { regraded } : {}),
          },
          at: now,
        });
      }
      return stored.map(view);
    });
  }

  const service: LabService = {
    async recordPanel(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const collectedOn = checkDate(input.collectedOn, 'collectedOn', clock.now(), { notBefore: { date: of.enrolledOn, what: 'the enrollment date' } });
      const visitCode = checkVisitCode(input.visitCode, of.conduct);
      const panel = checkPanel(input.panel);
      const context = checkContext(input.context);
      const converted = convertPanel(panel, input.results);
      const pending = converted.map((result, index): PendingResult => ({ field: `results.${index}`, panel, collectedOn, visitCode, context, source: 'form', sourceReference: null, ...result }));
      return store(actor, of, pending, 'create');
    },

    async importFhir(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const reading = readLabObservations(input.resources, latestToday(clock.now()));
      const unchanged: string[] = [];
      const pending: PendingResult[] = [];
      for (const entry of reading.entries) {
        if (await labs.resultBySource(of.screening.id, entry.sourceReference)) {
          if (!unchanged.includes(entry.observationId)) unchanged.push(entry.observationId);
          continue;
        }
        const field = `resources.${entry.index}`;
        if (entry.fact.date < of.enrolledOn) throw EligoError.of('invalid', { code: 'date_too_early', field: `${field}.effectiveDateTime`, value: entry.fact.date, expected: `a date on or after the enrollment date (${of.enrolledOn})` });
        pending.push({
          field, panel: entry.panel, analyte: entry.fact.analyte, collectedOn: entry.fact.date, visitCode: null, value: Number(entry.fact.recorded.value), unit: entry.fact.recorded.unit,
          canonicalValue: entry.fact.value, canonicalUnit: entry.fact.unit, method: null, context: {}, source: 'fhir', sourceReference: entry.sourceReference,
          ...(entry.fact.referenceRange ? { referenceRange: entry.fact.referenceRange } : {}),
        });
      }
      const imported = pending.length > 0 ? await store(actor, of, pending, 'import') : [];
      return { imported, unchanged, skipped: reading.skipped };
    },

    async listResults(actor, studyId, subjectNumber, filter = {}) {
      const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, 'study.read');
      const now = clock.now();
      if (filter.analyte !== undefined && !analyteByKey(filter.analyte)) throw EligoError.of('invalid', { code: 'unknown_analyte', field: 'analyte', value: filter.analyte, expected: 'an analyte key (hemoglobin, anc, platelets, …)' });
      const from = filter.from === undefined ? undefined : checkDate(filter.from, 'from', now);
      const to = filter.to === undefined ? undefined : checkDate(filter.to, 'to', now);
      return (await labs.results(screening.id, { ...(filter.analyte ? { analyte: filter.analyte } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) })).map(view);
    },

    async correctResult(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const id = recordId(input.labResultId, `laboratory result of ${of.screening.subjectNumber}`, 'labResultId');
      const reason = checkText(input.reason, 'reason');
      const now = clock.now();
      return labs.transaction(async (repo, tx) => {
        const scope = { studyId: input.studyId, sites: [of.screening.siteCode] };
        const old = await repo.result(scope, of.screening.id, id, { forUpdate: true });
        if (!old) throw notFound(`laboratory result of ${of.screening.subjectNumber}`, 'labResultId', input.labResultId);
        const converted = convertValue(old.analyte, input.value, input.unit, '(body)');
        if ('code' in converted) throw EligoError.of('invalid', { ...converted, field: converted.field.replace('(body).', '') });
        const pending: PendingResult = { field: '(body)', panel: old.panel, analyte: old.analyte, collectedOn: old.collectedOn, visitCode: old.visitCode, method: old.method, context: old.context, source: old.source, sourceReference: old.sourceReference, ...converted };
        const others = (await repo.results(of.screening.id)).filter((result) => result.id !== id);
        const findings = checkPending([pending], others, await repo.transfusions(of.screening.id));
        try {
          refuseHard([pending], findings);
        } catch (error) {
          throw error instanceof EligoError ? new EligoError(error.kind, error.code, error.message.replace('(body).value', 'value'), error.problems.map((p) => ({ ...p, field: 'value', message: p.message.replace('(body).value', 'value') }))) : error;
        }
        const checks = softResults(findings.get(0));
        await repo.updateResult(id, { value: converted.value, unit: converted.unit, canonicalValue: converted.canonicalValue, checkResults: checks, at: now, by: actor.username });
        for (const found of checks.filter((check) => !old.checkResults.some((before) => before.check === check.check))) {
          await insertQuery(tx, { studyId: old.studyId, siteCode: old.siteCode, screeningId: of.screening.id, subjectNumber: old.subjectNumber, recordType: 'lab_result', recordId: id, field: 'value', origin: 'edit_check', checkId: found.check, text: queryText(found), by: actor.username, at: now });
        }
        const regraded = await regrade(repo, { ...of.subject, by: actor.username, at: now }, [old.analyte], new Set([id]));
        const after = (await repo.result(scope, of.screening.id, id)) as LabResultRecord;
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'update', recordType: 'lab_result', recordId: String(id), studyId: old.studyId, siteCode: old.siteCode,
          oldValue: { value: old.value, unit: old.unit, canonicalValue: old.canonicalValue, grades: old.grades.map((grade) => ({ term: grade.term, grade: grade.grade })) },
          newValue: { subjectNumber: old.subjectNumber, analyte: old.analyte, value: after.value, unit: after.unit, canonicalValue: after.canonicalValue, grades: after.grades.map((grade) => ({ term: grade.term, grade: grade.grade })), ...(regraded.length > 0 ? { regraded } : {}) },
          reason, at: now,
        });
        return view(after);
      });
    },

    ...transfusionsAndMarrow({ stores, clock, enrolled, checkVisitCode }),
  };
  return service;
}
