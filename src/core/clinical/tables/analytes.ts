// The things screening measures: laboratory analytes, vital signs, imaging values and
// qualitative tests. Criteria name an analyte by `key`; FHIR Observations map to a key by LOINC
// code; values are converted to the analyte's canonical UCUM unit before they are compared.
//
// Sources: LOINC 2.78 (codes and their property: mass vs substance concentration), UCUM 2.1
// (unit codes), clinical-domain.md §6–§7 (canonical SI units, molecular weights used for
// mass↔molar conversion: bilirubin 584.66, creatinine 113.12, haemoglobin Fe-monomer 16 114.5).
// Default look-back windows are Eligo's screening convention (docs/eligibility.md, "Look-back windows"):
// clinical-domain.md names none. LOINC codes not confirmed by the shared references are listed in
// each entry's `unverified` (only the codes the shared FHIR fixtures use are taken as checked).
import type { Duration } from '../../criteria/rules.ts';

export const ANALYTE_TABLE_VERSION = 'analytes-2026-11.2';

export type AnalyteKind = 'quantity' | 'qualitative';

export interface AnalyteDefinition {
  key: string;
  kind: AnalyteKind;
  label: { en: string; zh: string };
  /** Short name used in readable rules ("TBIL", "ALT"). */
  short: string;
  /** LOINC codes whose result is this analyte (any method/specimen that screening treats as equivalent). */
  loinc: readonly string[];
  /** Canonical UCUM unit of quantitative results and thresholds. */
  unit?: string;
  /** g/mol, for converting between mass and substance concentration (mg/dL ↔ µmol/L). */
  molecularWeight?: number;
  /**
   * The conventional mass → SI factor labs use (clinical-domain.md §7: bilirubin µmol/L = mg/dL × 17.1,
   * creatinine × 88.4); mass units are converted through `from` with it rather than through the
   * molecular weight, so that Eligo's µmol/L matches the lab's own SI report at a limit.
   */
  conventionalFactor?: { from: string; factor: number };
  /**
   * LOINC codes of this entry that were written from memory and not checked against a copy of LOINC
   * (the shared references name no LOINC codes; the ones the shared FHIR fixtures use are taken as
   * checked). Confirm against LOINC before release; listed in docs/eligibility.md.
   */
  unverified?: readonly string[];
  /** Non-UCUM spellings that mean the canonical unit for this analyte (enzymes: IU/L ≡ U/L, clinical-domain.md §7). */
  unitAliases?: Readonly<Record<string, string>>;
  /** Most recent result within this window before the screening date counts; older ones are "too old". */
  lookback: Duration;
}

const DAYS = (amount: number): Duration => ({ amount, unit: 'd' });

/** Routine laboratory results (blood counts, chemistry, coagulation): 28 days. */
const LAB = DAYS(28);
/** Vital signs and performance status: 28 days. */
const VITAL = DAYS(28);
/** Imaging (echocardiography) and infection serology: 90 days. */
const IMAGING = DAYS(90);
const SEROLOGY = DAYS(90);
/** A pregnancy test is only meaningful close to the screening date: 14 days. */
const PREGNANCY = DAYS(14);
/** Body size: a year. */
const BODY = DAYS(365);

/** clinical-domain.md §7 (V): µmol/L = mg/dL × 17.1 (MW 584.66). */
const BILIRUBIN_FACTOR = { from: 'mg/dL', factor: 17.1 } as const;

const ENZYME_ALIASES = { 'IU/L': 'U/L', '[IU]/L': 'U/L', 'iu/L': 'U/L', 'U/l': 'U/L' } as const;

