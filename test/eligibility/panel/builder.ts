// Builds FHIR R4 patient records for the test panel: a baseline patient per seed trial who passes
// every computable criterion, and small edits that move one fact across one threshold.
export type Resource = Record<string, unknown> & { resourceType: string };

const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

export const DATE = '2026-02-24';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export function patient(gender: string | undefined, birthDate: string | undefined): Resource {
  const resource: Resource = { resourceType: 'Patient', id: 'panel' };
  if (gender) resource.gender = gender;
  if (birthDate) resource.birthDate = birthDate;
  return resource;
}

export function lab(loinc: string, value: number, unit: string, options: { high?: number; highUnit?: string; date?: string; comparator?: string } = {}): Resource {
  const resource: Resource = {
    resourceType: 'Observation', id: nextId('obs'), status: 'final',
    code: { coding: [{ system: LOINC, code: loinc }] },
    effectiveDateTime: options.date ?? DATE,
    valueQuantity: { value, unit, system: UCUM, code: unit, ...(options.comparator ? { comparator: options.comparator } : {}) },
  };
  if (options.high !== undefined) resource.referenceRange = [{ high: { value: options.high, unit: options.highUnit ?? unit, system: UCUM, code: options.highUnit ?? unit } }];
  return resource;
}

export function textResult(loinc: string, valueString: string, date = DATE): Resource {
  return { resourceType: 'Observation', id: nextId('obs'), status: 'final', code: { coding: [{ system: LOINC, code: loinc }] }, effectiveDateTime: date, valueString };
}

export function qualitative(loinc: string, result: 'positive' | 'negative', date = DATE): Resource {
  const code = result === 'positive' ? { code: '10828004', display: 'Positive' } : { code: '260385009', display: 'Negative' };
  return { resourceType: 'Observation', id: nextId('obs'), status: 'final', code: { coding: [{ system: LOINC, code: loinc }] }, effectiveDateTime: date, valueCodeableConcept: { coding: [{ system: SNOMED, ...code }] } };
}

export function score(loinc: string, value: number | { system: string; code: string }, date = DATE): Resource {
  const resource: Resource = { resourceType: 'Observation', id: nextId('obs'), status: 'final', code: { coding: [{ system: LOINC, code: loinc }] }, effectiveDateTime: date };
  if (typeof value === 'number') resource.valueInteger = value;
  else resource.valueCodeableConcept = { coding: [value] };
  return resource;
}

export function state(loinc: '82810-3' | '63895-7', snomed: string, date = DATE): Resource {
  return { resourceType: 'Observation', id: nextId('obs'), status: 'final', code: { coding: [{ system: LOINC, code: loinc }] }, effectiveDateTime: date, valueCodeableConcept: { coding: [{ system: SNOMED, code: snomed }] } };
}

export function condition(code: string, options: { system?: string; onset?: string; abatement?: string; status?: 'active' | 'resolved' | 'remission'; display?: string } = {}): Resource {
  const resource: Resource = {
    resourceType: 'Condition', id: nextId('cond'),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: options.status ?? 'active' }] },
    code: { coding: [{ system: options.system ?? ICD10CM, code, display: options.display ?? code }] },
  };
  if (options.onset) resource.onsetDateTime = options.onset;
  if (options.abatement) resource.abatementDateTime = options.abatement;
  return resource;
}

export function medication(system: string, code: string, display: string): Resource {
  return { resourceType: 'MedicationStatement', id: nextId('med'), status: 'active', medicationCodeableConcept: { coding: [{ system, code, display }] }, effectiveDateTime: '2026-01-10' };
}

export function procedure(system: string, code: string, date = '2024-05-01'): Resource {
  return { resourceType: 'Procedure', id: nextId('proc'), status: 'completed', code: { coding: [{ system, code }] }, performedDateTime: date };
}

export function allergy(criticality: 'low' | 'high', code = '372687004', display = 'Amoxicillin'): Resource {
  return { resourceType: 'AllergyIntolerance', id: nextId('allergy'), criticality, clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, code: { coding: [{ system: SNOMED, code, display }] } };
}

