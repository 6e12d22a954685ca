// Edit checks of laboratory results, as data: what each checks, how hard (a hard failure refuses the
// entry, a soft one stores a warning and raises a data query), and the message in English and Chinese
// with {parameters}. The evaluator is core/study/edit-checks.ts, run by the server and the web form.
//
// Sources:
// - range/hard: the possible values of each analyte (plausibility.ts, PLAUSIBILITY_TABLE_VERSION): a
//   value outside is a keying or unit error, never a patient.
// - range/soft: Eligo's convention (clinical-domain.md names none), set at values that are possible
//   but rare enough in aplastic-anaemia follow-up that the site should confirm them (usual
//   laboratory critical-value levels, M in clinical-domain.md's terms).
// - consistency: definitions. Neutrophils and lymphocytes are subsets of the white cells (ANC ≤ WBC);
//   reticulocytes: ARC (×10⁹/L) = retic % ÷ 100 × RBC (×10¹²/L) × 1000 (clinical-domain.md §7), so the
//   red-cell count the pair implies must be a possible one (0.5–8 ×10¹²/L, Eligo's convention).
// - cross-visit: Eligo's convention from transfusion practice (one RBC unit raises Hb ≈ 10 g/L, so
//   > 30 g/L within 7 days without a transfusion is unexpected in marrow failure; a platelet count ×5
//   within 7 days without a platelet transfusion likewise).
import { PLAUSIBLE_RANGES, PLAUSIBILITY_TABLE_VERSION } from './plausibility.ts';

export const EDIT_CHECK_TABLE_VERSION = 'edit-checks-2026-12.1';
export const EDIT_CHECK_SOURCE = `plausibility.ts (${PLAUSIBILITY_TABLE_VERSION}); clinical-domain.md §6–§7; Eligo convention for soft limits and cross-visit rules`;

export type EditCheckKind = 'range' | 'consistency' | 'cross-visit';
export type EditCheckSeverity = 'hard' | 'soft';

export type EditCheckRule =
  /** The value (canonical unit) must lie within [min, max] (inclusive). */
  | { type: 'within'; min: number; max: number }
  /** Soft range: a warning below `low` or above `high` (strictly). */
  | { type: 'unusual'; low?: number; high?: number }
  /** sum(parts) ≤ whole × factor (same panel, same canonical unit). */
  | { type: 'parts-of-whole'; parts: readonly string[]; whole: string; factor: number }
  /** The red-cell count implied by absolute and percent reticulocytes lies within [min, max] ×10¹²/L. */
  | { type: 'implied-rbc'; absolute: string; percent: string; min: number; max: number }
  /** A rise of more than `rise` (canonical unit) since a result at most `days` earlier, with no `product` transfusion between. */
  | { type: 'rise-without-transfusion'; rise: number; days: number; product: 'RBC' | 'platelets' }
  /** A value at least `factor` × a result at most `days` earlier, with no `product` transfusion between. */
  | { type: 'fold-without-transfusion'; factor: number; days: number; product: 'RBC' | 'platelets' };

export interface EditCheck {
  id: string;
  kind: EditCheckKind;
  severity: EditCheckSeverity;
  /** The analyte the finding is on first; the others it reads. */
  analytes: readonly string[];
  rule: EditCheckRule;
  /** With {analyte}, {value}, {unit} and the rule's parameters. */
  message: { en: string; zh: string };
  source: string;
}

/** The analytes laboratory follow-up enters (CBC, chemistry, coagulation). */
export const LAB_PANEL_ANALYTES = {
  cbc: ['hemoglobin', 'wbc', 'anc', 'lymphocytes', 'platelets', 'reticulocytes', 'reticulocytes.percent', 'hematocrit'],
  chemistry: ['alt', 'ast', 'alp', 'ggt', 'bilirubin.total', 'bilirubin.direct', 'albumin', 'creatinine', 'bun', 'glucose', 'potassium', 'sodium', 'calcium', 'magnesium', 'uric.acid'],
  coagulation: ['inr', 'pt', 'aptt', 'fibrinogen'],
} as const;

const ENTERED = new Set<string>(Object.values(LAB_PANEL_ANALYTES).flat());

