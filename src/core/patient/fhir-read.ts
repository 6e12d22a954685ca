// The shared reading tools of the FHIR reader: the per-resource context, problems that name the
// resource and field, dates, codings and the check that a coding is in a system screening knows.
import { recordProblem, renderRecordProblem, type RecordProblem } from './record-problems.ts';
import { CODE_SYSTEMS, KNOWN_CODE_SYSTEMS } from '../clinical/tables/conditions.ts';
import { isIsoDate } from '../clinical/calendar.ts';
import type { Coding } from '../criteria/rules.ts';
import { type DataProblem, type PatientFacts, type ProblemScope } from './facts.ts';

/** Observations and medication records with these statuses are not facts. */
export const UNUSABLE_STATUS = new Set(['entered-in-error', 'cancelled']);

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export interface ReadContext {
  facts: PatientFacts;
  ref: string;
  asOf: string;
  /** Path of a component within the resource ("component[1]."), prefixed to field names. */
  fieldPrefix?: string;
}

export function problem(context: ReadContext, field: string, detail: RecordProblem, scope: ProblemScope): void {
  const path = field.startsWith('effective') ? field : `${context.fieldPrefix ?? ''}${field}`;
  const problem: DataProblem = { resource: context.ref, field: path, message: `${context.ref} ${path}: ${renderRecordProblem(detail, 'en')}`, detail, scope };
  context.facts.problems.push(problem);
}

/**
 * FHIR date/dateTime → 'YYYY-MM-DD' (the date as written, without time-zone shifts). Partial dates
 * take their first day ("2025-12" → 2025-12-01). Dates after the screening date are reported and dropped.
 */
export function readDate(context: ReadContext, value: unknown, field: string, scope: ProblemScope): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = asString(value);
  const match = text ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text) : null;
  const date = match ? `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}` : undefined;
  if (!date || !isIsoDate(date)) {
    problem(context, field, recordProblem('date.invalid', { value: JSON.stringify(value) }), scope);
    return undefined;
  }
  if (date > context.asOf) {
    problem(context, field, recordProblem('date.afterScreening', { value: text ?? '', asOf: context.asOf }), scope);
    return undefined;
  }
  return date;
}

export function codingsOf(concept: unknown): Coding[] {
  if (!isObject(concept)) return [];
  const codings: Coding[] = [];
  for (const coding of asArray(concept.coding)) {
    if (!isObject(coding)) continue;
    const system = asString(coding.system);
    const code = asString(coding.code);
    if (system && code) codings.push({ system: canonicalSystem(system), code: code.trim(), display: asString(coding.display) });
  }
  return codings;
}

/** ICD-10 (WHO) and ICD-10-CM share the category structure screening matches on; FHIR also sees urn:oid forms. */
export function canonicalSystem(system: string): string {
  switch (system) {
    case 'urn:oid:2.16.840.1.113883.6.90':
      return CODE_SYSTEMS.icd10cm;
    case 'urn:oid:2.16.840.1.113883.6.3':
    case 'http://terminology.hl7.org/CodeSystem/icd10':
      return CODE_SYSTEMS.icd10;
    case 'urn:oid:2.16.840.1.113883.6.96':
      return CODE_SYSTEMS.snomed;
    case 'urn:oid:2.16.840.1.113883.6.1':
      return CODE_SYSTEMS.loinc;
    case 'urn:oid:2.16.840.1.113883.6.88':
      return CODE_SYSTEMS.rxnorm;
    default:
      return system;
  }
}

export function labelOf(concept: unknown, codings: Coding[]): string {
  const text = isObject(concept) ? asString(concept.text) : undefined;
  return text ?? codings.find((coding) => coding.display)?.display ?? codings.map((coding) => coding.code).join(', ');
}

/** Requires at least one coding in a system screening knows; otherwise reports which systems were seen. */
export function checkKnownSystems(context: ReadContext, codings: Coding[], field: string, scope: ProblemScope): boolean {
  if (codings.some((coding) => KNOWN_CODE_SYSTEMS.has(coding.system))) return true;
  problem(context, field, recordProblem('coding.unknownSystem', { seen: codings.map((coding) => coding.system) }), scope);
  return false;
}