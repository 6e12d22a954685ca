// The hand-entry form's state (strings, as typed) and its conversion to the hand-entered record that
// core/patient/manual.ts validates and builds — the same record POST …/screen/form takes — with a
// problem per field that is filled wrongly. Rows left blank are not part of the record. Pure.
import type { ZodError } from 'zod';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { analyteByKey } from '../../core/clinical/tables/analytes.ts';
import { plausibleRange } from '../../core/clinical/tables/plausibility.ts';
import type { QualitativeResult } from '../../core/clinical/tables/qualitative.ts';
import type { ManualBundle, ManualRecordParsed } from '../../core/patient/manual.ts';
import type { RuleNeeds, ScaleId } from './rule-needs.ts';
import { unitOptions } from './unit-options.ts';

export interface PatientFormState {
  birthDate: string;
  sex: '' | 'female' | 'male';
  /** Date of the results below when a row gives none. */
  resultsDate: string;
  conditions: Record<string, { present: boolean; onset: string; active: boolean }>;
  measurements: Record<string, { value: string; unit: string; date: string; upperLimit: string; lowerLimit: string }>;
  tests: Record<string, { result: '' | QualitativeResult; date: string }>;
  scores: Record<string, { grade: string; date: string }>;
  pregnancy: '' | 'pregnant' | 'not-pregnant';
  lactation: '' | 'lactating' | 'not-lactating';
  medications: Record<string, boolean>;
  procedures: Record<string, { present: boolean; date: string }>;
  allergy: '' | 'high' | 'low';
}

/** A field that is filled wrongly: its form control id and what is expected (for 'possible', the analyte's possible values). */
export interface FormProblem {
  field: string;
  expected: 'date' | 'number' | 'dateFor' | 'notFuture' | 'possible' | 'limit' | 'invalid';
  range?: { min: number; max: number; unit: string };
}

export function emptyPatientForm(needs: RuleNeeds, asOf: string): PatientFormState {
  return {
    birthDate: '',
    sex: '',
    resultsDate: asOf,
    conditions: Object.fromEntries(needs.conditions.map((concept) => [concept.id, { present: false, onset: '', active: true }])),
    measurements: Object.fromEntries(needs.measurements.map(({ analyte }) => [analyte.key, { value: '', unit: unitOptions(analyte)[0], date: '', upperLimit: '', lowerLimit: '' }])),
    tests: Object.fromEntries(needs.tests.map((analyte) => [analyte.key, { result: '' as const, date: '' }])),
    scores: Object.fromEntries(needs.scales.map((scale) => [scale, { grade: '', date: '' }])),
    pregnancy: '',
    lactation: '',
    medications: Object.fromEntries(needs.medications.map((concept) => [concept.id, false])),
    procedures: Object.fromEntries(needs.procedures.map((concept) => [concept.id, { present: false, date: '' }])),
    allergy: '',
  };
}

/** "1,5" is read as 1.5 (decimal commas are common on Chinese and European reports); thousands separators are not accepted. */
function parseNumber(text: string): number | undefined {
  const normalized = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized)) return undefined;
  return Number(normalized);
}

/** Control ids, shared by the form (for labels and focus) and the problems. */
export const fieldId = {
  birthDate: 'patient-birth-date',
  resultsDate: 'patient-results-date',
  onset: (concept: string) => `condition-${concept}-onset`,
  value: (analyte: string) => `measurement-${analyte}-value`,
  measurementDate: (analyte: string) => `measurement-${analyte}-date`,
  upperLimit: (analyte: string) => `measurement-${analyte}-uln`,
  lowerLimit: (analyte: string) => `measurement-${analyte}-lln`,
  testDate: (analyte: string) => `test-${analyte}-date`,
  scoreDate: (scale: string) => `score-${scale}-date`,
  procedureDate: (concept: string) => `procedure-${concept}-date`,
};

