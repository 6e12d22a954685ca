// FHIR R4 → patient facts. Accepts a Bundle (collection, transaction, batch, searchset, document)
// or NDJSON (one resource per line), as text or parsed JSON. Reads Patient, Condition, Observation,
// AllergyIntolerance, MedicationStatement, MedicationRequest and Procedure; other resource types
// are skipped. A resource that cannot be used yields a problem naming the resource and field;
// reading goes on with the rest, so one bad value never hides the whole record.
import { analyteByLoinc, OBSERVATION_CODES, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { CODE_SYSTEMS, KNOWN_CODE_SYSTEMS } from '../clinical/tables/conditions.ts';
import { qualitativeFromCode, qualitativeFromText, STATE_ANSWERS } from '../clinical/tables/qualitative.ts';
import { parseGrade, scaleByLoinc, type ScaleDefinition } from '../clinical/tables/scales.ts';
import { describePlausibleRange, isPlausible, plausibleRange } from '../clinical/tables/plausibility.ts';
import { isIsoDate } from '../clinical/calendar.ts';
import type { Coding } from '../criteria/rules.ts';
import { emptyFacts, type DataProblem, type PatientFacts, type ProblemScope, type QuantityFact } from './facts.ts';
import { toCanonicalUnit } from './units.ts';
import { echoValue, EligoError } from '../problems.ts';

/** The whole input could not be read as FHIR (not JSON, not a Bundle or resources): unprocessable, naming the field. */
function fhirInputError(field: string, message: string): EligoError {
  return EligoError.of('unprocessable', { code: 'invalid_fhir', field, expected: 'a FHIR R4 Bundle or NDJSON resources', message });
}

export interface ReadOptions {
  /** Screening date: results dated after it are not used (and reported). */
  asOf: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const READ_TYPES = new Set(['Patient', 'Condition', 'Observation', 'AllergyIntolerance', 'MedicationStatement', 'MedicationRequest', 'Procedure']);

/** Splits the input into resources, or throws an unprocessable EligoError when it is not FHIR at all. */
export function fhirResources(input: unknown): Json[] {
  if (typeof input === 'string') return fhirResources(parseText(input));
  if (Array.isArray(input)) {
    return input.map((resource, index) => {
      if (!isObject(resource) || typeof resource.resourceType !== 'string') {
        throw fhirInputError(`line ${index + 1}`, `line ${index + 1}: expected a FHIR resource (a JSON object with "resourceType")`);
      }
      return resource;
    });
  }
  if (!isObject(input)) throw fhirInputError('(root)', 'expected a FHIR Bundle (JSON object with "resourceType": "Bundle") or NDJSON resources');
  if (input.resourceType === 'Bundle') {
    if (input.entry !== undefined && !Array.isArray(input.entry)) throw fhirInputError('Bundle.entry', `Bundle.entry: expected an array of entries, got ${typeof input.entry}`);
    const resources: Json[] = [];
    asArray(input.entry).forEach((entry, index) => {
      if (!isObject(entry) || !isObject(entry.resource) || typeof entry.resource.resourceType !== 'string') {
        throw fhirInputError(`Bundle.entry[${index}].resource`, `Bundle.entry[${index}].resource: expected a FHIR resource with "resourceType"`);
      }
      resources.push(entry.resource);
    });
    return resources;
  }
  if (typeof input.resourceType === 'string') return [input];
  throw fhirInputError('resourceType', `resourceType: expected "Bundle" or a FHIR resource type, got ${JSON.stringify(echoValue(input.resourceType ?? null))}`);
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw fhirInputError('(root)', 'the patient record is empty; expected a FHIR Bundle or NDJSON');
  try {
    return JSON.parse(trimmed);
  } catch {
    // Not one JSON document: NDJSON, one resource a line.
  }
  return trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw fhirInputError(`line ${index + 1}`, `line ${index + 1}: not JSON; expected a FHIR Bundle (JSON) or NDJSON with one resource per line`);
    }
  });
}

