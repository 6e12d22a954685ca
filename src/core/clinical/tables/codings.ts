// Code systems of Eligo's concept tables and the small builders the tables write their code lists with.
// Shared by conditions.ts, medications.ts and procedures.ts so that each table can be read on its own.
import type { Coding } from '../../criteria/rules.ts';

export const CODE_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  atc: 'http://www.whocc.no/atc',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** Eligo's own concept ids, for hand-entered records (the web form) and concepts with no standard code. */
  eligo: 'https://eligo.dev/fhir/CodeSystem/concept',
} as const;

export type ConceptDomain = 'condition' | 'procedure' | 'medication' | 'substance';

export interface ConceptDefinition {
  id: string;
  domain: ConceptDomain;
  label: { en: string; zh: string };
  codes: readonly Coding[];
  /** Other concepts whose codes also count (a group such as bone-marrow failure). */
  includes?: readonly string[];
  note?: string;
}

/** ICD-10-CM codes, each matching its descendants (C50 covers C50.911). */
export const icd = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.icd10cm, code, prefix: true }));
export const sct = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.snomed, code }));
export const rx = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.rxnorm, code }));
/** ATC classes, each matching the substances under it (L01 covers L01XA01). */
export const atc = (...codes: string[]): Coding[] => codes.map((code) => ({ system: CODE_SYSTEMS.atc, code, prefix: true }));
/** A concept with no standard code list (an investigational agent): matched only by its Eligo code. */
export const eligoCode = (id: string): Coding => ({ system: CODE_SYSTEMS.eligo, code: id });
