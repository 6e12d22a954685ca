// FHIR Conditions, medications, procedures and allergies → patient facts.
import { recordProblem } from './record-problems.ts';
import { type ProblemScope } from './facts.ts';
import { asArray, asString, checkKnownSystems, codingsOf, isObject, labelOf, problem, readDate, UNUSABLE_STATUS, type Json, type ReadContext } from './fhir-read.ts';

const ACTIVE_STATUSES = new Set(['active', 'recurrence', 'relapse']);
const INACTIVE_STATUSES = new Set(['inactive', 'remission', 'resolved']);
const REFUTED = new Set(['refuted', 'entered-in-error']);

/** The code of a status CodeableConcept (clinicalStatus, verificationStatus); their system is fixed by FHIR, so it is not required. */
function statusCode(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  for (const coding of asArray(concept.coding)) if (isObject(coding) && typeof coding.code === 'string') return coding.code;
  return undefined;
}

function verification(resource: Json): string | undefined {
  return statusCode(resource.verificationStatus);
}

export function readCondition(resource: Json, context: ReadContext): void {
  const status = verification(resource);
  if (status && REFUTED.has(status)) return;
  const codings = codingsOf(resource.code);
  if (!checkKnownSystems(context, codings, 'code', { kind: 'condition' })) return;
  const clinical = statusCode(resource.clinicalStatus);
  const onsetValue = resource.onsetDateTime ?? (isObject(resource.onsetPeriod) ? resource.onsetPeriod.start : undefined);
  const abatementValue = resource.abatementDateTime ?? (isObject(resource.abatementPeriod) ? resource.abatementPeriod.end : undefined);
  const scope: ProblemScope = { kind: 'condition' };
  const onset = readDate(context, onsetValue, resource.onsetDateTime !== undefined ? 'onsetDateTime' : 'onsetPeriod.start', scope);
  if (onsetValue !== undefined && onset === undefined) return; // a future or malformed onset: the condition's timing is unknowable
  const fact = {
    codings,
    label: labelOf(resource.code, codings),
    active: clinical ? (ACTIVE_STATUSES.has(clinical) ? true : INACTIVE_STATUSES.has(clinical) ? false : undefined) : undefined,
    onset,
    abatement: readDate(context, abatementValue, 'abatement[x]', scope),
    recorded: readDate(context, resource.recordedDate, 'recordedDate', scope),
    source: context.ref,
  };
  if (fact.abatement && fact.active === undefined) fact.active = false;
  context.facts.conditions.push(fact);
}

export function readMedication(resource: Json, context: ReadContext): void {
  const status = asString(resource.status);
  if (status && (UNUSABLE_STATUS.has(status) || status === 'not-taken' || status === 'draft')) return;
  if (!isObject(resource.medicationCodeableConcept)) {
    if (resource.medicationReference !== undefined) problem(context, 'medicationReference', recordProblem('medication.byReference', {}), { kind: 'medication' });
    else problem(context, 'medication[x]', recordProblem('medication.noCode', {}), { kind: 'medication' });
    return;
  }
  const codings = codingsOf(resource.medicationCodeableConcept);
  if (!checkKnownSystems(context, codings, 'medicationCodeableConcept', { kind: 'medication' })) return;
  const period = isObject(resource.effectivePeriod) ? resource.effectivePeriod : undefined;
  const start = readDate(context, resource.effectiveDateTime ?? period?.start ?? resource.authoredOn, resource.authoredOn !== undefined ? 'authoredOn' : 'effective[x]', { kind: 'medication' });
  const end = period?.end !== undefined ? asString(period.end)?.slice(0, 10) : undefined;
  context.facts.medications.push({
    codings,
    label: labelOf(resource.medicationCodeableConcept, codings),
    current: status === 'active' || status === 'on-hold' || status === 'intended' || (status === undefined && end === undefined),
    start,
    end: end && end <= context.asOf ? end : undefined,
    source: context.ref,
  });
}

export function readProcedure(resource: Json, context: ReadContext): void {
  const status = asString(resource.status);
  if (status && (UNUSABLE_STATUS.has(status) || status === 'not-done' || status === 'preparation')) return;
  const codings = codingsOf(resource.code);
  if (!checkKnownSystems(context, codings, 'code', { kind: 'procedure' })) return;
  const performed = resource.performedDateTime ?? (isObject(resource.performedPeriod) ? resource.performedPeriod.start : undefined);
  const date = readDate(context, performed, 'performed[x]', { kind: 'procedure' });
  if (performed !== undefined && date === undefined) return;
  context.facts.procedures.push({ codings, label: labelOf(resource.code, codings), date, source: context.ref });
}

export function readAllergy(resource: Json, context: ReadContext): void {
  const status = verification(resource);
  if (status && REFUTED.has(status)) return;
  const clinical = statusCode(resource.clinicalStatus);
  if (clinical === 'inactive' || clinical === 'resolved') return;
  const codings = codingsOf(resource.code);
  const criticality = asString(resource.criticality);
  context.facts.allergies.push({
    codings,
    label: labelOf(resource.code, codings) || 'allergy',
    criticality: criticality === 'low' || criticality === 'high' || criticality === 'unable-to-assess' ? criticality : undefined,
    source: context.ref,
  });
}