/** Reads a FHIR record into patient facts as of a screening date. */
export function patientFactsFromFhir(input: unknown, options: ReadOptions): PatientFacts {
  const facts = emptyFacts();
  const resources = fhirResources(input);
  let patientSeen = false;
  resources.forEach((resource, index) => {
    const type = resource.resourceType as string;
    if (!READ_TYPES.has(type)) return;
    const ref = typeof resource.id === 'string' && resource.id !== '' ? `${type}/${resource.id}` : `${type} #${index + 1}`;
    const context: ReadContext = { facts, ref, asOf: options.asOf };
    switch (type) {
      case 'Patient':
        if (patientSeen) {
          problem(context, '(resource)', 'more than one Patient in the record; the first one is used', { kind: 'record' });
          return;
        }
        patientSeen = true;
        readPatient(resource, context);
        return;
      case 'Observation':
        return readObservation(resource, context);
      case 'Condition':
        return readCondition(resource, context);
      case 'MedicationStatement':
      case 'MedicationRequest':
        return readMedication(resource, context);
      case 'Procedure':
        return readProcedure(resource, context);
      case 'AllergyIntolerance':
        return readAllergy(resource, context);
    }
  });
  if (!patientSeen) facts.problems.push({ resource: 'Patient', field: 'birthDate', message: 'the record has no Patient resource: age and sex are unknown', scope: { kind: 'birthDate' } });
  for (const list of facts.quantities.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const list of facts.qualitative.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const list of facts.scores.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  facts.states.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return facts;
}

interface ReadContext {
  facts: PatientFacts;
  ref: string;
  asOf: string;
  /** Path of a component within the resource ("component[1]."), prefixed to field names. */
  fieldPrefix?: string;
}

function problem(context: ReadContext, field: string, message: string, scope: ProblemScope): void {
  const path = field.startsWith('effective') ? field : `${context.fieldPrefix ?? ''}${field}`;
  const problem: DataProblem = { resource: context.ref, field: path, message: `${context.ref} ${path}: ${message}`, scope };
  context.facts.problems.push(problem);
}

/**
 * FHIR date/dateTime → 'YYYY-MM-DD' (the date as written, without time-zone shifts). Partial dates
 * take their first day ("2025-12" → 2025-12-01). Dates after the screening date are reported and dropped.
 */
function readDate(context: ReadContext, value: unknown, field: string, scope: ProblemScope): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = asString(value);
  const match = text ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text) : null;
  const date = match ? `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}` : undefined;
  if (!date || !isIsoDate(date)) {
    problem(context, field, `${JSON.stringify(value)} is not a FHIR date (expected YYYY-MM-DD or a dateTime)`, scope);
    return undefined;
  }
  if (date > context.asOf) {
    problem(context, field, `${text} is after the screening date ${context.asOf}; the value is not used`, scope);
    return undefined;
  }
  return date;
}

