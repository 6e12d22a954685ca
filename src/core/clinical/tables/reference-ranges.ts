// Default limits of normal, used only when neither the result itself (FHIR referenceRange) nor
// the site's configured ranges give one (precedence: docs/eligibility.md, "Limits of normal").
// China's health-industry standards come first (all seed sites are in China), typical Western
// adult ranges second. Coagulation times have no default: their ULN depends on the reagent.
//
// Sources (clinical-domain.md §6): WS/T 405-2012 (blood cells), WS/T 404.1-2012 (ALT/AST/ALP),
// WS/T 404.4-2018 (bilirubin), WS/T 404.5-2015 (creatinine) — adults 20–79 y, venous blood;
// MSD Manual / typical adult ranges (§6b) for INR and reticulocytes.
export const REFERENCE_RANGE_TABLE_VERSION = 'reference-ranges-2026-11';

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
}

const WS405 = 'WS/T 405-2012';
const WS404_1 = 'WS/T 404.1-2012';
const WS404_4 = 'WS/T 404.4-2018';
const WS404_5 = 'WS/T 404.5-2015';
const WESTERN = 'typical adult range (clinical-domain.md §6b)';

export const DEFAULT_REFERENCE_RANGES: readonly ReferenceRangeEntry[] = [
  { analyte: 'hemoglobin', sex: 'male', low: 130, high: 175, unit: 'g/L', source: WS405 },
  { analyte: 'hemoglobin', sex: 'female', low: 115, high: 150, unit: 'g/L', source: WS405 },
  { analyte: 'wbc', sex: 'any', low: 3.5, high: 9.5, unit: '10*9/L', source: WS405 },
  { analyte: 'anc', sex: 'any', low: 1.8, high: 6.3, unit: '10*9/L', source: WS405 },
  { analyte: 'lymphocytes', sex: 'any', low: 1.1, high: 3.2, unit: '10*9/L', source: WS405 },
  { analyte: 'platelets', sex: 'any', low: 125, high: 350, unit: '10*9/L', source: WS405 },
  { analyte: 'alt', sex: 'male', low: 9, high: 50, unit: 'U/L', source: WS404_1 },
  { analyte: 'alt', sex: 'female', low: 7, high: 40, unit: 'U/L', source: WS404_1 },
  { analyte: 'ast', sex: 'male', low: 15, high: 40, unit: 'U/L', source: WS404_1 },
  { analyte: 'ast', sex: 'female', low: 13, high: 35, unit: 'U/L', source: WS404_1 },
  { analyte: 'alp', sex: 'male', low: 45, high: 125, unit: 'U/L', source: WS404_1 },
  { analyte: 'alp', sex: 'female', ageTo: 50, low: 35, high: 100, unit: 'U/L', source: WS404_1 },
  { analyte: 'alp', sex: 'female', ageFrom: 50, low: 50, high: 135, unit: 'U/L', source: WS404_1 },
  { analyte: 'bilirubin.total', sex: 'male', high: 26.0, unit: 'umol/L', source: WS404_4 },
  { analyte: 'bilirubin.total', sex: 'female', high: 21.0, unit: 'umol/L', source: WS404_4 },
  { analyte: 'bilirubin.total', sex: 'any', high: 23.0, unit: 'umol/L', source: WS404_4 },
  { analyte: 'bilirubin.direct', sex: 'any', high: 8.0, unit: 'umol/L', source: WS404_4 },
  { analyte: 'creatinine', sex: 'male', ageTo: 60, low: 57, high: 97, unit: 'umol/L', source: WS404_5 },
  { analyte: 'creatinine', sex: 'male', ageFrom: 60, low: 57, high: 111, unit: 'umol/L', source: WS404_5 },
  { analyte: 'creatinine', sex: 'female', ageTo: 60, low: 41, high: 73, unit: 'umol/L', source: WS404_5 },
  { analyte: 'creatinine', sex: 'female', ageFrom: 60, low: 41, high: 81, unit: 'umol/L', source: WS404_5 },
  { analyte: 'inr', sex: 'any', low: 0.8, high: 1.2, unit: '{INR}', source: WESTERN },
  { analyte: 'reticulocytes', sex: 'any', low: 25, high: 100, unit: '10*9/L', source: WESTERN },
  { analyte: 'ggt', sex: 'any', high: 50, unit: 'U/L', source: WESTERN },
];
