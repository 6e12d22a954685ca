// Transfusions (date, product, units, pre-transfusion Hb and platelets in any unit → g/L and 10*9/L)
// and bone-marrow examinations (cellularity, residual haematopoietic cells, findings) of enrolled
// subjects: the records response (transfusion independence) and severity are derived from.
import type { Actor } from '../access/actor.ts';
import type { Permission } from '../access/roles.ts';
import { auditActorOf } from '../audit/entry.ts';
import { evaluateEditChecks } from '../../core/study/edit-checks.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import type { Stores } from '../../store/index.ts';
import type { StudyConduct } from '../../store/conduct/subject-repository.ts';
import { checkDate, checkText, optionalText, subjectFor, type ConductClock } from '../screening/subject-access.ts';
import { convertValue, recordId } from './entry.ts';
import type { CorrectTransfusionInput, MarrowExamView, Measured, RecordMarrowExamInput, RecordTransfusionInput, TransfusionView } from './model.ts';
import type { EnrolledSubjectOf } from './service.ts';

export interface TransfusionMarrowService {
  recordTransfusion(actor: Actor, input: RecordTransfusionInput): Promise<TransfusionView>;
  listTransfusions(actor: Actor, studyId: string, subjectNumber: string): Promise<TransfusionView[]>;
  /** Corrects a transfusion with a reason (audit old → new). */
  correctTransfusion(actor: Actor, input: CorrectTransfusionInput): Promise<TransfusionView>;
  recordMarrowExam(actor: Actor, input: RecordMarrowExamInput): Promise<MarrowExamView>;
  listMarrowExams(actor: Actor, studyId: string, subjectNumber: string): Promise<MarrowExamView[]>;
}

interface Dependencies {
  stores: Stores;
  clock: ConductClock;
  enrolled(actor: Actor, studyId: string, subjectNumber: unknown, permission: Permission): Promise<EnrolledSubjectOf>;
  checkVisitCode(value: unknown, conduct: StudyConduct): string | null;
}

const PRODUCTS = ['RBC', 'platelets'] as const;

function checkProduct(value: unknown): 'RBC' | 'platelets' {
  if (value === 'RBC' || value === 'platelets') return value;
  throw EligoError.of('invalid', { code: 'invalid_option', field: 'product', value, expected: `one of ${PRODUCTS.join(', ')}` });
}

function checkUnits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 20 || Math.round(value * 2) !== value * 2) throw EligoError.of('invalid', { code: 'invalid_value', field: 'units', value, expected: 'a number of units above 0 and at most 20 (halves allowed)' });
  return value;
}

/** A pre-transfusion count in any unit → the canonical one, refused when impossible (the hard range check). */
function preCount(value: Measured | null | undefined, analyte: 'hemoglobin' | 'platelets', field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw EligoError.of('invalid', { code: 'invalid_value', field, value, expected: 'a measurement {value, unit}' });
  const converted = convertValue(analyte, value.value, value.unit, field);
  if ('code' in converted) throw EligoError.of('invalid', converted);
  const hard = evaluateEditChecks({ collectedOn: '0000-01-01', results: [{ analyte, value: converted.canonicalValue }] }).find((found) => found.severity === 'hard');
  if (hard) throw EligoError.of('unprocessable', { code: 'edit_check_failed', field: `${field}.value`, value: value.value, expected: hard.message.en });
  return converted.canonicalValue;
}

function checkPercent(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) throw EligoError.of('invalid', { code: 'invalid_value', field, value, expected: 'a percentage from 0 to 100' });
  return value;
}

