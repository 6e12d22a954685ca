// Default limits of normal, used only when neither the result itself (FHIR referenceRange) nor
// the site's configured ranges give one (precedence: docs/eligibility.md, "Limits of normal").
// China's health-industry standards come first (all seed sites are in China), typical Western
// adult ranges second. Coagulation times have no default: their ULN depends on the reagent
// (clinical-domain.md §6b: "never default PT/APTT ULN without a site value; INR ULN may default to 1.2").
//
// Sources (clinical-domain.md §6a): WS/T 405-2012 (blood cells), WS/T 404.1-2012 (ALT/AST/ALP),
// WS/T 404.4-2018 (bilirubin), WS/T 404.5-2015 (creatinine) — reference intervals of adults
// 20–79 y, venous blood. They are not applied outside that band: adolescents' ALP in particular is
// several times the adult value, so a 14-year-old needs the lab's or the site's own range.
// §6b (typical adult ranges) for INR and reticulocytes. Values tagged M in the reference (not
// re-checked against the primary text) say so in `confidence`.
export const REFERENCE_RANGE_TABLE_VERSION = 'reference-ranges-2026-11.2';

export type RangeSex = 'any' | 'female' | 'male';

export interface ReferenceRangeEntry {
  analyte: string;
  sex: RangeSex;
  /** Age band in whole years, [ageFrom, ageTo): absent bounds are open. */
  ageFrom?: number;
  ageTo?: number;
  low?: number;
  high?: number;
  /** UCUM unit of low/high (the analyte's canonical unit). */
  unit: string;
  source: string;
  /** clinical-domain.md's tag: V checked against a copy of the source, M not re-checked. Absent on site ranges. */
  confidence?: 'V' | 'M';
}

const WS405 = 'WS/T 405-2012';
const WS404_1 = 'WS/T 404.1-2012';
const WS404_4 = 'WS/T 404.4-2018';
const WS404_5 = 'WS/T 404.5-2015';
// User-visible (a default limit's detail): cites the published source, never our reference notes.
const WESTERN = 'typical adult range (MSD Manual, laboratory reference values)';

/** The adult band the WS/T standards cover (§6a: "Adults 20–79 y"). */
const ADULT = { ageFrom: 20, ageTo: 80 } as const;

export const DEFAULT_REFERENCE_RANGES: readonly ReferenceRangeEntry[] = [
  { analyte: 'hemoglobin', sex: 'male', ...ADULT, low: 130, high: 175, unit: 'g/L', source: WS405, confidence: 'V' },
  { analyte: 'hemoglobin', sex: 'female', ...ADULT, low: 115, high: 150, unit: 'g/L', source: WS405, confidence: 'V' },
  { analyte: 'wbc', sex: 'any', ...ADULT, low: 3.5, high: 9.5, unit: '10*9/L', source: WS405, confidence: 'V' },
  { analyte: 'anc', sex: 'any', ...ADULT, low: 1.8, high: 6.3, unit: '10*9/L', source: WS405, confidence: 'V' },
  { analyte: 'lymphocytes', sex: 'any', ...ADULT, low: 1.1, high: 3.2, unit: '10*9/L', source: WS405, confidence: 'V' },
  { analyte: 'platelets', sex: 'any', ...ADULT, low: 125, high: 350, unit: '10*9/L', source: WS405, confidence: 'V' },
  { analyte: 'alt', sex: 'male', ...ADULT, low: 9, high: 50, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'alt', sex: 'female', ...ADULT, low: 7, high: 40, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'ast', sex: 'male', ...ADULT, low: 15, high: 40, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'ast', sex: 'female', ...ADULT, low: 13, high: 35, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'alp', sex: 'male', ...ADULT, low: 45, high: 125, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'alp', sex: 'female', ageFrom: 20, ageTo: 50, low: 35, high: 100, unit: 'U/L', source: WS404_1, confidence: 'V' },
  { analyte: 'alp', sex: 'female', ageFrom: 50, ageTo: 80, low: 50, high: 135, unit: 'U/L', source: WS404_1, confidence: 'M' },
  { analyte: 'bilirubin.total', sex: 'male', ...ADULT, high: 26.0, unit: 'umol/L', source: WS404_4, confidence: 'V' },
  { analyte: 'bilirubin.total', sex: 'female', ...ADULT, high: 21.0, unit: 'umol/L', source: WS404_4, confidence: 'V' },
  { analyte: 'bilirubin.total', sex: 'any', ...ADULT, high: 23.0, unit: 'umol/L', source: `${WS404_4} (sex-combined)`, confidence: 'V' },
  { analyte: 'bilirubin.direct', sex: 'any', ...ADULT, high: 8.0, unit: 'umol/L', source: `${WS404_4} (≤ 4.0 on some analysers)`, confidence: 'V' },
  { analyte: 'creatinine', sex: 'male', ageFrom: 20, ageTo: 60, low: 57, high: 97, unit: 'umol/L', source: `${WS404_5} (enzymatic)`, confidence: 'V' },
  { analyte: 'creatinine', sex: 'male', ageFrom: 60, ageTo: 80, low: 57, high: 111, unit: 'umol/L', source: `${WS404_5} (enzymatic)`, confidence: 'M' },
  { analyte: 'creatinine', sex: 'female', ageFrom: 20, ageTo: 60, low: 41, high: 73, unit: 'umol/L', source: `${WS404_5} (enzymatic)`, confidence: 'V' },
  { analyte: 'creatinine', sex: 'female', ageFrom: 60, ageTo: 80, low: 41, high: 81, unit: 'umol/L', source: `${WS404_5} (enzymatic)`, confidence: 'M' },
  { analyte: 'inr', sex: 'any', low: 0.8, high: 1.2, unit: '{INR}', source: `${WESTERN}; INR ULN may default to 1.2`, confidence: 'M' },
  { analyte: 'reticulocytes', sex: 'any', low: 25, high: 100, unit: '10*9/L', source: `${WESTERN}; method-dependent`, confidence: 'M' },
];
