// CTCAE v5.0 grades of the laboratory terms a bone-marrow-failure study grades automatically, and the
// clinical terms it suggests a grade for. Each lab threshold is one row: a band [above, below] whose
// bounds are anchored on the site's LLN/ULN, the subject's baseline, or an absolute value in the
// analyte's canonical unit (analytes.ts), with its comparator. study/grading.ts interprets the rows.
//
// Source: NCI CTCAE v5.0 (27 Nov 2017) as restated in clinical-domain.md §4a/§4b (V: checked against
// the machine-readable v5 table of pharmaverse/admiral, data-raw/adlb_grading/ncictcaev5.json);
// §4c for the clinical terms (Infusion related reaction V, Hypertension M). Where CTCAE writes a band
// "A – B" the lower end is exclusive when written "> A" and inclusive otherwise ("1.5 – 3.0× baseline"),
// and the upper end is inclusive (admiral's reading); decreased bands "< A – B" are [B, A).
export const CTCAE_SCHEME = 'CTCAE';
export const CTCAE_VERSION = '5.0';
export const CTCAE_TABLE_VERSION = 'ctcae-v5-2026-12.1';
export const CTCAE_SOURCE_REF = 'NCI CTCAE v5.0 (27 Nov 2017); clinical-domain.md §4a–§4c; admiral ncictcaev5.json';

export type Anchor = 'ULN' | 'LLN' | 'BASELINE' | 'ABSOLUTE';

/** A band's lower bound: the value must be `>` or `>=` it. */
export interface LowerBound { anchor: Anchor; /** Multiplier of the anchor, or the absolute value in the canonical unit. */ factor: number; comparator: '>' | '>=' }
/** A band's upper bound: the value must be `<` or `<=` it. */
export interface UpperBound { anchor: Anchor; factor: number; comparator: '<' | '<=' }

/**
 * When a row applies. baseline-normal: no baseline given, or baseline ≤ ULN; baseline-abnormal:
 * baseline > ULN (ALT/AST/bilirubin/ALP, §4b); baseline-given: the creatinine alternative (G2/G3, the
 * worse of both counts); anticoagulated / not-anticoagulated: INR.
 */
export type CtcaeCondition = 'always' | 'baseline-normal' | 'baseline-abnormal' | 'baseline-given' | 'anticoagulated' | 'not-anticoagulated';

export interface CtcaeThreshold {
  grade: 1 | 2 | 3 | 4;
  condition: CtcaeCondition;
  above?: LowerBound;
  below?: UpperBound;
  /** The criterion as CTCAE words it (lab part only). */
  text: string;
}

export type BaselineRule = 'none' | 'uln-or-abnormal-baseline' | 'worse-of-uln-and-baseline' | 'baseline-if-anticoagulated';

export interface CtcaeLabTerm {
  /** As written in CTCAE v5.0. */
  term: string;
  termZh: string;
  /** analytes.ts key: the canonical unit of every ABSOLUTE bound. */
  analyte: string;
  direction: 'decreased' | 'increased';
  baselineRule: BaselineRule;
  /**
   * CTCAE's own equivalents of the absolute bounds in another unit, used when the value is entered in
   * that unit so that a value exactly on CTCAE's printed boundary grades as CTCAE says (6.2 mmol/L is
   * CTCAE's 100 g/L, though 6.2 × 16.1145 = 99.9 g/L).
   */
  equivalents?: Readonly<Record<string, Readonly<Record<number, number>>>>;
  thresholds: readonly CtcaeThreshold[];
  /** Grades above the lab rows that need clinical judgement (Anemia G4: life-threatening). */
  clinicalGrades?: string;
  confidence: 'V' | 'M';
}

const gt = (anchor: Anchor, factor: number): LowerBound => ({ anchor, factor, comparator: '>' });
const ge = (anchor: Anchor, factor: number): LowerBound => ({ anchor, factor, comparator: '>=' });
const lt = (anchor: Anchor, factor: number): UpperBound => ({ anchor, factor, comparator: '<' });
const le = (anchor: Anchor, factor: number): UpperBound => ({ anchor, factor, comparator: '<=' });