function codingsOf(concept: unknown): Coding[] {
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
function canonicalSystem(system: string): string {
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

function labelOf(concept: unknown, codings: Coding[]): string {
  const text = isObject(concept) ? asString(concept.text) : undefined;
  return text ?? codings.find((coding) => coding.display)?.display ?? codings.map((coding) => coding.code).join(', ');
}

/** Requires at least one coding in a system screening knows; otherwise reports which systems were seen. */
function checkKnownSystems(context: ReadContext, codings: Coding[], field: string, scope: ProblemScope): boolean {
  if (codings.some((coding) => KNOWN_CODE_SYSTEMS.has(coding.system))) return true;
  const seen = codings.length > 0 ? codings.map((coding) => coding.system).join(', ') : 'no coding';
  problem(context, field, `unknown code system (${seen}); expected ICD-10-CM, SNOMED CT, LOINC, RxNorm or ATC`, scope);
  return false;
}

function readPatient(resource: Json, context: ReadContext): void {
  const gender = asString(resource.gender);
  if (gender === 'female' || gender === 'male' || gender === 'other' || gender === 'unknown') context.facts.sex = gender;
  else if (gender !== undefined) problem(context, 'gender', `${JSON.stringify(gender)} is not a FHIR gender (female, male, other, unknown)`, { kind: 'sex' });
  if (resource.birthDate === undefined) {
    problem(context, 'birthDate', 'no birth date: age cannot be computed', { kind: 'birthDate' });
    return;
  }
  const birthDate = readDate(context, resource.birthDate, 'birthDate', { kind: 'birthDate' });
  if (birthDate) context.facts.birthDate = birthDate;
}

const UNUSABLE_STATUS = new Set(['entered-in-error', 'cancelled']);

function readObservation(resource: Json, context: ReadContext): void {
  const status = asString(resource.status);
  if (status && UNUSABLE_STATUS.has(status)) return;
  const codings = codingsOf(resource.code);
  const loinc = loincCodes(codings);
  // Panels (blood pressure 85354-9, …) carry their results as components with codes of their own.
  const components = asArray(resource.component).filter(isObject);
  if (loinc.length === 0 && !components.some((component) => loincCodes(codingsOf(component.code)).length > 0)) {
    checkKnownSystems(context, codings, 'code', { kind: 'observation' });
    return;
  }
  const dateValue = resource.effectiveDateTime ?? (isObject(resource.effectivePeriod) ? resource.effectivePeriod.start : undefined) ?? resource.effectiveInstant ?? resource.issued;
  const dateField = resource.effectiveDateTime !== undefined ? 'effectiveDateTime' : 'effective[x]';
  readObservationValue(resource, loinc, dateValue, dateField, context);
  components.forEach((component, index) => {
    const codes = loincCodes(codingsOf(component.code));
    if (codes.length > 0) readObservationValue(component, codes, dateValue, dateField, { ...context, fieldPrefix: `component[${index}].` });
  });
}

function loincCodes(codings: Coding[]): string[] {
  return codings.filter((coding) => coding.system === CODE_SYSTEMS.loinc).map((coding) => coding.code);
}

/** One result: the observation itself or one of its components (`resource`), dated by the observation. */
function readObservationValue(resource: Json, loinc: string[], dateValue: unknown, dateField: string, context: ReadContext): void {
  for (const code of loinc) {
    const analyte = analyteByLoinc(code);
    if (analyte) {
      const scope: ProblemScope = { kind: 'analyte', analyte: analyte.key };
      if (dateValue === undefined) return problem(context, 'effective[x]', `no date: the ${analyte.label.en} result cannot be placed in a look-back window`, scope);
      const date = readDate(context, dateValue, dateField, scope);
      if (!date) return;
      return analyte.kind === 'quantity' ? readQuantityValue(resource, analyte, date, context) : readQualitativeValue(resource, analyte, date, context);
    }
    const scale = scaleByLoinc(code);
    if (scale) {
      const scope: ProblemScope = { kind: 'scale', scale: scale.id };
      const date = dateValue === undefined ? undefined : readDate(context, dateValue, dateField, scope);
      if (!date) return dateValue === undefined ? problem(context, 'effective[x]', `no date on the ${scale.label.en}`, scope) : undefined;
      const grade = readGrade(resource, scale);
      if (grade === undefined) return problem(context, 'value[x]', `not a ${scale.label.en} grade (expected one of ${scale.grades.join(', ')})`, scope);
      const list = context.facts.scores.get(scale.id) ?? [];
      list.push({ scale: scale.id, grade, date, source: context.ref });
      context.facts.scores.set(scale.id, list);
      return;
    }
    if (code === OBSERVATION_CODES.pregnancyStatus || code === OBSERVATION_CODES.breastfeedingStatus) {
      const state = code === OBSERVATION_CODES.pregnancyStatus ? 'pregnant' : 'lactating';
      const date = dateValue === undefined ? undefined : readDate(context, dateValue, dateField, { kind: 'observation' });
      if (!date) return;
      const answer = readStateAnswer(resource, state);
      if (answer === undefined) return problem(context, 'valueCodeableConcept', `not a recognised ${state === 'pregnant' ? 'pregnancy' : 'breastfeeding'} status (expected SNOMED CT 77386006/60001007 or 413712001, or a boolean)`, { kind: 'observation' });
      context.facts.states.push({ state, present: answer, date, source: context.ref });
      return;
    }
  }
}

function readQuantityValue(resource: Json, analyte: AnalyteDefinition, date: string, context: ReadContext): void {
  const scope: ProblemScope = { kind: 'analyte', analyte: analyte.key };
  const quantity = resource.valueQuantity;
  let value: number | undefined;
  let comparator: QuantityFact['comparator'];
  let unit: string | undefined;
  let recordedValue: number | string | undefined;
  if (isObject(quantity)) {
    if (typeof quantity.value !== 'number' || !Number.isFinite(quantity.value)) return problem(context, 'valueQuantity.value', `expected a number, got ${JSON.stringify(quantity.value ?? null)}`, scope);
    value = quantity.value;
    recordedValue = quantity.value;
    const comp = asString(quantity.comparator);
    if (comp === '<' || comp === '<=' || comp === '>' || comp === '>=') comparator = comp;
    unit = quantity.system === CODE_SYSTEMS.ucum ? asString(quantity.code) ?? asString(quantity.unit) : asString(quantity.unit) ?? asString(quantity.code);
  } else if (typeof resource.valueString === 'string') {
    // "<20 IU/mL", "< 1.0E3", "not detected": reports of values below a detection limit.
    const text = resource.valueString.trim();
    recordedValue = text;
    const parsed = /^([<>]=?)?\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$/.exec(text);
    if (parsed) {
      value = Number(parsed[2]);
      comparator = (parsed[1] as QuantityFact['comparator']) ?? undefined;
      unit = parsed[3] || undefined;
    } else if (qualitativeFromText(text) === 'negative') {
      value = 0;
      comparator = '<=';
      unit = analyte.unit;
    } else {
      return problem(context, 'valueString', `${JSON.stringify(text)} is not a number with a unit`, scope);
    }
  } else if (isObject(resource.valueCodeableConcept)) {
    // A quantitative test reported as "not detected": below the detection limit, whatever it was.
    const result = codingsOf(resource.valueCodeableConcept).map((coding) => qualitativeFromCode(coding.system, coding.code)).find(Boolean);
    if (result !== 'negative') return problem(context, 'valueCodeableConcept', `expected a numeric ${analyte.label.en} (valueQuantity)`, scope);
    value = 0;
    comparator = '<=';
    unit = analyte.unit;
    recordedValue = labelOf(resource.valueCodeableConcept, codingsOf(resource.valueCodeableConcept));
  } else {
    return problem(context, 'value[x]', `no value for ${analyte.label.en}`, scope);
  }
  const effectiveUnit = unit ?? (analyte.unit === '{INR}' || analyte.unit === '1' ? analyte.unit : undefined);
  if (effectiveUnit === undefined) return problem(context, 'valueQuantity.unit', `no unit; expected ${analyte.label.en} in ${analyte.unit}`, scope);
  const converted = toCanonicalUnit(value, effectiveUnit, analyte);
  if (!converted.ok) return problem(context, 'valueQuantity.unit', converted.message, scope);
  const possible = plausibleRange(analyte.key);
  if (possible && !isPlausible(possible, converted.value)) {
    const field = isObject(quantity) ? 'valueQuantity.value' : typeof resource.valueString === 'string' ? 'valueString' : 'value[x]';
    const inCanonical = converted.unit === effectiveUnit ? '' : ` (${converted.value} ${converted.unit})`;
    return problem(context, field, `${recordedValue ?? value} ${effectiveUnit}${inCanonical} is not a possible ${analyte.label.en}: expected ${describePlausibleRange(possible, analyte.unit)}; the value is not used`, scope);
  }
  const fact: QuantityFact = { analyte: analyte.key, value: converted.value, unit: converted.unit, recorded: { value: recordedValue ?? value, unit: effectiveUnit }, date, source: context.ref };
  if (comparator) fact.comparator = comparator;
  const range = readReferenceRange(resource, analyte, effectiveUnit, context);
  if (range) fact.referenceRange = range;
  const list = context.facts.quantities.get(analyte.key) ?? [];
  list.push(fact);
  context.facts.quantities.set(analyte.key, list);
}

function readReferenceRange(resource: Json, analyte: AnalyteDefinition, valueUnit: string, context: ReadContext): QuantityFact['referenceRange'] | undefined {
  const ranges = asArray(resource.referenceRange).filter(isObject);
  // The normal range: one without a type, or typed "normal" (not "therapeutic", "treatment", …).
  const range = ranges.find((candidate) => {
    const type = codingsOf(candidate.type);
    return type.length === 0 || type.some((coding) => coding.code === 'normal');
  });
  if (!range) return undefined;
  const result: NonNullable<QuantityFact['referenceRange']> = {};
  for (const bound of ['low', 'high'] as const) {
    const quantity = range[bound];
    if (!isObject(quantity)) continue;
    if (typeof quantity.value !== 'number') {
      problem(context, `referenceRange.${bound}.value`, `expected a number, got ${JSON.stringify(quantity.value ?? null)}`, { kind: 'analyte', analyte: analyte.key });
      continue;
    }
    const unit = (quantity.system === CODE_SYSTEMS.ucum ? asString(quantity.code) : undefined) ?? asString(quantity.unit) ?? asString(quantity.code) ?? valueUnit;
    const converted = toCanonicalUnit(quantity.value, unit, analyte);
    if (!converted.ok) {
      problem(context, `referenceRange.${bound}.unit`, converted.message, { kind: 'analyte', analyte: analyte.key });
      continue;
    }
    if (bound === 'high' && converted.value <= 0) {
      // A multiple of a zero or negative ULN means nothing; the site's or the default range applies instead.
      problem(context, 'referenceRange.high.value', `${quantity.value} is not a usable upper limit of normal (expected a positive number)`, { kind: 'analyte', analyte: analyte.key });
      continue;
    }
    result[bound] = converted.value;
  }
  const text = asString(range.text);
  if (text) result.text = text;
  return result.low !== undefined || result.high !== undefined ? result : undefined;
}

function readQualitativeValue(resource: Json, analyte: AnalyteDefinition, date: string, context: ReadContext): void {
  const scope: ProblemScope = { kind: 'analyte', analyte: analyte.key };
  let result = undefined as ReturnType<typeof qualitativeFromText>;
  let recorded = '';
  if (isObject(resource.valueCodeableConcept)) {
    const codings = codingsOf(resource.valueCodeableConcept);
    result = codings.map((coding) => qualitativeFromCode(coding.system, coding.code)).find(Boolean) ?? qualitativeFromText(asString(resource.valueCodeableConcept.text));
    recorded = labelOf(resource.valueCodeableConcept, codings);
  } else if (typeof resource.valueString === 'string') {
    result = qualitativeFromText(resource.valueString);
    recorded = resource.valueString;
  } else if (typeof resource.valueBoolean === 'boolean') {
    result = resource.valueBoolean ? 'positive' : 'negative';
    recorded = String(resource.valueBoolean);
  }
  if (!result) {
    // Some labs send only the interpretation (POS/NEG).
    for (const interpretation of asArray(resource.interpretation)) {
      result = codingsOf(interpretation).map((coding) => qualitativeFromCode(coding.system, coding.code)).find(Boolean);
      if (result) {
        recorded = labelOf(interpretation, codingsOf(interpretation));
        break;
      }
    }
  }
  if (!result) return problem(context, 'value[x]', `not a recognised positive/negative result for ${analyte.label.en} (expected SNOMED CT 10828004 Positive or 260385009 Negative)`, scope);
  const list = context.facts.qualitative.get(analyte.key) ?? [];
  list.push({ analyte: analyte.key, result, date, source: context.ref, recorded });
  context.facts.qualitative.set(analyte.key, list);
}

function readGrade(resource: Json, scale: ScaleDefinition): number | undefined {
  if (typeof resource.valueInteger === 'number') return scale.grades.includes(resource.valueInteger) ? resource.valueInteger : undefined;
  if (isObject(resource.valueQuantity) && typeof resource.valueQuantity.value === 'number') {
    return scale.grades.includes(resource.valueQuantity.value) ? resource.valueQuantity.value : undefined;
  }
  if (isObject(resource.valueCodeableConcept)) {
    for (const coding of codingsOf(resource.valueCodeableConcept)) {
      const grade = scale.answers?.[coding.code] ?? (coding.display ? parseGrade(scale, coding.display) : undefined);
      if (grade !== undefined) return grade;
    }
    const text = asString(resource.valueCodeableConcept.text);
    return text ? parseGrade(scale, text) : undefined;
  }
  if (typeof resource.valueString === 'string') return parseGrade(scale, resource.valueString);
  return undefined;
}

function readStateAnswer(resource: Json, state: 'pregnant' | 'lactating'): boolean | undefined {
  if (typeof resource.valueBoolean === 'boolean') return resource.valueBoolean;
  for (const coding of codingsOf(resource.valueCodeableConcept)) {
    const answer = STATE_ANSWERS.find((entry) => entry.state === state && entry.system === coding.system && entry.code === coding.code);
    if (answer) return answer.present;
  }
  return undefined;
}

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

function readCondition(resource: Json, context: ReadContext): void {
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

function readMedication(resource: Json, context: ReadContext): void {
  const status = asString(resource.status);
  if (status && (UNUSABLE_STATUS.has(status) || status === 'not-taken' || status === 'draft')) return;
  if (!isObject(resource.medicationCodeableConcept)) {
    if (resource.medicationReference !== undefined) problem(context, 'medicationReference', 'medications given by reference are not read; use medicationCodeableConcept (RxNorm or ATC)', { kind: 'medication' });
    else problem(context, 'medication[x]', 'no medication code', { kind: 'medication' });
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

function readProcedure(resource: Json, context: ReadContext): void {
  const status = asString(resource.status);
  if (status && (UNUSABLE_STATUS.has(status) || status === 'not-done' || status === 'preparation')) return;
  const codings = codingsOf(resource.code);
  if (!checkKnownSystems(context, codings, 'code', { kind: 'procedure' })) return;
  const performed = resource.performedDateTime ?? (isObject(resource.performedPeriod) ? resource.performedPeriod.start : undefined);
  const date = readDate(context, performed, 'performed[x]', { kind: 'procedure' });
  if (performed !== undefined && date === undefined) return;
  context.facts.procedures.push({ codings, label: labelOf(resource.code, codings), date, source: context.ref });
}

function readAllergy(resource: Json, context: ReadContext): void {
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
