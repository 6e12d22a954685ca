// The values a quantitative result can physically take, per analyte, in its canonical unit
// (analytes.ts). A value outside is a keying, unit or transmission error, never a rare patient:
// screening does not use it (core/patient/fhir.ts reports it) and hand entry refuses it
// (core/patient/manual.ts). Bounds are inclusive.
//
// Source of the lower bounds: definition — a count, concentration, enzyme activity, time or
// pressure cannot be negative; a fraction of a whole lies in 0–100 %. Source of the upper bounds:
// Eligo's convention, set well beyond the most extreme values reported in the clinical literature
// (M in clinical-domain.md's terms: established knowledge, not re-checked against a primary text),
// each entry saying which extreme it clears. They are deliberately wide: a bound that refused a
// real patient would be worse than one that let a mistyped value through to a clinician's review.
// Haemoglobin 0–250 g/L, counts, enzymes, bilirubin, creatinine, INR and APTT match the bounds of
// the clinical calculators (core/study/calculator-input.ts), which read this table.
export const PLAUSIBILITY_TABLE_VERSION = 'plausibility-2026-12.1';

export interface PlausibleRange {
  analyte: string;
  /** Lowest and highest possible value, in the analyte's canonical unit (inclusive). */
  min: number;
  max: number;
  /** Why these bounds: the definition or the extreme values they clear. */
  basis: string;
}

const NON_NEGATIVE = 'cannot be negative';
const FRACTION = 'a percentage of a whole: 0–100 % by definition';