/** "< LLN – a", "< a – b", "< b – c", "< c" in 10*9/L (§4a). */
function cytopenia(term: string, termZh: string, analyte: string, [g1, g2, g3]: [number, number, number]): CtcaeLabTerm {
  return {
    term, termZh, analyte, direction: 'decreased', baselineRule: 'none', confidence: 'V',
    thresholds: [
      { grade: 1, condition: 'always', below: lt('LLN', 1), above: ge('ABSOLUTE', g1), text: `<LLN - ${g1} x 10e9/L` },
      { grade: 2, condition: 'always', below: lt('ABSOLUTE', g1), above: ge('ABSOLUTE', g2), text: `<${g1} - ${g2} x 10e9/L` },
      { grade: 3, condition: 'always', below: lt('ABSOLUTE', g2), above: ge('ABSOLUTE', g3), text: `<${g2} - ${g3} x 10e9/L` },
      { grade: 4, condition: 'always', below: lt('ABSOLUTE', g3), text: `<${g3} x 10e9/L` },
    ],
  };
}

/**
 * ">ULN – a×ULN … >c×ULN" if baseline was normal; the same multiples of the baseline if it was
 * abnormal, grade 1 starting at `g1Baseline` (exclusive when CTCAE writes ">", e.g. bilirubin ">1.0").
 */
function hepatic(term: string, termZh: string, analyte: string, [m1, m2, m3]: [number, number, number], g1Baseline: LowerBound): CtcaeLabTerm {
  const fmt = (n: number) => n.toFixed(1);
  const rows = (anchor: 'ULN' | 'BASELINE', condition: CtcaeCondition, first: LowerBound): CtcaeThreshold[] => {
    const word = anchor === 'ULN' ? 'ULN' : 'baseline';
    const firstText = anchor === 'ULN' ? '>ULN' : `${first.comparator === '>' ? '>' : ''}${fmt(first.factor)}`;
    return [
      { grade: 1, condition, above: first, below: le(anchor, m1), text: `${firstText} - ${fmt(m1)} x ${word}` },
      { grade: 2, condition, above: gt(anchor, m1), below: le(anchor, m2), text: `>${fmt(m1)} - ${fmt(m2)} x ${word}` },
      { grade: 3, condition, above: gt(anchor, m2), below: le(anchor, m3), text: `>${fmt(m2)} - ${fmt(m3)} x ${word}` },
      { grade: 4, condition, above: gt(anchor, m3), text: `>${fmt(m3)} x ${word}` },
    ];
  };
  return {
    term, termZh, analyte, direction: 'increased', baselineRule: 'uln-or-abnormal-baseline', confidence: 'V',
    thresholds: [...rows('ULN', 'baseline-normal', gt('ULN', 1)), ...rows('BASELINE', 'baseline-abnormal', g1Baseline)],
  };
}

