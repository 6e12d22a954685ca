// A patient entered by hand — the web form and POST /api/trials/{nctId}/screen/form take the same
// record — validated by one schema and turned by one builder into a FHIR R4 Bundle, so hand-entered
// and exported records go through the one reader and evaluator. Coded with the standard codes
// screening reads (LOINC, UCUM, ICD-10-CM / SNOMED CT, RxNorm / ATC), each concept also carrying
// Eligo's concept code so a concept without a standard code of its own is still recognised. Codes
// come from the clinical tables; nothing is listed here. Pure: ids are positions in the record.
import { z } from 'zod';
import { analyteByKey, OBSERVATION_CODES, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { CODE_SYSTEMS, conceptById, type ConceptDefinition } from '../clinical/tables/conditions.ts';
import { describePlausibleRange, isPlausible, plausibleRange } from '../clinical/tables/plausibility.ts';
import { QUALITATIVE_CODES, STATE_ANSWERS } from '../clinical/tables/qualitative.ts';
import { scaleById } from '../clinical/tables/scales.ts';
import { isIsoDate } from '../clinical/calendar.ts';
import { SCALES, type Coding } from '../criteria/rules.ts';
import { toCanonicalUnit } from './units.ts';

const date = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

const conceptOf = (domain: string) => z.string().refine((id) => conceptById(id)?.domain === domain, { message: `expected a ${domain} concept id from Eligo's clinical tables` });

const quantityAnalyte = z.string().refine((key) => analyteByKey(key)?.kind === 'quantity', 'expected a quantitative analyte key (e.g. bilirubin.total, lvef)');

/** A number given in `unit` for the analyte, checked against the analyte's possible values (plausibility.ts). */
function checkPossible(analyte: AnalyteDefinition, value: number, unit: string, path: string, ctx: z.RefinementCtx): void {
  const converted = toCanonicalUnit(value, unit, analyte);
  if (!converted.ok) return; // the unit's own issue is reported once, on `unit`
  const possible = plausibleRange(analyte.key);
  if (possible && !isPlausible(possible, converted.value)) {
    const inCanonical = converted.unit === unit ? '' : ` (${value} ${unit} = ${converted.value} ${converted.unit})`;
    ctx.addIssue({ code: 'custom', path: [path], message: `expected a possible ${analyte.label.en}: ${describePlausibleRange(possible, analyte.unit)}${inCanonical}` });
  }
}

const resultSchema = z
  .object({
    analyte: quantityAnalyte,
    value: z.number().finite(),
    unit: z.string().min(1).optional().describe("UCUM unit; the analyte's canonical unit when omitted"),
    date,
    uln: z.number().finite().positive('expected a positive upper limit of normal').optional().describe("The lab's upper limit of normal, in `unit`"),
    lln: z.number().finite().nonnegative('expected a lower limit of normal of 0 or more').optional().describe("The lab's lower limit of normal, in `unit`, below `uln`"),
  })
  .superRefine((result, ctx) => {
    const analyte = analyteByKey(result.analyte);
    if (analyte?.kind !== 'quantity') return;
    const unit = result.unit ?? analyte.unit!;
    const converted = toCanonicalUnit(result.value, unit, analyte);
    if (!converted.ok) return ctx.addIssue({ code: 'custom', path: ['unit'], message: converted.message });
    checkPossible(analyte, result.value, unit, 'value', ctx);
    if (result.uln !== undefined) checkPossible(analyte, result.uln, unit, 'uln', ctx);
    if (result.lln !== undefined && result.uln !== undefined && result.lln >= result.uln) ctx.addIssue({ code: 'custom', path: ['lln'], message: `expected a lower limit of normal below the upper limit ${result.uln}` });
  });

const conditionSchema = z
  .object({
    concept: conceptOf('condition'),
    onset: date.optional(),
    resolved: date.optional().describe('The date it resolved; a resolved condition is not active'),
    active: z.boolean().optional().describe('Whether the condition is current; default true, or false when `resolved` is given'),
  })
  .superRefine((condition, ctx) => {
    if (condition.active === true && condition.resolved !== undefined) ctx.addIssue({ code: 'custom', path: ['active'], message: `expected false (or no "active") for a condition resolved on ${condition.resolved}` });
  });

const scoreSchema = z.object({ scale: z.enum(SCALES), grade: z.number().int().nonnegative(), date }).superRefine((score, ctx) => {
  const scale = scaleById(score.scale);
  if (scale.loinc.length === 0) ctx.addIssue({ code: 'custom', path: ['scale'], message: `${scale.id} has no LOINC code to record it with` });
  else if (!scale.grades.includes(score.grade)) ctx.addIssue({ code: 'custom', path: ['grade'], message: `expected a ${scale.id} grade: ${scale.grades.join(', ')}` });
});

export const manualRecordSchema = z.object({
  sex: z.enum(['female', 'male']).optional(),
  birthDate: date.optional(),
  conditions: z.array(conditionSchema).default([]),
  /** Quantitative results (laboratory, vital signs, imaging). */
  results: z.array(resultSchema).default([]),
  /** Qualitative tests. */
  tests: z.array(z.object({ analyte: z.string().refine((key) => analyteByKey(key)?.kind === 'qualitative', 'expected a qualitative test key (e.g. hbsag, hiv)'), result: z.enum(['positive', 'negative']), date })).default([]),
  scores: z.array(scoreSchema).default([]),
  pregnancy: z.object({ pregnant: z.boolean(), date }).optional(),
  breastfeeding: z.object({ breastfeeding: z.boolean(), date }).optional(),
  medications: z.array(z.object({ concept: conceptOf('medication'), since: date.optional() })).default([]),
  procedures: z.array(z.object({ concept: conceptOf('procedure'), date: date.optional() })).default([]),
  allergies: z.array(z.object({ substance: z.string().min(1).max(200).optional().describe('Free text'), severe: z.boolean().describe('true: FHIR criticality high; false: low') })).default([]),
});
/** The record as sent (the lists may be left out). */
export type ManualRecord = z.input<typeof manualRecordSchema>;
/** The record once validated (every list present). */
export type ManualRecordParsed = z.output<typeof manualRecordSchema>;

type Resource = Record<string, unknown> & { resourceType: string; id: string };
export interface ManualBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: Array<{ resource: Resource }>;
}