const HARD_RANGES: EditCheck[] = PLAUSIBLE_RANGES.filter((range) => ENTERED.has(range.analyte)).map((range) => ({
  id: `range.${range.analyte}.possible`, kind: 'range', severity: 'hard', analytes: [range.analyte], rule: { type: 'within', min: range.min, max: range.max },
  message: { en: '{value} {unit} is not a possible {analyte}: expected {min}–{max} {unit}', zh: '{value} {unit} 不是可能的{analyte}：应在 {min}–{max} {unit} 之间' },
  source: `plausibility.ts (${PLAUSIBILITY_TABLE_VERSION}): ${range.basis}`,
}));

const UNUSUAL = { en: '{value} {unit} is an unusual {analyte} (expected {low}–{high} {unit} unless confirmed): please check the entry and the unit', zh: '{analyte} {value} {unit} 不常见（通常在 {low}–{high} {unit} 之间）：请核对数值和单位' };
const SOFT_SOURCE = 'Eligo convention (laboratory critical-value levels; clinical-domain.md names none)';
const soft = (analyte: string, low: number | undefined, high: number | undefined): EditCheck => ({
  id: `range.${analyte}.unusual`, kind: 'range', severity: 'soft', analytes: [analyte], rule: { type: 'unusual', ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) }, message: UNUSUAL, source: SOFT_SOURCE,
});

/** Canonical units: g/L, 10*9/L, U/L, umol/L, mmol/L, %, {INR}, s. */
const SOFT_RANGES: EditCheck[] = [
  soft('hemoglobin', 30, 200),
  soft('wbc', undefined, 100),
  soft('anc', undefined, 50),
  soft('lymphocytes', undefined, 50),
  soft('platelets', undefined, 1500),
  soft('reticulocytes', undefined, 500),
  soft('reticulocytes.percent', undefined, 30),
  soft('alt', undefined, 3000),
  soft('ast', undefined, 3000),
  soft('alp', undefined, 3000),
  soft('bilirubin.total', undefined, 500),
  soft('albumin', 10, 60),
  soft('creatinine', undefined, 1500),
  soft('potassium', 2, 7),
  soft('sodium', 115, 165),
  soft('inr', undefined, 8),
  soft('fibrinogen', 0.5, 10),
];

const CONSISTENCY: EditCheck[] = [
  {
    id: 'consistency.anc-le-wbc', kind: 'consistency', severity: 'hard', analytes: ['anc', 'wbc'], rule: { type: 'parts-of-whole', parts: ['anc'], whole: 'wbc', factor: 1 },
    message: { en: 'ANC {value} {unit} is more than the WBC {whole} {unit}: neutrophils are part of the white cells', zh: '中性粒细胞绝对值 {value} {unit} 大于白细胞计数 {whole} {unit}：中性粒细胞是白细胞的一部分' },
    source: 'definition (neutrophils are white cells)',
  },
  {
    id: 'consistency.differential-le-wbc', kind: 'consistency', severity: 'soft', analytes: ['anc', 'lymphocytes', 'wbc'], rule: { type: 'parts-of-whole', parts: ['anc', 'lymphocytes'], whole: 'wbc', factor: 1.05 },
    message: { en: 'ANC + lymphocytes ({sum} {unit}) exceed the WBC {whole} {unit} by more than rounding allows', zh: '中性粒细胞与淋巴细胞之和（{sum} {unit}）超过白细胞计数 {whole} {unit}，超出舍入误差' },
    source: 'definition (the differential is part of the white cells); 5 % allowance for rounding, Eligo convention',
  },
  {
    id: 'consistency.reticulocytes', kind: 'consistency', severity: 'soft', analytes: ['reticulocytes', 'reticulocytes.percent'], rule: { type: 'implied-rbc', absolute: 'reticulocytes', percent: 'reticulocytes.percent', min: 0.5, max: 8 },
    message: { en: 'reticulocytes {value} ×10⁹/L and {percent} % imply a red-cell count of {rbc} ×10¹²/L, outside {min}–{max}: one of them is probably wrong', zh: '网织红细胞绝对值 {value} ×10⁹/L 与百分比 {percent}% 推算的红细胞计数为 {rbc} ×10¹²/L，不在 {min}–{max} 之间：其中一项可能有误' },
    source: 'clinical-domain.md §7 (ARC = retic % ÷ 100 × RBC × 1000); RBC bounds Eligo convention',
  },
];

