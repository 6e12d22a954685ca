// A patient entered by hand → a FHIR R4 Bundle with the standard codes screening reads: LOINC for
// observations, UCUM units, ICD-10-CM / SNOMED CT for diagnoses and procedures, RxNorm / ATC for
// medicines — each also carrying Eligo's concept code, so a concept without a standard code of its
// own (e.g. immune-related pancytopenia) is still recognised. Codes come from the clinical tables;
// nothing is listed here. Pure: the ids are positions in the form, not patient identifiers.
import { analyteByKey, OBSERVATION_CODES } from '../../core/clinical/tables/analytes.ts';
import { CODE_SYSTEMS, conceptById, type ConceptDefinition } from '../../core/clinical/tables/conditions.ts';
import { QUALITATIVE_CODES, STATE_ANSWERS, type QualitativeResult } from '../../core/clinical/tables/qualitative.ts';
import { scaleById } from '../../core/clinical/tables/scales.ts';
import type { Coding } from '../../core/criteria/rules.ts';
import type { ScaleId } from './rule-needs.ts';

export interface HandEnteredPatient {
  birthDate?: string;
  sex?: 'female' | 'male';
  conditions: Array<{ concept: string; onset?: string; active: boolean }>;
  measurements: Array<{ analyte: string; value: number; unit: string; date: string; upperLimit?: number; lowerLimit?: number }>;
  tests: Array<{ analyte: string; result: QualitativeResult; date: string }>;
  scores: Array<{ scale: ScaleId; grade: number; date: string }>;
  pregnancy?: { pregnant: boolean; date: string };
  lactating?: { lactating: boolean; date: string };
  medications: Array<{ concept: string }>;
  procedures: Array<{ concept: string; date?: string }>;
  allergies: Array<{ criticality: 'high' | 'low' }>;
}

type Resource = Record<string, unknown> & { resourceType: string; id: string };

const PATIENT_ID = 'entered-patient';
const SUBJECT = { reference: `Patient/${PATIENT_ID}` };

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

function codeableConcept(concept: ConceptDefinition) {
  return { coding: conceptCodings(concept).map((coding) => ({ ...coding, display: concept.label.en })), text: concept.label.en };
}

function requireConcept(id: string): ConceptDefinition {
  const concept = conceptById(id);
  if (!concept) throw new RangeError(`unknown concept ${JSON.stringify(id)}`);
  return concept;
}

function loincCode(code: string, display: string) {
  return { coding: [{ system: CODE_SYSTEMS.loinc, code, display }], text: display };
}

function quantity(value: number, unit: string) {
  return { value, unit, system: CODE_SYSTEMS.ucum, code: unit };
}

