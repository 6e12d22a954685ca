// A patient entered by hand (the web form "enter a patient"), validated and turned into a FHIR R4
// Bundle, so that hand-entered and exported records go through the one reader and evaluator.
// Coded with Eligo's own concept codes and the analytes' LOINC codes; nothing here is stored.
import { z } from 'zod';
import { analyteByKey, OBSERVATION_CODES } from '../clinical/tables/analytes.ts';
import { QUALITATIVE_CODES, STATE_ANSWERS } from '../clinical/tables/qualitative.ts';
import { CODE_SYSTEMS, conceptById } from '../clinical/tables/conditions.ts';
import { SCALES_TABLE } from '../clinical/tables/scales.ts';
import { isIsoDate } from '../clinical/calendar.ts';
import { SCALES } from '../criteria/rules.ts';

const date = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

const conceptOf = (domain: string) => z.string().refine((id) => conceptById(id)?.domain === domain, { message: `expected a ${domain} concept id from Eligo's clinical tables` });

export const manualRecordSchema = z.object({
  sex: z.enum(['female', 'male']).optional(),
  birthDate: date.optional(),
  conditions: z.array(z.object({ concept: conceptOf('condition'), onset: date.optional(), resolved: date.optional() })).default([]),
  results: z
    .array(
      z.object({
        analyte: z.string().refine((key) => analyteByKey(key)?.kind === 'quantity', 'expected a quantitative analyte key (e.g. bilirubin.total, lvef)'),
        value: z.number().finite(),
        unit: z.string().min(1).optional(),
        date,
        uln: z.number().finite().optional(),
        lln: z.number().finite().optional(),
      }),
    )
    .default([]),
  tests: z.array(z.object({ analyte: z.string().refine((key) => analyteByKey(key)?.kind === 'qualitative', 'expected a qualitative test key (e.g. hbsag, hiv)'), result: z.enum(['positive', 'negative']), date })).default([]),
  scores: z
    .array(
      z.object({ scale: z.enum(SCALES), grade: z.number().int().nonnegative(), date }).superRefine((score, ctx) => {
        const scale = SCALES_TABLE.find((entry) => entry.id === score.scale)!;
        if (scale.loinc.length === 0) ctx.addIssue({ code: 'custom', path: ['scale'], message: `${scale.id} has no LOINC code to record it with` });
        else if (!scale.grades.includes(score.grade)) ctx.addIssue({ code: 'custom', path: ['grade'], message: `expected a ${scale.id} grade: ${scale.grades.join(', ')}` });
      }),
    )
    .default([]),
  pregnancy: z.object({ pregnant: z.boolean(), date }).optional(),
  breastfeeding: z.object({ breastfeeding: z.boolean(), date }).optional(),
  medications: z.array(z.object({ concept: conceptOf('medication'), since: date.optional() })).default([]),
  procedures: z.array(z.object({ concept: conceptOf('procedure'), date: date.optional() })).default([]),
  allergies: z.array(z.object({ substance: z.string().min(1).max(200), severe: z.boolean() })).default([]),
});
export type ManualRecord = z.input<typeof manualRecordSchema>;

type Resource = Record<string, unknown> & { resourceType: string };

const ucumQuantity = (value: number, unit: string) => ({ value, unit, system: CODE_SYSTEMS.ucum, code: unit });
const loincCode = (code: string) => ({ coding: [{ system: CODE_SYSTEMS.loinc, code }] });
const eligoCode = (id: string) => ({ coding: [{ system: CODE_SYSTEMS.eligo, code: id, display: conceptById(id)?.label.en ?? id }] });
/** The table's SNOMED CT code for a qualitative result or a pregnancy state (one source for every code). */
const snomedResult = (result: 'positive' | 'negative') => QUALITATIVE_CODES.find((entry) => entry.system === CODE_SYSTEMS.snomed && entry.result === result)!.code;
const snomedPregnancy = (present: boolean) => STATE_ANSWERS.find((entry) => entry.system === CODE_SYSTEMS.snomed && entry.state === 'pregnant' && entry.present === present)!.code;
const RESULT_DISPLAY = { positive: 'Positive', negative: 'Negative' } as const;