export function bundle(resources: Resource[]): Record<string, unknown> {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

export const L = {
  tbil: '14631-6', tbilMass: '1975-2', alt: '1742-6', ast: '1920-8', alp: '6768-6', creat: '14682-9', creatMass: '2160-0', pt: '5902-2', aptt: '3173-2', inr: '6301-6',
  lvef: '10230-1', hb: '718-7', anc: '751-8', plt: '777-3', retic: '60474-4', sbp: '8480-6', dbp: '8462-4', hbsag: '5196-1', hbcab: '16933-4', hbvDna: '29615-2', hbvDnaIu: '42595-9',
  hcv: '16128-1', hiv: '7917-8', rpr: '20507-0', ecog: '89247-1', nyha: '88020-3', pregnancy: '82810-3', breastfeeding: '63895-7',
} as const;

/** Labs of a patient who passes every laboratory criterion of NCT05794425 with room to spare. */
export function multicenterLabs(): Record<string, Resource> {
  return {
    tbil: lab(L.tbil, 12, 'umol/L', { high: 21 }),
    alt: lab(L.alt, 25, 'U/L', { high: 40 }),
    ast: lab(L.ast, 22, 'U/L', { high: 35 }),
    alp: lab(L.alp, 80, 'U/L', { high: 125 }),
    creat: lab(L.creat, 60, 'umol/L', { high: 84 }),
    pt: lab(L.pt, 12, 's', { high: 13.5 }),
    aptt: lab(L.aptt, 30, 's', { high: 37 }),
    inr: lab(L.inr, 1, '{INR}', { high: 1.2 }),
    lvef: lab(L.lvef, 62, '%'),
    sbp: lab(L.sbp, 122, 'mm[Hg]'),
    dbp: lab(L.dbp, 76, 'mm[Hg]'),
    hbsag: qualitative(L.hbsag, 'negative'),
    hbcab: qualitative(L.hbcab, 'negative'),
    hcv: qualitative(L.hcv, 'negative'),
    hiv: qualitative(L.hiv, 'negative'),
    rpr: qualitative(L.rpr, 'negative'),
    ecog: score(L.ecog, 1),
    pregnancy: state(L.pregnancy, '60001007'),
  };
}

/** A multicenter-trial patient: female, 37, aplastic anemia, all labs fine; override or drop any part. */
export function multicenterPatient(changes: { labs?: Partial<Record<string, Resource | null>>; extra?: Resource[]; diagnosis?: Resource | null; patient?: Resource } = {}): Record<string, unknown> {
  const labs = { ...multicenterLabs(), ...changes.labs };
  const diagnosis = changes.diagnosis === undefined ? condition('D61.9', { onset: '2025-12-01' }) : changes.diagnosis;
  const resources = [changes.patient ?? patient('female', '1988-04-02'), ...Object.values(labs).filter((r): r is Resource => Boolean(r)), ...(diagnosis ? [diagnosis] : []), ...(changes.extra ?? [])];
  return bundle(resources);
}

/** A phase-1-trial patient: male, 35, aplastic anemia diagnosed 2 months ago, LVEF 64 %, ECOG 1. */
export function phase1Patient(changes: { patient?: Resource; diagnosis?: Resource | null; lvef?: Resource | null; ecog?: Resource | null; extra?: Resource[] } = {}): Record<string, unknown> {
  const diagnosis = changes.diagnosis === undefined ? condition('D61.9', { onset: '2025-12-31' }) : changes.diagnosis;
  const lvef = changes.lvef === undefined ? lab(L.lvef, 64, '%') : changes.lvef;
  const ecog = changes.ecog === undefined ? score(L.ecog, 1) : changes.ecog;
  return bundle([changes.patient ?? patient('male', '1990-06-01'), ...(diagnosis ? [diagnosis] : []), ...(lvef ? [lvef] : []), ...(ecog ? [ecog] : []), ...(changes.extra ?? [])]);
}