const CROSS_VISIT: EditCheck[] = [
  {
    id: 'cross-visit.hemoglobin-rise', kind: 'cross-visit', severity: 'soft', analytes: ['hemoglobin'], rule: { type: 'rise-without-transfusion', rise: 30, days: 7, product: 'RBC' },
    message: { en: 'hemoglobin rose by {change} g/L since {previousOn} ({previous} g/L) without a red-cell transfusion logged: please confirm', zh: '血红蛋白自 {previousOn}（{previous} g/L）起上升 {change} g/L，但未记录红细胞输注：请确认' },
    source: 'Eligo convention (one RBC unit raises Hb ≈ 10 g/L)',
  },
  {
    id: 'cross-visit.platelets-fold', kind: 'cross-visit', severity: 'soft', analytes: ['platelets'], rule: { type: 'fold-without-transfusion', factor: 5, days: 7, product: 'platelets' },
    message: { en: 'platelets rose {fold}-fold since {previousOn} ({previous} ×10⁹/L) without a platelet transfusion logged: please confirm', zh: '血小板自 {previousOn}（{previous} ×10⁹/L）起升高 {fold} 倍，但未记录血小板输注：请确认' },
    source: 'Eligo convention',
  },
];

export const EDIT_CHECKS: readonly EditCheck[] = [...HARD_RANGES, ...SOFT_RANGES, ...CONSISTENCY, ...CROSS_VISIT];

const byId = new Map(EDIT_CHECKS.map((check) => [check.id, check]));
export function editCheckById(id: string): EditCheck | undefined {
  return byId.get(id);
}

const COUNT_UNITS = ['10*9/L', '10*3/uL', '/mm3', '/uL'] as const;
/**
 * The units the entry form offers per analyte, canonical first (clinical-domain.md §7: g/L = g/dL × 10;
 * 1 ×10⁹/L = 1 ×10³/µL = 1000/mm³; bilirubin × 17.1, creatinine × 88.4). Any other UCUM unit the
 * analyte converts to is accepted as well; these are the ones people use.
 */
export const ENTRY_UNITS: Readonly<Record<string, readonly string[]>> = {
  hemoglobin: ['g/L', 'g/dL', 'mmol/L'], wbc: COUNT_UNITS, anc: COUNT_UNITS, lymphocytes: COUNT_UNITS, platelets: COUNT_UNITS, reticulocytes: COUNT_UNITS,
  'reticulocytes.percent': ['%'], hematocrit: ['%'],
  alt: ['U/L', 'ukat/L'], ast: ['U/L', 'ukat/L'], alp: ['U/L', 'ukat/L'], ggt: ['U/L', 'ukat/L'],
  'bilirubin.total': ['umol/L', 'mg/dL'], 'bilirubin.direct': ['umol/L', 'mg/dL'], albumin: ['g/L', 'g/dL'], creatinine: ['umol/L', 'mg/dL'], bun: ['mmol/L', 'mg/dL'],
  glucose: ['mmol/L', 'mg/dL'], potassium: ['mmol/L', 'meq/L'], sodium: ['mmol/L', 'meq/L'], calcium: ['mmol/L', 'mg/dL'], magnesium: ['mmol/L', 'mg/dL'], 'uric.acid': ['umol/L', 'mg/dL'],
  inr: ['{INR}'], pt: ['s'], aptt: ['s'], fibrinogen: ['g/L', 'mg/dL'],
};

/** The panel an analyte is entered on (undefined: not one laboratory follow-up enters). */
export function panelOf(analyte: string): 'cbc' | 'chemistry' | 'coagulation' | undefined {
  for (const [panel, analytes] of Object.entries(LAB_PANEL_ANALYTES)) if ((analytes as readonly string[]).includes(analyte)) return panel as 'cbc' | 'chemistry' | 'coagulation';
  return undefined;
}