/** Validates a hand-entered record (throws a ZodError naming each bad field) and returns it as a FHIR Bundle. */
export function bundleFromManualRecord(input: unknown): { resourceType: 'Bundle'; type: 'collection'; entry: Array<{ resource: Resource }> } {
  const record = manualRecordSchema.parse(input);
  const resources: Resource[] = [];
  const patient: Resource = { resourceType: 'Patient', id: 'manual' };
  if (record.sex) patient.gender = record.sex;
  if (record.birthDate) patient.birthDate = record.birthDate;
  resources.push(patient);
  record.conditions.forEach((condition, index) => {
    const resource: Resource = {
      resourceType: 'Condition', id: `condition-${index + 1}`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: condition.resolved ? 'resolved' : 'active' }] },
      code: eligoCode(condition.concept),
    };
    if (condition.onset) resource.onsetDateTime = condition.onset;
    if (condition.resolved) resource.abatementDateTime = condition.resolved;
    resources.push(resource);
  });
  record.results.forEach((result, index) => {
    const analyte = analyteByKey(result.analyte)!;
    const unit = result.unit ?? analyte.unit!;
    const resource: Resource = { resourceType: 'Observation', id: `result-${index + 1}`, status: 'final', code: loincCode(analyte.loinc[0]), effectiveDateTime: result.date, valueQuantity: ucumQuantity(result.value, unit) };
    if (result.uln !== undefined || result.lln !== undefined) {
      resource.referenceRange = [{ ...(result.lln !== undefined ? { low: ucumQuantity(result.lln, unit) } : {}), ...(result.uln !== undefined ? { high: ucumQuantity(result.uln, unit) } : {}) }];
    }
    resources.push(resource);
  });
  record.tests.forEach((test, index) => {
    const analyte = analyteByKey(test.analyte)!;
    resources.push({ resourceType: 'Observation', id: `test-${index + 1}`, status: 'final', code: loincCode(analyte.loinc[0]), effectiveDateTime: test.date, valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.snomed, code: snomedResult(test.result), display: RESULT_DISPLAY[test.result] }] } });
  });
  record.scores.forEach((score, index) => {
    const scale = SCALES_TABLE.find((entry) => entry.id === score.scale)!;
    resources.push({ resourceType: 'Observation', id: `score-${index + 1}`, status: 'final', code: loincCode(scale.loinc[0]), effectiveDateTime: score.date, valueInteger: score.grade });
  });
  if (record.pregnancy) {
    resources.push({ resourceType: 'Observation', id: 'pregnancy', status: 'final', code: loincCode(OBSERVATION_CODES.pregnancyStatus), effectiveDateTime: record.pregnancy.date, valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.snomed, code: snomedPregnancy(record.pregnancy.pregnant) }] } });
  }
  if (record.breastfeeding) {
    resources.push({ resourceType: 'Observation', id: 'breastfeeding', status: 'final', code: loincCode(OBSERVATION_CODES.breastfeedingStatus), effectiveDateTime: record.breastfeeding.date, valueBoolean: record.breastfeeding.breastfeeding });
  }
  record.medications.forEach((medication, index) => {
    resources.push({ resourceType: 'MedicationStatement', id: `medication-${index + 1}`, status: 'active', medicationCodeableConcept: eligoCode(medication.concept), ...(medication.since ? { effectiveDateTime: medication.since } : {}) });
  });
  record.procedures.forEach((procedure, index) => {
    resources.push({ resourceType: 'Procedure', id: `procedure-${index + 1}`, status: 'completed', code: eligoCode(procedure.concept), ...(procedure.date ? { performedDateTime: procedure.date } : {}) });
  });
  record.allergies.forEach((allergy, index) => {
    resources.push({ resourceType: 'AllergyIntolerance', id: `allergy-${index + 1}`, criticality: allergy.severe ? 'high' : 'low', code: { text: allergy.substance } });
  });
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}