export function patientFromForm(form: PatientFormState, asOf: string): { ok: true; patient: ManualRecordParsed } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const date = (text: string, field: string, required: boolean): string | undefined => {
    const trimmed = text.trim();
    if (trimmed === '') {
      if (required) problems.push({ field, expected: 'dateFor' });
      return undefined;
    }
    if (!isIsoDate(trimmed)) {
      problems.push({ field, expected: 'date' });
      return undefined;
    }
    if (trimmed > asOf) {
      problems.push({ field, expected: 'notFuture' });
      return undefined;
    }
    return trimmed;
  };
  const number = (text: string, field: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = parseNumber(text);
    if (value === undefined) problems.push({ field, expected: 'number' });
    return value;
  };
  const resultsDate = form.resultsDate.trim() === '' ? undefined : date(form.resultsDate, fieldId.resultsDate, false);
  const rowDate = (text: string, field: string): string | undefined => (text.trim() === '' && resultsDate ? resultsDate : date(text, field, true));

  const patient: ManualRecordParsed = { conditions: [], results: [], tests: [], scores: [], medications: [], procedures: [], allergies: [] };
  const birthDate = date(form.birthDate, fieldId.birthDate, false);
  if (birthDate) patient.birthDate = birthDate;
  if (form.sex) patient.sex = form.sex;

  for (const [concept, entry] of Object.entries(form.conditions)) {
    if (!entry.present) continue;
    const onset = date(entry.onset, fieldId.onset(concept), false);
    patient.conditions.push({ concept, active: entry.active, ...(onset ? { onset } : {}) });
  }
  for (const [analyte, entry] of Object.entries(form.measurements)) {
    const value = number(entry.value, fieldId.value(analyte));
    if (value === undefined) continue;
    const when = rowDate(entry.date, fieldId.measurementDate(analyte));
    const upperLimit = number(entry.upperLimit, fieldId.upperLimit(analyte));
    const lowerLimit = number(entry.lowerLimit, fieldId.lowerLimit(analyte));
    if (!when) continue;
    patient.results.push({ analyte, value, unit: entry.unit, date: when, ...(upperLimit !== undefined ? { uln: upperLimit } : {}), ...(lowerLimit !== undefined ? { lln: lowerLimit } : {}) });
  }
  for (const [analyte, entry] of Object.entries(form.tests)) {
    if (!entry.result) continue;
    const when = rowDate(entry.date, fieldId.testDate(analyte));
    if (when) patient.tests.push({ analyte, result: entry.result, date: when });
  }
  for (const [scale, entry] of Object.entries(form.scores)) {
    if (entry.grade === '') continue;
    const when = rowDate(entry.date, fieldId.scoreDate(scale));
    if (when) patient.scores.push({ scale: scale as ScaleId, grade: Number(entry.grade), date: when });
  }
  if (form.pregnancy) patient.pregnancy = { pregnant: form.pregnancy === 'pregnant', date: resultsDate ?? asOf };
  if (form.lactation) patient.breastfeeding = { breastfeeding: form.lactation === 'lactating', date: resultsDate ?? asOf };
  for (const [concept, taking] of Object.entries(form.medications)) if (taking) patient.medications.push({ concept });
  for (const [concept, entry] of Object.entries(form.procedures)) {
    if (!entry.present) continue;
    const when = date(entry.date, fieldId.procedureDate(concept), false);
    patient.procedures.push({ concept, ...(when ? { date: when } : {}) });
  }
  if (form.allergy) patient.allergies.push({ severe: form.allergy === 'high' });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, patient };
}

/**
 * The problems the record's schema (core/patient/manual.ts) finds in a record built from the form —
 * an impossible value, an unusable limit — placed on the form control the value came from.
 */
export function formProblemsFromIssues(patient: ManualRecordParsed, issues: ZodError['issues']): FormProblem[] {
  return issues.map((issue): FormProblem => {
    const [list, index, key] = issue.path;
    if (list === 'results' && typeof index === 'number' && patient.results[index]) {
      const analyte = patient.results[index].analyte;
      const field = key === 'uln' ? fieldId.upperLimit(analyte) : key === 'lln' ? fieldId.lowerLimit(analyte) : fieldId.value(analyte);
      const range = plausibleRange(analyte);
      if (issue.code === 'custom' && key !== 'lln' && range) return { field, expected: 'possible', range: { min: range.min, max: range.max, unit: analyteByKey(analyte)?.unit ?? '' } };
      return { field, expected: key === 'value' ? 'invalid' : 'limit' };
    }
    return { field: issue.path.join('.') || '(record)', expected: 'invalid' };
  });
}

/**
 * The form as the hand-entered record the API takes (core/patient/manual.ts), checked by the API's own
 * schema, or the problems of the form. The schema (zod, and the UCUM library) is loaded only when a
 * form is checked. A study screening sends this record as it is (origin "manual").
 */
export async function manualRecordFromForm(form: PatientFormState, asOf: string): Promise<{ ok: true; record: ManualRecordParsed } | { ok: false; problems: FormProblem[] }> {
  const reading = patientFromForm(form, asOf);
  if (!reading.ok) return reading;
  const { manualRecordSchema } = await import('../../core/patient/manual.ts');
  const checked = manualRecordSchema.safeParse(reading.patient);
  return checked.success ? { ok: true, record: checked.data } : { ok: false, problems: formProblemsFromIssues(reading.patient, checked.error.issues) };
}

/** The form as the FHIR Bundle a screening request sends, through the API's own schema and builder (core/patient/manual.ts), or the problems of the form. */
export async function bundleFromForm(form: PatientFormState, asOf: string): Promise<{ ok: true; bundle: ManualBundle } | { ok: false; problems: FormProblem[] }> {
  const reading = await manualRecordFromForm(form, asOf);
  if (!reading.ok) return reading;
  const { bundleFromManualRecord } = await import('../../core/patient/manual.ts');
  return { ok: true, bundle: bundleFromManualRecord(reading.record) };
}