const PATIENT_ID = 'entered-patient';
const SUBJECT = { reference: `Patient/${PATIENT_ID}` };
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';

/**
 * The codes a record of the concept carries: its standard codes that name one real code (exact codes,
 * and ICD-10-CM prefixes that are complete codes such as D61.9 — not chapters such as "C"), one per
 * system, and the Eligo concept code.
 */
export function conceptCodings(concept: ConceptDefinition): Coding[] {
  const bySystem = new Map<string, Coding>();
  for (const coding of concept.codes) {
    if (coding.system === CODE_SYSTEMS.eligo || bySystem.has(coding.system)) continue;
    if (coding.prefix && !isCompleteIcd10Code(coding)) continue;
    bySystem.set(coding.system, { system: coding.system, code: coding.code });
  }
  return [...bySystem.values(), { system: CODE_SYSTEMS.eligo, code: concept.id }];
}

function isCompleteIcd10Code(coding: Coding): boolean {
  if (coding.system !== CODE_SYSTEMS.icd10cm && coding.system !== CODE_SYSTEMS.icd10) return true;
  return /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/.test(coding.code);
}

function codeableConcept(id: string) {
  const concept = conceptById(id)!;
  return { coding: conceptCodings(concept).map((coding) => ({ ...coding, display: concept.label.en })), text: concept.label.en };
}

const loincCode = (code: string, display: string) => ({ coding: [{ system: CODE_SYSTEMS.loinc, code, display }], text: display });
const quantity = (value: number, unit: string) => ({ value, unit, system: CODE_SYSTEMS.ucum, code: unit });
const status = (system: string, code: string) => ({ coding: [{ system, code }] });

/** The table's code for a state answer: SNOMED CT where it has one, else the LOINC answer. */
function stateAnswer(state: 'pregnant' | 'lactating', present: boolean) {
  const answers = STATE_ANSWERS.filter((candidate) => candidate.state === state && candidate.present === present);
  const answer = answers.find((candidate) => candidate.system === CODE_SYSTEMS.snomed) ?? answers[0];
  return { coding: [{ system: answer.system, code: answer.code }] };
}

