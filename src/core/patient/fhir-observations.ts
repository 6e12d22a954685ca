// FHIR Observations → quantities, qualitative results, scale grades and pregnancy/lactation states.
import { recordProblem, type RecordProblem } from './record-problems.ts';
import { analyteByLoinc, OBSERVATION_CODES, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { CODE_SYSTEMS } from '../clinical/tables/conditions.ts';
import { qualitativeFromCode, qualitativeFromText, STATE_ANSWERS } from '../clinical/tables/qualitative.ts';
import { parseGrade, scaleByLoinc, type ScaleDefinition } from '../clinical/tables/scales.ts';
import { isPlausible, plausibleRange } from '../clinical/tables/plausibility.ts';
import type { Coding } from '../criteria/rules.ts';
import { type ProblemScope, type QuantityFact } from './facts.ts';
import { toCanonicalUnit } from './units.ts';
import { asArray, asString, checkKnownSystems, codingsOf, isObject, labelOf, problem, UNUSABLE_STATUS, readDate, type Json, type ReadContext } from './fhir-read.ts';

export function readObservation(resource: Json, context: ReadContext): void {
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
      if (dateValue === undefined) return problem(context, 'effective[x]', recordProblem('observation.noDate', { label: analyte.label }), scope);
      const date = readDate(context, dateValue, dateField, scope);
      if (!date) return;
      return analyte.kind === 'quantity' ? readQuantityValue(resource, analyte, date, context) : readQualitativeValue(resource, analyte, date, context);
    }
    const scale = scaleByLoinc(code);
    if (scale) {
      const scope: ProblemScope = { kind: 'scale', scale: scale.id };
      const date = dateValue === undefined ? undefined : readDate(context, dateValue, dateField, scope);
      if (!date) return dateValue === undefined ? problem(context, 'effective[x]', recordProblem('score.noDate', { scale: scale.label }), scope) : undefined;
      const grade = readGrade(resource, scale);
      if (grade === undefined) return problem(context, 'value[x]', recordProblem('score.notAGrade', { scale: scale.label, grades: [...scale.grades].map(String) }), scope);
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
      if (answer === undefined) return problem(context, 'valueCodeableConcept', recordProblem('state.unknownAnswer', { state }), { kind: 'observation' });
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
    if (typeof quantity.value !== 'number' || !Number.isFinite(quantity.value)) return problem(context, 'valueQuantity.value', recordProblem('value.notANumber', { value: JSON.stringify(quantity.value ?? null) }), scope);
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
      return problem(context, 'valueString', recordProblem('value.notNumberWithUnit', { value: JSON.stringify(text) }), scope);
    }
  } else if (isObject(resource.valueCodeableConcept)) {
    // A quantitative test reported as "not detected": below the detection limit, whatever it was.
    const result = codingsOf(resource.valueCodeableConcept).map((coding) => qualitativeFromCode(coding.system, coding.code)).find(Boolean);
    if (result !== 'negative') return problem(context, 'valueCodeableConcept', recordProblem('value.expectedQuantity', { label: analyte.label }), scope);
    value = 0;
    comparator = '<=';
    unit = analyte.unit;
    recordedValue = labelOf(resource.valueCodeableConcept, codingsOf(resource.valueCodeableConcept));
  } else {
    return problem(context, 'value[x]', recordProblem('value.missing', { label: analyte.label }), scope);
  }
  const effectiveUnit = unit ?? (analyte.unit === '{INR}' || analyte.unit === '1' ? analyte.unit : undefined);
  if (effectiveUnit === undefined) return problem(context, 'valueQuantity.unit', recordProblem('unit.missing', { label: analyte.label, unit: String(analyte.unit) }), scope);
  const converted = toCanonicalUnit(value, effectiveUnit, analyte);
  if (!converted.ok) return problem(context, 'valueQuantity.unit', unitProblem(converted, effectiveUnit, analyte), scope);
  const possible = plausibleRange(analyte.key);
  if (possible && !isPlausible(possible, converted.value)) {
    const field = isObject(quantity) ? 'valueQuantity.value' : typeof resource.valueString === 'string' ? 'valueString' : 'value[x]';
    const inCanonical = converted.unit === effectiveUnit ? '' : ` (${converted.value} ${converted.unit})`;
    return problem(context, field, recordProblem('value.implausible', { value: `${recordedValue ?? value}`, unit: `${effectiveUnit}${inCanonical}`, label: analyte.label, min: possible.min, max: possible.max, expectedUnit: analyte.unit ?? '1' }), scope);
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
      problem(context, `referenceRange.${bound}.value`, recordProblem('value.notANumber', { value: JSON.stringify(quantity.value ?? null) }), { kind: 'analyte', analyte: analyte.key });
      continue;
    }
    const unit = (quantity.system === CODE_SYSTEMS.ucum ? asString(quantity.code) : undefined) ?? asString(quantity.unit) ?? asString(quantity.code) ?? valueUnit;
    const converted = toCanonicalUnit(quantity.value, unit, analyte);
    if (!converted.ok) {
      problem(context, `referenceRange.${bound}.unit`, unitProblem(converted, unit, analyte), { kind: 'analyte', analyte: analyte.key });
      continue;
    }
    if (bound === 'high' && converted.value <= 0) {
      // A multiple of a zero or negative ULN means nothing; the site's or the default range applies instead.
      problem(context, 'referenceRange.high.value', recordProblem('range.badUpperLimit', { value: Number(quantity.value) }), { kind: 'analyte', analyte: analyte.key });
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
  if (!result) return problem(context, 'value[x]', recordProblem('result.unrecognised', { label: analyte.label }), scope);
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

/** A unit the reader could not use: not UCUM, or not convertible to the analyte's unit. */
function unitProblem(conversion: { problem: 'unknown-unit' | 'incompatible-unit' }, unit: string, analyte: AnalyteDefinition): RecordProblem {
  const params = { unit, label: analyte.label, expected: analyte.unit ?? '1' };
  return conversion.problem === 'unknown-unit' ? recordProblem('unit.unknown', params) : recordProblem('unit.incompatible', params);
}
