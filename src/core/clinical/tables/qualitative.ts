// Codes that say a qualitative test was positive or negative, and pregnancy/breastfeeding answers.
// Sources: SNOMED CT International 2024-09 qualifier values (10828004 Positive, 260385009 Negative,
// 260373001 Detected, 260415000 Not detected, 11214006 Reactive, 131194007 Non-reactive,
// 77386006 Pregnant, 60001007 Not pregnant, 413712001 Breastfeeding); HL7 v3
// ObservationInterpretation (POS, NEG, DET, ND, A, N); LOINC answer list LL360-9 (LA6576-8 Positive,
// LA6577-6 Negative) and LL3044-6 yes/no; Chinese report wording (阳性/阴性).
// Checked against the shared references (fixtures/README.md): 10828004 Positive, 260385009 Negative,
// 60001007 Not pregnant (used by the fixtures). Every other code here was written from memory and
// carries `unverified: true` — confirm against SNOMED CT / LOINC / HL7 before release.
export const QUALITATIVE_TABLE_VERSION = 'qualitative-2026-11';

export type QualitativeResult = 'positive' | 'negative';

const SNOMED = 'http://snomed.info/sct';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const LOINC = 'http://loinc.org';

export const QUALITATIVE_CODES: ReadonlyArray<{ system: string; code: string; result: QualitativeResult; unverified?: true }> = [
  { system: SNOMED, code: '10828004', result: 'positive' },
  { system: SNOMED, code: '260373001', result: 'positive', unverified: true },
  { system: SNOMED, code: '11214006', result: 'positive', unverified: true },
  { system: SNOMED, code: '260385009', result: 'negative' },
  { system: SNOMED, code: '260415000', result: 'negative', unverified: true },
  { system: SNOMED, code: '131194007', result: 'negative', unverified: true },
  { system: INTERPRETATION, code: 'POS', result: 'positive', unverified: true },
  { system: INTERPRETATION, code: 'DET', result: 'positive', unverified: true },
  { system: INTERPRETATION, code: 'NEG', result: 'negative', unverified: true },
  { system: INTERPRETATION, code: 'ND', result: 'negative', unverified: true },
  { system: LOINC, code: 'LA6576-8', result: 'positive', unverified: true },
  { system: LOINC, code: 'LA6577-6', result: 'negative', unverified: true },
];

/** Free-text results (valueString, CodeableConcept.text) in English and Chinese. */
export const QUALITATIVE_WORDS: Readonly<Record<string, QualitativeResult>> = {
  positive: 'positive', pos: 'positive', detected: 'positive', reactive: 'positive', '+': 'positive', 阳性: 'positive', '(+)': 'positive',
  negative: 'negative', neg: 'negative', 'not detected': 'negative', undetected: 'negative', 'non-reactive': 'negative', nonreactive: 'negative', '-': 'negative', 阴性: 'negative', '(-)': 'negative',
};

const byCode = new Map(QUALITATIVE_CODES.map((entry) => [`${entry.system}|${entry.code}`, entry.result]));

export function qualitativeFromCode(system: string | undefined, code: string | undefined): QualitativeResult | undefined {
  return system && code ? byCode.get(`${system}|${code}`) : undefined;
}

export function qualitativeFromText(text: string | undefined): QualitativeResult | undefined {
  return text ? QUALITATIVE_WORDS[text.trim().toLowerCase()] : undefined;
}

/** Answers to LOINC 82810-3 "Pregnancy status" and 63895-7 "Breastfeeding status". */
export const STATE_ANSWERS: ReadonlyArray<{ system: string; code: string; state: 'pregnant' | 'lactating'; present: boolean; unverified?: true }> = [
  { system: SNOMED, code: '77386006', state: 'pregnant', present: true, unverified: true },
  { system: SNOMED, code: '60001007', state: 'pregnant', present: false },
  { system: SNOMED, code: '413712001', state: 'lactating', present: true, unverified: true },
  { system: LOINC, code: 'LA33-6', state: 'lactating', present: true, unverified: true },
  { system: LOINC, code: 'LA32-8', state: 'lactating', present: false, unverified: true },
];