export function transfusionsAndMarrow({ stores, clock, enrolled, checkVisitCode }: Dependencies): TransfusionMarrowService {
  const labs = stores.labs;
  // Transfusions and marrow before enrollment count (transfusion dependence and severity at baseline): from the screening date on.
  const notBeforeScreening = (of: EnrolledSubjectOf) => ({ notBefore: { date: of.screening.screenedOn, what: 'the screening date' } });
  return {
    async recordTransfusion(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const now = clock.now();
      const givenOn = checkDate(input.givenOn, 'givenOn', now, notBeforeScreening(of));
      const product = checkProduct(input.product);
      const units = checkUnits(input.units);
      const preHb = preCount(input.preHb, 'hemoglobin', 'preHb');
      const prePlatelets = preCount(input.prePlatelets, 'platelets', 'prePlatelets');
      const note = optionalText(input.note, 'note');
      return labs.transaction(async (repo, tx) => {
        const stored = await repo.insertTransfusion({ studyId: input.studyId, siteCode: of.screening.siteCode, screeningId: of.screening.id, subjectNumber: of.screening.subjectNumber, givenOn, product, units, preHb, prePlatelets, note, at: now, by: actor.username });
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'create', recordType: 'transfusion', recordId: String(stored.id), studyId: input.studyId, siteCode: stored.siteCode, oldValue: null,
          newValue: { subjectNumber: stored.subjectNumber, givenOn, product, units, preHb, prePlatelets, note }, at: now,
        });
        return stored;
      });
    },

    async listTransfusions(actor, studyId, subjectNumber) {
      const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, 'study.read');
      return labs.transfusions(screening.id);
    },

    async correctTransfusion(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const id = recordId(input.transfusionId, `transfusion of ${of.screening.subjectNumber}`, 'transfusionId');
      const now = clock.now();
      const reason = checkText(input.reason, 'reason');
      const change = {
        ...(input.givenOn !== undefined ? { givenOn: checkDate(input.givenOn, 'givenOn', now, notBeforeScreening(of)) } : {}),
        ...(input.product !== undefined ? { product: checkProduct(input.product) } : {}),
        ...(input.units !== undefined ? { units: checkUnits(input.units) } : {}),
        ...(input.preHb !== undefined ? { preHb: preCount(input.preHb, 'hemoglobin', 'preHb') } : {}),
        ...(input.prePlatelets !== undefined ? { prePlatelets: preCount(input.prePlatelets, 'platelets', 'prePlatelets') } : {}),
        ...(input.note !== undefined ? { note: optionalText(input.note, 'note') } : {}),
      };
      if (Object.keys(change).length === 0) throw EligoError.of('invalid', { code: 'required', field: '(body)', expected: 'at least one of givenOn, product, units, preHb, prePlatelets, note' });
      return labs.transaction(async (repo, tx) => {
        const old = await repo.transfusion({ studyId: input.studyId, sites: [of.screening.siteCode] }, of.screening.id, id, { forUpdate: true });
        if (!old) throw notFound(`transfusion of ${of.screening.subjectNumber}`, 'transfusionId', input.transfusionId);
        const after = await repo.updateTransfusion(id, { ...change, at: now, by: actor.username });
        const fields = Object.keys(change) as Array<keyof typeof change>;
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'update', recordType: 'transfusion', recordId: String(id), studyId: input.studyId, siteCode: old.siteCode,
          oldValue: Object.fromEntries(fields.map((field) => [field, old[field]])), newValue: { subjectNumber: old.subjectNumber, ...Object.fromEntries(fields.map((field) => [field, after[field]])) }, reason, at: now,
        });
        return after;
      });
    },

    async recordMarrowExam(actor, input) {
      const of = await enrolled(actor, input.studyId, input.subjectNumber, 'data.write');
      const now = clock.now();
      const examinedOn = checkDate(input.examinedOn, 'examinedOn', now, notBeforeScreening(of));
      const visitCode = checkVisitCode(input.visitCode, of.conduct);
      const cellularityPercent = checkPercent(input.cellularityPercent, 'cellularityPercent');
      const residualHematopoieticPercent = checkPercent(input.residualHematopoieticPercent, 'residualHematopoieticPercent');
      const findings = optionalText(input.findings, 'findings', 4000);
      if (cellularityPercent === null && residualHematopoieticPercent === null && findings === null) throw EligoError.of('invalid', { code: 'required', field: 'cellularityPercent', expected: 'a cellularity, a residual haematopoietic cell percentage or findings' });
      return labs.transaction(async (repo, tx) => {
        const stored = await repo.insertMarrowExam({ studyId: input.studyId, siteCode: of.screening.siteCode, screeningId: of.screening.id, subjectNumber: of.screening.subjectNumber, visitCode, examinedOn, cellularityPercent, residualHematopoieticPercent, findings, at: now, by: actor.username });
        await stores.auditWriter.append(tx, {
          actor: auditActorOf(actor), action: 'create', recordType: 'marrow_exam', recordId: String(stored.id), studyId: input.studyId, siteCode: stored.siteCode, oldValue: null,
          newValue: { subjectNumber: stored.subjectNumber, examinedOn, visitCode, cellularityPercent, residualHematopoieticPercent, findings }, at: now,
        });
        return stored;
      });
    },

    async listMarrowExams(actor, studyId, subjectNumber) {
      const { screening } = await subjectFor(stores.subjects, actor, studyId, subjectNumber, 'study.read');
      return labs.marrowExams(screening.id);
    },
  };
}