export const ANALYTES: readonly AnalyteDefinition[] = [
  // Liver
  { key: 'bilirubin.total', kind: 'quantity', short: 'TBIL', label: { en: 'total bilirubin', zh: '总胆红素' }, loinc: ['14631-6', '1975-2', '42719-5', '54363-7'], unverified: ['1975-2', '42719-5', '54363-7'], unit: 'umol/L', molecularWeight: 584.66, conventionalFactor: BILIRUBIN_FACTOR, lookback: LAB },
  { key: 'bilirubin.direct', kind: 'quantity', short: 'DBIL', label: { en: 'direct bilirubin', zh: '直接胆红素' }, loinc: ['14629-0', '1968-7', '15152-2'], unverified: ['14629-0', '1968-7', '15152-2'], unit: 'umol/L', molecularWeight: 584.66, conventionalFactor: BILIRUBIN_FACTOR, lookback: LAB },
  { key: 'alt', kind: 'quantity', short: 'ALT', label: { en: 'ALT (alanine aminotransferase)', zh: '丙氨酸氨基转移酶（ALT）' }, loinc: ['1742-6', '1743-4', '1744-2', '76625-3'], unverified: ['1743-4', '1744-2', '76625-3'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'ast', kind: 'quantity', short: 'AST', label: { en: 'AST (aspartate aminotransferase)', zh: '天冬氨酸氨基转移酶（AST）' }, loinc: ['1920-8', '30239-8'], unverified: ['30239-8'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'alp', kind: 'quantity', short: 'ALP', label: { en: 'alkaline phosphatase', zh: '碱性磷酸酶' }, loinc: ['6768-6'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'ggt', kind: 'quantity', short: 'GGT', label: { en: 'gamma-glutamyl transferase', zh: 'γ-谷氨酰转移酶' }, loinc: ['2324-2'], unverified: ['2324-2'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'albumin', kind: 'quantity', short: 'ALB', label: { en: 'albumin', zh: '白蛋白' }, loinc: ['1751-7', '61151-7'], unverified: ['1751-7', '61151-7'], unit: 'g/L', lookback: LAB },
  // Kidney
  { key: 'creatinine', kind: 'quantity', short: 'Cr', label: { en: 'serum creatinine', zh: '血清肌酐' }, loinc: ['14682-9', '2160-0', '38483-4'], unverified: ['2160-0', '38483-4'], unit: 'umol/L', molecularWeight: 113.12, conventionalFactor: { from: 'mg/dL', factor: 88.4 }, lookback: LAB },
  { key: 'creatinine.clearance', kind: 'quantity', short: 'CrCl', label: { en: 'creatinine clearance', zh: '肌酐清除率' }, loinc: ['2164-2', '13449-4'], unverified: ['2164-2', '13449-4'], unit: 'mL/min', lookback: LAB },
  { key: 'egfr', kind: 'quantity', short: 'eGFR', label: { en: 'estimated GFR', zh: '估算肾小球滤过率（eGFR）' }, loinc: ['33914-3', '62238-1', '98979-8', '48642-3', '48643-1', '50044-7'], unverified: ['33914-3', '62238-1', '98979-8', '48642-3', '48643-1', '50044-7'], unit: 'mL/min/{1.73_m2}', lookback: LAB },
  // Urea nitrogen: mg/dL × 0.357 = mmol/L (clinical-domain.md §7) — the molar mass of its two nitrogen atoms, 28.0134 g/mol.
  { key: 'bun', kind: 'quantity', short: 'BUN', label: { en: 'urea (blood urea nitrogen)', zh: '尿素（尿素氮）' }, loinc: ['3094-0', '14937-7', '22664-7'], unverified: ['3094-0', '14937-7', '22664-7'], unit: 'mmol/L', molecularWeight: 28.0134, lookback: LAB },
  // Blood counts
  { key: 'hemoglobin', kind: 'quantity', short: 'Hb', label: { en: 'hemoglobin', zh: '血红蛋白' }, loinc: ['718-7', '30313-1', '20509-6'], unverified: ['30313-1', '20509-6'], unit: 'g/L', molecularWeight: 16114.5, lookback: LAB },
  { key: 'anc', kind: 'quantity', short: 'ANC', label: { en: 'absolute neutrophil count', zh: '中性粒细胞绝对值' }, loinc: ['751-8', '26499-4', '753-4'], unverified: ['26499-4', '753-4'], unit: '10*9/L', lookback: LAB },
  { key: 'platelets', kind: 'quantity', short: 'PLT', label: { en: 'platelet count', zh: '血小板计数' }, loinc: ['777-3', '26515-7', '778-1'], unverified: ['26515-7', '778-1'], unit: '10*9/L', lookback: LAB },
  { key: 'wbc', kind: 'quantity', short: 'WBC', label: { en: 'white blood cell count', zh: '白细胞计数' }, loinc: ['6690-2', '26464-8', '804-5'], unverified: ['6690-2', '26464-8', '804-5'], unit: '10*9/L', lookback: LAB },
  { key: 'lymphocytes', kind: 'quantity', short: 'LYM', label: { en: 'absolute lymphocyte count', zh: '淋巴细胞绝对值' }, loinc: ['731-0', '26474-7', '732-8'], unverified: ['731-0', '26474-7', '732-8'], unit: '10*9/L', lookback: LAB },
  { key: 'reticulocytes', kind: 'quantity', short: 'RET', label: { en: 'absolute reticulocyte count', zh: '网织红细胞绝对值' }, loinc: ['60474-4', '14196-0'], unverified: ['60474-4', '14196-0'], unit: '10*9/L', lookback: LAB },
  { key: 'reticulocytes.percent', kind: 'quantity', short: 'RET%', label: { en: 'reticulocytes (% of red cells)', zh: '网织红细胞百分比' }, loinc: ['4679-7', '17849-1'], unverified: ['4679-7', '17849-1'], unit: '%', lookback: LAB },
  // Coagulation
  { key: 'inr', kind: 'quantity', short: 'INR', label: { en: 'INR', zh: '国际标准化比值（INR）' }, loinc: ['6301-6', '34714-6', '46418-0'], unverified: ['34714-6', '46418-0'], unit: '{INR}', lookback: LAB },
  { key: 'pt', kind: 'quantity', short: 'PT', label: { en: 'prothrombin time', zh: '凝血酶原时间（PT）' }, loinc: ['5902-2', '5964-2'], unverified: ['5964-2'], unit: 's', unitAliases: { sec: 's', seconds: 's' }, lookback: LAB },
  { key: 'aptt', kind: 'quantity', short: 'APTT', label: { en: 'activated partial thromboplastin time', zh: '活化部分凝血活酶时间（APTT）' }, loinc: ['3173-2', '14979-9'], unverified: ['14979-9'], unit: 's', unitAliases: { sec: 's', seconds: 's' }, lookback: LAB },
  { key: 'fibrinogen', kind: 'quantity', short: 'FIB', label: { en: 'fibrinogen', zh: '纤维蛋白原' }, loinc: ['3255-7'], unverified: ['3255-7'], unit: 'g/L', lookback: LAB },
  // Heart and vital signs
  { key: 'lvef', kind: 'quantity', short: 'LVEF', label: { en: 'left ventricular ejection fraction (LVEF)', zh: '左心室射血分数（LVEF）' }, loinc: ['10230-1', '8806-2', '18043-0'], unverified: ['8806-2', '18043-0'], unit: '%', lookback: IMAGING },
  { key: 'bp.systolic', kind: 'quantity', short: 'SBP', label: { en: 'systolic blood pressure', zh: '收缩压' }, loinc: ['8480-6'], unit: 'mm[Hg]', unitAliases: { mmHg: 'mm[Hg]' }, lookback: VITAL },
  { key: 'bp.diastolic', kind: 'quantity', short: 'DBP', label: { en: 'diastolic blood pressure', zh: '舒张压' }, loinc: ['8462-4'], unit: 'mm[Hg]', unitAliases: { mmHg: 'mm[Hg]' }, lookback: VITAL },
  { key: 'heart.rate', kind: 'quantity', short: 'HR', label: { en: 'heart rate', zh: '心率' }, loinc: ['8867-4'], unverified: ['8867-4'], unit: '/min', unitAliases: { bpm: '/min', 'beats/min': '/min' }, lookback: VITAL },
  { key: 'qtc', kind: 'quantity', short: 'QTc', label: { en: 'corrected QT interval (QTc)', zh: '校正QT间期（QTc）' }, loinc: ['8636-3'], unverified: ['8636-3'], unit: 'ms', unitAliases: { msec: 'ms' }, lookback: IMAGING },
  { key: 'spo2', kind: 'quantity', short: 'SpO2', label: { en: 'oxygen saturation', zh: '血氧饱和度' }, loinc: ['59408-5', '2708-6'], unverified: ['59408-5', '2708-6'], unit: '%', lookback: VITAL },
  // Body size
  { key: 'bmi', kind: 'quantity', short: 'BMI', label: { en: 'body mass index', zh: '体重指数' }, loinc: ['39156-5'], unverified: ['39156-5'], unit: 'kg/m2', lookback: BODY },
  { key: 'weight', kind: 'quantity', short: 'Wt', label: { en: 'body weight', zh: '体重' }, loinc: ['29463-7', '3141-9'], unverified: ['29463-7', '3141-9'], unit: 'kg', lookback: BODY },
  { key: 'height', kind: 'quantity', short: 'Ht', label: { en: 'body height', zh: '身高' }, loinc: ['8302-2'], unverified: ['8302-2'], unit: 'cm', lookback: BODY },
  // Metabolic and electrolytes
  { key: 'hba1c', kind: 'quantity', short: 'HbA1c', label: { en: 'HbA1c', zh: '糖化血红蛋白' }, loinc: ['4548-4', '17856-6'], unverified: ['4548-4', '17856-6'], unit: '%', lookback: DAYS(90) },
  { key: 'glucose', kind: 'quantity', short: 'GLU', label: { en: 'glucose', zh: '血糖' }, loinc: ['2345-7', '2339-0', '15074-8', '14749-6'], unverified: ['2345-7', '2339-0', '15074-8', '14749-6'], unit: 'mmol/L', molecularWeight: 180.156, lookback: LAB },
  { key: 'potassium', kind: 'quantity', short: 'K', label: { en: 'potassium', zh: '钾' }, loinc: ['2823-3', '6298-4'], unverified: ['2823-3', '6298-4'], unit: 'mmol/L', unitAliases: { 'meq/L': 'mmol/L', 'mEq/L': 'mmol/L' }, lookback: LAB },
  { key: 'sodium', kind: 'quantity', short: 'Na', label: { en: 'sodium', zh: '钠' }, loinc: ['2951-2', '2947-0'], unverified: ['2951-2', '2947-0'], unit: 'mmol/L', unitAliases: { 'meq/L': 'mmol/L', 'mEq/L': 'mmol/L' }, lookback: LAB },
  { key: 'calcium', kind: 'quantity', short: 'Ca', label: { en: 'calcium', zh: '钙' }, loinc: ['17861-6', '2000-8'], unverified: ['17861-6', '2000-8'], unit: 'mmol/L', molecularWeight: 40.078, lookback: LAB },
  { key: 'magnesium', kind: 'quantity', short: 'Mg', label: { en: 'magnesium', zh: '镁' }, loinc: ['19123-9', '2601-3'], unverified: ['19123-9', '2601-3'], unit: 'mmol/L', molecularWeight: 24.305, lookback: LAB },
  { key: 'tsh', kind: 'quantity', short: 'TSH', label: { en: 'thyroid-stimulating hormone', zh: '促甲状腺激素' }, loinc: ['3016-3', '11580-8'], unverified: ['3016-3', '11580-8'], unit: 'm[IU]/L', unitAliases: { 'mIU/L': 'm[IU]/L', 'uIU/mL': 'm[IU]/L', 'u[IU]/mL': 'm[IU]/L' }, lookback: DAYS(90) },
  // Viral loads and immunology. HBV DNA in copies/mL and IU/mL are not interconvertible without the assay (clinical-domain.md §7).
  { key: 'hbv.dna', kind: 'quantity', short: 'HBV DNA', label: { en: 'HBV DNA', zh: '乙肝病毒DNA' }, loinc: ['29615-2'], unit: '{copies}/mL', unitAliases: { 'copies/mL': '{copies}/mL', 'copies/ml': '{copies}/mL', 'copys/ml': '{copies}/mL' }, lookback: SEROLOGY },
  { key: 'hbv.dna.iu', kind: 'quantity', short: 'HBV DNA (IU)', label: { en: 'HBV DNA (IU/mL)', zh: '乙肝病毒DNA（IU/mL）' }, loinc: ['42595-9'], unverified: ['42595-9'], unit: '[IU]/mL', unitAliases: { 'IU/mL': '[IU]/mL' }, lookback: SEROLOGY },
  { key: 'hcv.rna', kind: 'quantity', short: 'HCV RNA', label: { en: 'HCV RNA', zh: '丙肝病毒RNA' }, loinc: ['11011-1'], unverified: ['11011-1'], unit: '[IU]/mL', unitAliases: { 'IU/mL': '[IU]/mL' }, lookback: SEROLOGY },
  { key: 'cd4', kind: 'quantity', short: 'CD4', label: { en: 'CD4+ T-cell count', zh: 'CD4+ T细胞计数' }, loinc: ['24467-3'], unverified: ['24467-3'], unit: '/uL', unitAliases: { 'cells/uL': '/uL', 'cells/mm3': '/mm3' }, lookback: SEROLOGY },
  // Qualitative tests (result positive/negative; see qualitative.ts for the result codes).
  { key: 'hbsag', kind: 'qualitative', short: 'HBsAg', label: { en: 'hepatitis B surface antigen (HBsAg)', zh: '乙肝表面抗原（HBsAg）' }, loinc: ['5196-1', '5195-3', '7905-3'], unverified: ['5195-3', '7905-3'], lookback: SEROLOGY },
  { key: 'hbcab', kind: 'qualitative', short: 'HBcAb', label: { en: 'hepatitis B core antibody (HBcAb)', zh: '乙肝核心抗体（HBcAb）' }, loinc: ['16933-4', '13952-7'], unverified: ['13952-7'], lookback: SEROLOGY },
  { key: 'hbsab', kind: 'qualitative', short: 'HBsAb', label: { en: 'hepatitis B surface antibody (HBsAb)', zh: '乙肝表面抗体（HBsAb）' }, loinc: ['10900-9', '22322-2'], unverified: ['10900-9', '22322-2'], lookback: SEROLOGY },
  { key: 'hcv.ab', kind: 'qualitative', short: 'anti-HCV', label: { en: 'hepatitis C antibody', zh: '丙肝抗体' }, loinc: ['16128-1', '13955-0'], unverified: ['13955-0'], lookback: SEROLOGY },
  { key: 'hiv', kind: 'qualitative', short: 'HIV', label: { en: 'HIV antibody/antigen', zh: 'HIV抗体/抗原' }, loinc: ['7917-8', '7918-6', '31201-7', '56888-1', '75622-1'], unverified: ['7918-6', '31201-7', '56888-1', '75622-1'], lookback: SEROLOGY },
  { key: 'syphilis', kind: 'qualitative', short: 'syphilis', label: { en: 'syphilis test (TPPA/RPR)', zh: '梅毒检测（TPPA/RPR）' }, loinc: ['20507-0', '5292-8'], unverified: ['5292-8'], lookback: SEROLOGY },
  { key: 'pregnancy.test', kind: 'qualitative', short: 'hCG', label: { en: 'pregnancy test (hCG)', zh: '妊娠试验（hCG）' }, loinc: ['2106-3', '2118-8'], unverified: ['2106-3', '2118-8'], lookback: PREGNANCY },
  // Added for the criteria parser: measurements frequent in ClinicalTrials.gov criteria (ctgov-4868 corpus).
  // Codes: LOINC 2.78. Molecular weights for mg/dL ↔ mmol/L: cholesterol 386.65; uric acid 168.11;
  // triglycerides 885.7 (triolein, the basis of the conventional factor 0.01129 mmol/L per mg/dL).
  { key: 'hematocrit', kind: 'quantity', short: 'Hct', label: { en: 'hematocrit', zh: '红细胞压积' }, loinc: ['4544-3', '20570-8'], unverified: ['4544-3', '20570-8'], unit: '%', lookback: LAB },
  { key: 'triglycerides', kind: 'quantity', short: 'TG', label: { en: 'triglycerides', zh: '甘油三酯' }, loinc: ['2571-8'], unverified: ['2571-8'], unit: 'mmol/L', molecularWeight: 885.7, lookback: LAB },
  { key: 'cholesterol.total', kind: 'quantity', short: 'TC', label: { en: 'total cholesterol', zh: '总胆固醇' }, loinc: ['2093-3'], unverified: ['2093-3'], unit: 'mmol/L', molecularWeight: 386.65, lookback: LAB },
  { key: 'cholesterol.ldl', kind: 'quantity', short: 'LDL-C', label: { en: 'LDL cholesterol', zh: '低密度脂蛋白胆固醇' }, loinc: ['13457-7', '18262-6'], unverified: ['13457-7', '18262-6'], unit: 'mmol/L', molecularWeight: 386.65, lookback: LAB },
  { key: 'uric.acid', kind: 'quantity', short: 'UA', label: { en: 'uric acid', zh: '尿酸' }, loinc: ['3084-1'], unverified: ['3084-1'], unit: 'umol/L', molecularWeight: 168.11, lookback: LAB },
  { key: 'lipase', kind: 'quantity', short: 'LPS', label: { en: 'lipase', zh: '脂肪酶' }, loinc: ['3040-3'], unverified: ['3040-3'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'amylase', kind: 'quantity', short: 'AMY', label: { en: 'amylase', zh: '淀粉酶' }, loinc: ['1798-8'], unverified: ['1798-8'], unit: 'U/L', unitAliases: ENZYME_ALIASES, lookback: LAB },
  { key: 'psa', kind: 'quantity', short: 'PSA', label: { en: 'prostate-specific antigen (PSA)', zh: '前列腺特异性抗原（PSA）' }, loinc: ['2857-1'], unverified: ['2857-1'], unit: 'ng/mL', lookback: DAYS(90) },
  { key: 'afp', kind: 'quantity', short: 'AFP', label: { en: 'alpha-fetoprotein (AFP)', zh: '甲胎蛋白（AFP）' }, loinc: ['1834-1'], unverified: ['1834-1'], unit: 'ng/mL', lookback: DAYS(90) },
  { key: 'hiv.rna', kind: 'quantity', short: 'HIV RNA', label: { en: 'HIV-1 RNA (viral load)', zh: 'HIV-1 RNA（病毒载量）' }, loinc: ['20447-9'], unverified: ['20447-9'], unit: '{copies}/mL', unitAliases: { 'copies/mL': '{copies}/mL' }, lookback: SEROLOGY },
  { key: 'temperature', kind: 'quantity', short: 'T', label: { en: 'body temperature', zh: '体温' }, loinc: ['8310-5'], unverified: ['8310-5'], unit: 'Cel', lookback: DAYS(7) },
];

const byKey = new Map(ANALYTES.map((analyte) => [analyte.key, analyte]));
const byLoinc = new Map<string, AnalyteDefinition>();
for (const analyte of ANALYTES) for (const code of analyte.loinc) byLoinc.set(code, analyte);

export function analyteByKey(key: string): AnalyteDefinition | undefined {
  return byKey.get(key);
}

export function analyteByLoinc(code: string): AnalyteDefinition | undefined {
  return byLoinc.get(code);
}

/** LOINC codes of observations that are not analytes but other facts screening reads. */
export const OBSERVATION_CODES = {
  /** Pregnancy status (answers: SNOMED 77386006 pregnant, 60001007 not pregnant). */
  pregnancyStatus: '82810-3',
  /** Breastfeeding status (unverified: written from memory, not in the shared references or fixtures). */
  breastfeedingStatus: '63895-7',
} as const;