/** Validates a hand-entered record (throws a ZodError naming each bad field) and returns it as a FHIR Bundle. */
export function bundleFromManualRecord(input: unknown): ManualBundle {
  const record = manualRecordSchema.parse(input);
  const resources: Resource[] = [];
  const observation = (id: string, code: { coding: unknown[]; text: string }, effectiveDateTime: string, value: Record<string, unknown>): Resource => ({ resourceType: 'Observation', id, status: 'final', subject: SUBJECT, code, effectiveDateTime, ...value });

  const patient: Resource = { resourceType: 'Patient', id: PATIENT_ID };
  if (record.sex) patient.gender = record.sex;
  if (record.birthDate) patient.birthDate = record.birthDate;
  resources.push(patient);

  record.conditions.forEach((entry, index) => {
    const active = entry.active ?? entry.resolved === undefined;
    resources.push({
      resourceType: 'Condition', id: `condition-${index + 1}`, subject: SUBJECT,
      clinicalStatus: status(CONDITION_CLINICAL, active ? 'active' : 'resolved'),
      verificationStatus: status(CONDITION_VERIFICATION, 'confirmed'),
      code: codeableConcept(entry.concept),
      ...(entry.onset ? { onsetDateTime: entry.onset } : {}),
      ...(entry.resolved ? { abatementDateTime: entry.resolved } : {}),
    });
  });

  record.results.forEach((entry, index) => {
    const analyte = analyteByKey(entry.analyte)!;
    const unit = entry.unit ?? analyte.unit!;
    const resource = observation(`result-${index + 1}`, loincCode(analyte.loinc[0], analyte.label.en), entry.date, { valueQuantity: quantity(entry.value, unit) });
    if (entry.uln !== undefined || entry.lln !== undefined) {
      resource.referenceRange = [{ ...(entry.lln !== undefined ? { low: quantity(entry.lln, unit) } : {}), ...(entry.uln !== undefined ? { high: quantity(entry.uln, unit) } : {}) }];
    }
    resources.push(resource);
  });

  record.tests.forEach((entry, index) => {
    const analyte = analyteByKey(entry.analyte)!;
    const answer = QUALITATIVE_CODES.find((code) => code.system === CODE_SYSTEMS.snomed && code.result === entry.result)!;
    resources.push(observation(`test-${index + 1}`, loincCode(analyte.loinc[0], analyte.label.en), entry.date, { valueCodeableConcept: { coding: [{ system: answer.system, code: answer.code }], text: entry.result } }));
  });

  record.scores.forEach((entry, index) => {
    const scale = scaleById(entry.scale);
    resources.push(observation(`score-${index + 1}`, loincCode(scale.loinc[0], scale.label.en), entry.date, { valueInteger: entry.grade }));
  });

  if (record.pregnancy) {
    resources.push(observation('pregnancy-status', loincCode(OBSERVATION_CODES.pregnancyStatus, 'Pregnancy status'), record.pregnancy.date, { valueCodeableConcept: stateAnswer('pregnant', record.pregnancy.pregnant) }));
  }
  if (record.breastfeeding) {
    resources.push(observation('breastfeeding-status', loincCode(OBSERVATION_CODES.breastfeedingStatus, 'Breastfeeding status'), record.breastfeeding.date, { valueCodeableConcept: stateAnswer('lactating', record.breastfeeding.breastfeeding) }));
  }

  record.medications.forEach((entry, index) => {
    resources.push({ resourceType: 'MedicationStatement', id: `medication-${index + 1}`, status: 'active', subject: SUBJECT, medicationCodeableConcept: codeableConcept(entry.concept), ...(entry.since ? { effectiveDateTime: entry.since } : {}) });
  });
  record.procedures.forEach((entry, index) => {
    resources.push({ resourceType: 'Procedure', id: `procedure-${index + 1}`, status: 'completed', subject: SUBJECT, code: codeableConcept(entry.concept), ...(entry.date ? { performedDateTime: entry.date } : {}) });
  });
  record.allergies.forEach((entry, index) => {
    resources.push({
      resourceType: 'AllergyIntolerance', id: `allergy-${index + 1}`, patient: SUBJECT,
      clinicalStatus: status(ALLERGY_CLINICAL, 'active'),
      criticality: entry.severe ? 'high' : 'low',
      ...(entry.substance ? { code: { text: entry.substance } } : {}),
    });
  });

  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}