/** Builds the Bundle; throws RangeError for an analyte, concept or scale the tables do not know (a programming error). */
export function patientBundle(patient: HandEnteredPatient): { resourceType: 'Bundle'; type: 'collection'; entry: Array<{ resource: Resource }> } {
  const resources: Resource[] = [];
  const patientResource: Resource = { resourceType: 'Patient', id: PATIENT_ID };
  if (patient.sex) patientResource.gender = patient.sex;
  if (patient.birthDate) patientResource.birthDate = patient.birthDate;
  resources.push(patientResource);

  patient.conditions.forEach((entry, index) => {
    const concept = requireConcept(entry.concept);
    const condition: Resource = {
      resourceType: 'Condition',
      id: `condition-${index + 1}`,
      subject: SUBJECT,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: entry.active ? 'active' : 'resolved' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      code: codeableConcept(concept),
    };
    if (entry.onset) condition.onsetDateTime = entry.onset;
    resources.push(condition);
  });

  patient.measurements.forEach((entry, index) => {
    const analyte = analyteByKey(entry.analyte);
    if (!analyte || analyte.kind !== 'quantity') throw new RangeError(`unknown measurement ${JSON.stringify(entry.analyte)}`);
    const observation: Resource = {
      resourceType: 'Observation',
      id: `measurement-${index + 1}`,
      status: 'final',
      subject: SUBJECT,
      code: loincCode(analyte.loinc[0], analyte.label.en),
      effectiveDateTime: entry.date,
      valueQuantity: quantity(entry.value, entry.unit),
    };
    if (entry.upperLimit !== undefined || entry.lowerLimit !== undefined) {
      const range: Record<string, unknown> = {};
      if (entry.lowerLimit !== undefined) range.low = quantity(entry.lowerLimit, entry.unit);
      if (entry.upperLimit !== undefined) range.high = quantity(entry.upperLimit, entry.unit);
      observation.referenceRange = [range];
    }
    resources.push(observation);
  });

  patient.tests.forEach((entry, index) => {
    const analyte = analyteByKey(entry.analyte);
    if (!analyte || analyte.kind !== 'qualitative') throw new RangeError(`unknown test ${JSON.stringify(entry.analyte)}`);
    const answer = QUALITATIVE_CODES.find((code) => code.system === CODE_SYSTEMS.snomed && code.result === entry.result);
    if (!answer) throw new RangeError(`no SNOMED CT code for a ${entry.result} result`);
    resources.push({
      resourceType: 'Observation',
      id: `test-${index + 1}`,
      status: 'final',
      subject: SUBJECT,
      code: loincCode(analyte.loinc[0], analyte.label.en),
      effectiveDateTime: entry.date,
      valueCodeableConcept: { coding: [{ system: answer.system, code: answer.code }], text: entry.result },
    });
  });

  patient.scores.forEach((entry, index) => {
    const scale = scaleById(entry.scale);
    if (scale.loinc.length === 0) throw new RangeError(`scale ${entry.scale} has no LOINC code`);
    resources.push({
      resourceType: 'Observation',
      id: `score-${index + 1}`,
      status: 'final',
      subject: SUBJECT,
      code: loincCode(scale.loinc[0], scale.label.en),
      effectiveDateTime: entry.date,
      valueInteger: entry.grade,
    });
  });

  const stateObservation = (id: string, code: string, state: 'pregnant' | 'lactating', present: boolean, date: string): Resource => {
    const answer = STATE_ANSWERS.find((candidate) => candidate.state === state && candidate.present === present && candidate.system === CODE_SYSTEMS.snomed)
      ?? STATE_ANSWERS.find((candidate) => candidate.state === state && candidate.present === present);
    if (!answer) throw new RangeError(`no code for ${state} = ${present}`);
    return {
      resourceType: 'Observation', id, status: 'final', subject: SUBJECT,
      code: loincCode(code, state === 'pregnant' ? 'Pregnancy status' : 'Breastfeeding status'),
      effectiveDateTime: date,
      valueCodeableConcept: { coding: [{ system: answer.system, code: answer.code }] },
    };
  };
  if (patient.pregnancy) resources.push(stateObservation('pregnancy-status', OBSERVATION_CODES.pregnancyStatus, 'pregnant', patient.pregnancy.pregnant, patient.pregnancy.date));
  if (patient.lactating) resources.push(stateObservation('breastfeeding-status', OBSERVATION_CODES.breastfeedingStatus, 'lactating', patient.lactating.lactating, patient.lactating.date));

  patient.medications.forEach((entry, index) => {
    resources.push({ resourceType: 'MedicationStatement', id: `medication-${index + 1}`, status: 'active', subject: SUBJECT, medicationCodeableConcept: codeableConcept(requireConcept(entry.concept)) });
  });
  patient.procedures.forEach((entry, index) => {
    const procedure: Resource = { resourceType: 'Procedure', id: `procedure-${index + 1}`, status: 'completed', subject: SUBJECT, code: codeableConcept(requireConcept(entry.concept)) };
    if (entry.date) procedure.performedDateTime = entry.date;
    resources.push(procedure);
  });
  patient.allergies.forEach((entry, index) => {
    resources.push({
      resourceType: 'AllergyIntolerance', id: `allergy-${index + 1}`, patient: SUBJECT, criticality: entry.criticality,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    });
  });

  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}