export const CTCAE_V5_LAB_TERMS: readonly CtcaeLabTerm[] = [
  {
    term: 'Anemia', termZh: '贫血', analyte: 'hemoglobin', direction: 'decreased', baselineRule: 'none', confidence: 'V',
    // CTCAE prints 10.0 g/dL = 6.2 mmol/L = 100 g/L and 8.0 g/dL = 4.9 mmol/L = 80 g/L (§4a).
    equivalents: { 'mmol/L': { 100: 6.2, 80: 4.9 }, 'g/dL': { 100: 10, 80: 8 } },
    clinicalGrades: 'grade 4 (life-threatening consequences; urgent intervention indicated) and grade 5 are clinical',
    thresholds: [
      { grade: 1, condition: 'always', below: lt('LLN', 1), above: ge('ABSOLUTE', 100), text: 'Hgb <LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L' },
      { grade: 2, condition: 'always', below: lt('ABSOLUTE', 100), above: ge('ABSOLUTE', 80), text: 'Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80 g/L' },
      { grade: 3, condition: 'always', below: lt('ABSOLUTE', 80), text: 'Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L; transfusion indicated' },
    ],
  },
  cytopenia('Neutrophil count decreased', '中性粒细胞计数降低', 'anc', [1.5, 1.0, 0.5]),
  cytopenia('Platelet count decreased', '血小板计数降低', 'platelets', [75, 50, 25]),
  cytopenia('White blood cell decreased', '白细胞计数降低', 'wbc', [3.0, 2.0, 1.0]),
  hepatic('Alanine aminotransferase increased', '丙氨酸氨基转移酶升高', 'alt', [3, 5, 20], ge('BASELINE', 1.5)),
  hepatic('Aspartate aminotransferase increased', '天冬氨酸氨基转移酶升高', 'ast', [3, 5, 20], ge('BASELINE', 1.5)),
  hepatic('Blood bilirubin increased', '血胆红素升高', 'bilirubin.total', [1.5, 3, 10], gt('BASELINE', 1)),
  hepatic('Alkaline phosphatase increased', '碱性磷酸酶升高', 'alp', [2.5, 5, 20], ge('BASELINE', 2)),
  {
    term: 'Creatinine increased', termZh: '肌酐升高', analyte: 'creatinine', direction: 'increased', baselineRule: 'worse-of-uln-and-baseline', confidence: 'V',
    thresholds: [
      { grade: 1, condition: 'always', above: gt('ULN', 1), below: le('ULN', 1.5), text: '>ULN - 1.5 x ULN' },
      { grade: 2, condition: 'always', above: gt('ULN', 1.5), below: le('ULN', 3), text: '>1.5 - 3.0 x ULN' },
      { grade: 3, condition: 'always', above: gt('ULN', 3), below: le('ULN', 6), text: '>3.0 - 6.0 x ULN' },
      { grade: 4, condition: 'always', above: gt('ULN', 6), text: '>6.0 x ULN' },
      { grade: 2, condition: 'baseline-given', above: gt('BASELINE', 1.5), below: le('BASELINE', 3), text: '>1.5 - 3.0 x baseline' },
      { grade: 3, condition: 'baseline-given', above: gt('BASELINE', 3), text: '>3.0 x baseline' },
    ],
  },
  {
    term: 'INR increased', termZh: 'INR升高', analyte: 'inr', direction: 'increased', baselineRule: 'baseline-if-anticoagulated', confidence: 'V',
    thresholds: [
      { grade: 1, condition: 'not-anticoagulated', above: gt('ABSOLUTE', 1.2), below: le('ABSOLUTE', 1.5), text: '>1.2 - 1.5' },
      { grade: 2, condition: 'not-anticoagulated', above: gt('ABSOLUTE', 1.5), below: le('ABSOLUTE', 2.5), text: '>1.5 - 2.5' },
      { grade: 3, condition: 'not-anticoagulated', above: gt('ABSOLUTE', 2.5), text: '>2.5' },
      { grade: 1, condition: 'anticoagulated', above: gt('BASELINE', 1), below: le('BASELINE', 1.5), text: '>1 - 1.5 x baseline if on anticoagulation' },
      { grade: 2, condition: 'anticoagulated', above: gt('BASELINE', 1.5), below: le('BASELINE', 2.5), text: '>1.5 - 2.5 x baseline if on anticoagulation' },
      { grade: 3, condition: 'anticoagulated', above: gt('BASELINE', 2.5), text: '>2.5 x baseline if on anticoagulation' },
    ],
  },
  {
    term: 'Activated partial thromboplastin time prolonged', termZh: '活化部分凝血活酶时间延长', analyte: 'aptt', direction: 'increased', baselineRule: 'none', confidence: 'V',
    thresholds: [
      { grade: 1, condition: 'always', above: gt('ULN', 1), below: le('ULN', 1.5), text: '>ULN - 1.5 x ULN' },
      { grade: 2, condition: 'always', above: gt('ULN', 1.5), below: le('ULN', 2.5), text: '>1.5 - 2.5 x ULN' },
      { grade: 3, condition: 'always', above: gt('ULN', 2.5), text: '>2.5 x ULN; bleeding' },
    ],
  },
];