export const PLAUSIBLE_RANGES: readonly PlausibleRange[] = [
  // Liver
  { analyte: 'bilirubin.total', min: 0, max: 1500, basis: `${NON_NEGATIVE}; the highest reported (neonatal and fulminant liver failure) stay below ~1000 µmol/L (≈ 60 mg/dL)` },
  { analyte: 'bilirubin.direct', min: 0, max: 1500, basis: `${NON_NEGATIVE}; part of the total bilirubin, so bounded like it` },
  { analyte: 'alt', min: 0, max: 100_000, basis: `${NON_NEGATIVE}; ischaemic hepatitis and paracetamol poisoning reach ~10 000–20 000 U/L` },
  { analyte: 'ast', min: 0, max: 100_000, basis: `${NON_NEGATIVE}; ischaemic hepatitis and rhabdomyolysis reach ~10 000–40 000 U/L` },
  { analyte: 'alp', min: 0, max: 50_000, basis: `${NON_NEGATIVE}; Paget disease and cholestasis stay below ~10 000 U/L` },
  { analyte: 'ggt', min: 0, max: 50_000, basis: `${NON_NEGATIVE}; cholestasis stays below ~10 000 U/L` },
  { analyte: 'albumin', min: 0, max: 100, basis: `${NON_NEGATIVE}; serum albumin above ~60 g/L is seen only with dehydration` },
  // Kidney
  { analyte: 'creatinine', min: 0, max: 5000, basis: `${NON_NEGATIVE}; untreated end-stage renal failure and rhabdomyolysis stay below ~3000 µmol/L` },
  { analyte: 'creatinine.clearance', min: 0, max: 500, basis: `${NON_NEGATIVE}; glomerular hyperfiltration stays below ~250 mL/min` },
  { analyte: 'egfr', min: 0, max: 500, basis: `${NON_NEGATIVE}; estimating equations give at most ~200 mL/min/1.73 m²` },
  { analyte: 'bun', min: 0, max: 300, basis: `${NON_NEGATIVE}; uraemia stays below ~150 mmol/L` },
  // Blood counts
  { analyte: 'hemoglobin', min: 0, max: 250, basis: `${NON_NEGATIVE}; polycythaemia and neonatal values stay below ~240 g/L` },
  { analyte: 'anc', min: 0, max: 200, basis: `${NON_NEGATIVE}; leukaemoid reactions and CML stay below ~200 ×10⁹/L` },
  { analyte: 'platelets', min: 0, max: 5000, basis: `${NON_NEGATIVE}; essential thrombocythaemia stays below ~4000 ×10⁹/L` },
  { analyte: 'wbc', min: 0, max: 1000, basis: `${NON_NEGATIVE}; hyperleukocytosis in leukaemia stays below ~1000 ×10⁹/L` },
  { analyte: 'lymphocytes', min: 0, max: 1000, basis: `${NON_NEGATIVE}; chronic lymphocytic leukaemia stays below ~1000 ×10⁹/L` },
  { analyte: 'reticulocytes', min: 0, max: 1000, basis: `${NON_NEGATIVE}; brisk haemolysis stays below ~800 ×10⁹/L` },
  { analyte: 'reticulocytes.percent', min: 0, max: 100, basis: FRACTION },
  { analyte: 'hematocrit', min: 0, max: 100, basis: FRACTION },
  // Coagulation: a ratio and clotting times are positive.
  { analyte: 'inr', min: 0.1, max: 20, basis: 'a ratio of clotting times, so positive; anticoagulant overdose stays below ~20 (many analysers report ">10")' },
  { analyte: 'pt', min: 1, max: 300, basis: 'a clotting time of at least a second; analysers stop timing at ~120–300 s' },
  { analyte: 'aptt', min: 1, max: 300, basis: 'a clotting time of at least a second; analysers stop timing at ~150–300 s' },
  { analyte: 'fibrinogen', min: 0, max: 20, basis: `${NON_NEGATIVE}; acute-phase values stay below ~10 g/L` },
  // Heart and vital signs
  { analyte: 'lvef', min: 0, max: 100, basis: FRACTION },
  { analyte: 'bp.systolic', min: 0, max: 400, basis: `${NON_NEGATIVE}; the highest recorded blood pressure is ~370 mmHg` },
  { analyte: 'bp.diastolic', min: 0, max: 400, basis: `${NON_NEGATIVE}; the highest recorded blood pressure is ~370/360 mmHg` },
  { analyte: 'heart.rate', min: 0, max: 600, basis: `${NON_NEGATIVE}; the fastest recorded ventricular rates are ~480–600 /min` },
  { analyte: 'qtc', min: 0, max: 1000, basis: `${NON_NEGATIVE}; long-QT syndromes stay below ~800 ms` },
  { analyte: 'spo2', min: 0, max: 100, basis: FRACTION },
  // Body size
  { analyte: 'bmi', min: 0, max: 250, basis: `${NON_NEGATIVE}; the highest recorded BMI is ~200 kg/m²` },
  { analyte: 'weight', min: 0, max: 700, basis: `${NON_NEGATIVE}; the heaviest recorded person weighed ~635 kg` },
  { analyte: 'height', min: 0, max: 300, basis: `${NON_NEGATIVE}; the tallest recorded person measured 272 cm` },
  // Metabolic and electrolytes
  { analyte: 'hba1c', min: 0, max: 100, basis: FRACTION },
  { analyte: 'glucose', min: 0, max: 200, basis: `${NON_NEGATIVE}; hyperosmolar states stay below ~150 mmol/L` },
  { analyte: 'potassium', min: 0, max: 20, basis: `${NON_NEGATIVE}; survived hyperkalaemia stays below ~15 mmol/L` },
  { analyte: 'sodium', min: 0, max: 300, basis: `${NON_NEGATIVE}; salt poisoning stays below ~270 mmol/L` },
  { analyte: 'calcium', min: 0, max: 10, basis: `${NON_NEGATIVE}; hypercalcaemic crisis stays below ~6 mmol/L` },
  { analyte: 'magnesium', min: 0, max: 20, basis: `${NON_NEGATIVE}; magnesium poisoning stays below ~10 mmol/L` },
  { analyte: 'tsh', min: 0, max: 2000, basis: `${NON_NEGATIVE}; untreated primary hypothyroidism stays below ~1000 mIU/L` },
  { analyte: 'triglycerides', min: 0, max: 300, basis: `${NON_NEGATIVE}; chylomicronaemia stays below ~200 mmol/L` },
  { analyte: 'cholesterol.total', min: 0, max: 100, basis: `${NON_NEGATIVE}; homozygous familial hypercholesterolaemia stays below ~40 mmol/L` },
  { analyte: 'cholesterol.ldl', min: 0, max: 100, basis: `${NON_NEGATIVE}; homozygous familial hypercholesterolaemia stays below ~40 mmol/L` },
  { analyte: 'uric.acid', min: 0, max: 5000, basis: `${NON_NEGATIVE}; tumour lysis stays below ~3000 µmol/L` },
  { analyte: 'lipase', min: 0, max: 100_000, basis: `${NON_NEGATIVE}; acute pancreatitis stays below ~50 000 U/L` },
  { analyte: 'amylase', min: 0, max: 100_000, basis: `${NON_NEGATIVE}; acute pancreatitis stays below ~20 000 U/L` },
  { analyte: 'psa', min: 0, max: 100_000, basis: `${NON_NEGATIVE}; metastatic prostate cancer stays below ~50 000 ng/mL` },
  { analyte: 'afp', min: 0, max: 10_000_000, basis: `${NON_NEGATIVE}; hepatoblastoma and hepatocellular carcinoma reach a few million ng/mL` },
  { analyte: 'temperature', min: 10, max: 50, basis: 'the lowest survived body temperature is ~12 °C and the highest ~47 °C' },
  // Viral loads and immunology
  { analyte: 'hbv.dna', min: 0, max: 1e12, basis: `${NON_NEGATIVE}; untreated HBeAg-positive infection stays below ~1e11 copies/mL` },
  { analyte: 'hbv.dna.iu', min: 0, max: 1e12, basis: `${NON_NEGATIVE}; untreated HBeAg-positive infection stays below ~1e10 IU/mL` },
  { analyte: 'hcv.rna', min: 0, max: 1e10, basis: `${NON_NEGATIVE}; untreated infection stays below ~1e8 IU/mL` },
  { analyte: 'hiv.rna', min: 0, max: 1e10, basis: `${NON_NEGATIVE}; acute infection stays below ~1e8 copies/mL` },
  { analyte: 'cd4', min: 0, max: 10_000, basis: `${NON_NEGATIVE}; healthy adults stay below ~2000 /µL` },
];

const byAnalyte = new Map(PLAUSIBLE_RANGES.map((range) => [range.analyte, range]));

/** The possible values of a quantitative analyte (every one in analytes.ts has an entry: tables.test.ts). */
export function plausibleRange(analyte: string): PlausibleRange | undefined {
  return byAnalyte.get(analyte);
}

export function isPlausible(range: PlausibleRange, value: number): boolean {
  return value >= range.min && value <= range.max;
}

/** "0–100000 U/L": the range as a message states it. */
export function describePlausibleRange(range: PlausibleRange, unit: string | undefined): string {
  return `${range.min}–${range.max}${unit && unit !== '1' ? ` ${unit}` : ''}`;
}