/** Clinical terms (§4c): a grade is suggested from the entered facts, never computed from a lab value. */
export interface CtcaeClinicalGrade { grade: 1 | 2 | 3 | 4 | 5; text: string; textZh: string }

export interface BloodPressureBand { grade: 1 | 2 | 3; systolicFrom: number; systolicTo?: number; diastolicFrom: number; diastolicTo?: number }

export interface CtcaeClinicalTerm {
  term: string;
  termZh: string;
  grades: readonly CtcaeClinicalGrade[];
  /** Hypertension: SBP/DBP bands in mm[Hg], inclusive both ends; the higher of the two grades applies. */
  bloodPressure?: readonly BloodPressureBand[];
  confidence: 'V' | 'M';
}

export const CTCAE_V5_CLINICAL_TERMS: readonly CtcaeClinicalTerm[] = [
  {
    term: 'Infusion related reaction', termZh: '输注相关反应', confidence: 'V',
    grades: [
      { grade: 1, text: 'Mild transient reaction; infusion interruption not indicated; intervention not indicated', textZh: '轻度一过性反应；无需中断输注；无需干预' },
      { grade: 2, text: 'Therapy or infusion interruption indicated but responds promptly to symptomatic treatment; prophylactic medications indicated for <=24 hrs', textZh: '需中断治疗或输注，但对症治疗后迅速缓解；需预防用药≤24小时' },
      { grade: 3, text: 'Prolonged; recurrence of symptoms following initial improvement; hospitalization indicated for clinical sequelae', textZh: '迁延不愈；初步好转后症状复发；因后遗症需住院' },
      { grade: 4, text: 'Life-threatening consequences; urgent intervention indicated', textZh: '危及生命；需紧急干预' },
      { grade: 5, text: 'Death', textZh: '死亡' },
    ],
  },
  {
    term: 'Hypertension', termZh: '高血压', confidence: 'M',
    grades: [
      { grade: 1, text: 'Systolic BP 120-139 mm Hg or diastolic BP 80-89 mm Hg', textZh: '收缩压120–139 mmHg或舒张压80–89 mmHg' },
      { grade: 2, text: 'Systolic BP 140-159 mm Hg or diastolic BP 90-99 mm Hg if previously WNL; medical intervention indicated', textZh: '既往正常者收缩压140–159 mmHg或舒张压90–99 mmHg；需药物干预' },
      { grade: 3, text: 'Systolic BP >=160 mm Hg or diastolic BP >=100 mm Hg; more than one drug or more intensive therapy indicated', textZh: '收缩压≥160 mmHg或舒张压≥100 mmHg；需一种以上药物或更强化治疗' },
      { grade: 4, text: 'Life-threatening consequences (e.g., malignant hypertension, hypertensive crisis); urgent intervention indicated', textZh: '危及生命（如恶性高血压、高血压危象）；需紧急干预' },
      { grade: 5, text: 'Death', textZh: '死亡' },
    ],
    bloodPressure: [
      { grade: 1, systolicFrom: 120, systolicTo: 139, diastolicFrom: 80, diastolicTo: 89 },
      { grade: 2, systolicFrom: 140, systolicTo: 159, diastolicFrom: 90, diastolicTo: 99 },
      { grade: 3, systolicFrom: 160, diastolicFrom: 100 },
    ],
  },
];

const labByTerm = new Map(CTCAE_V5_LAB_TERMS.map((entry) => [entry.term.toLowerCase(), entry]));
const clinicalByTerm = new Map(CTCAE_V5_CLINICAL_TERMS.map((entry) => [entry.term.toLowerCase(), entry]));

/** Terms are matched case-insensitively ("platelet count decreased" is CTCAE's term). */
export function ctcaeLabTerm(term: string): CtcaeLabTerm | undefined {
  return labByTerm.get(term.trim().toLowerCase());
}

export function ctcaeClinicalTerm(term: string): CtcaeClinicalTerm | undefined {
  return clinicalByTerm.get(term.trim().toLowerCase());
}
