// Haematological response schemes for aplastic anaemia (clinical-domain.md §3a–§3c). A scheme is an
// ordered list of levels; the first level whose criteria hold gives the response, otherwise "none".
// study/response.ts interprets them. Counts: Hb g/L, ANC and platelets 10*9/L.
import type { Duration } from '../../criteria/rules.ts';
import type { SeveritySchemeId } from './severity.ts';

export const RESPONSE_TABLE_VERSION = 'aa-response-2026-12.1';

export type ResponseSchemeId = 'bsh-2016' | 'nih' | 'ebmt-race' | 'chinese';
export type ResponseLevel = 'complete' | 'partial';
export type CountAnalyte = 'hemoglobin' | 'anc' | 'platelets';

export type ResponseCriterion =
  /** A count above a threshold (sex-specific for the Chinese Hb thresholds). */
  | { kind: 'count'; analyte: CountAnalyte; comparator: '>' | '>='; value: number | { male: number; female: number } }
  /** Hb at or above the lower limit of normal for the subject's age and sex (reference-ranges.ts). */
  | { kind: 'hb-normal' }
  /** No RBC or platelet transfusion within the scheme's window before the assessment. */
  | { kind: 'transfusion-independent' }
  /** Transfusion independent now, having been dependent at baseline. */
  | { kind: 'transfusion-independence-gained' }
  /** The assessment's counts no longer meet the blood criteria of severe AA. */
  | { kind: 'not-severe' }
  /** At least one lineage doubled (≥ 2 × baseline) or normal (≥ LLN). */
  | { kind: 'lineage-doubled-or-normal' }
  /** A rise over baseline greater than `by`, counted only when the baseline was below `baselineBelow`. */
  | { kind: 'rise'; analyte: CountAnalyte; by: number; baselineBelow?: number }
  /** Any increase over baseline ("platelets somewhat increased"). */
  | { kind: 'increase'; analyte: CountAnalyte };

export interface ResponseLevelRule {
  response: ResponseLevel;
  /** The scheme's own name of the level (Chinese categories map onto complete/partial). */
  label: string;
  /** Which baseline severity the level is defined for. */
  baseline: 'any' | 'severe' | 'non-severe';
  allOf: readonly ResponseCriterion[];
  /** When present, at least one of these must hold too. */
  anyOf?: readonly ResponseCriterion[];
  /** What the level requires that one assessment cannot show (durations, symptoms). */
  unchecked?: string;
}

export interface ResponseScheme {
  id: ResponseSchemeId;
  scheme: string;
  version: string;
  sourceRef: string;
  confidence: 'V' | 'M';
  /** Window of transfusion independence before the assessment date, start inclusive (§3c). */
  transfusionWindow: Duration;
  /** Severity scheme behind "meets severe criteria". */
  severityScheme: SeveritySchemeId;
  levels: readonly ResponseLevelRule[];
  note?: string;
}

const count = (analyte: CountAnalyte, comparator: '>' | '>=', value: number | { male: number; female: number }): ResponseCriterion => ({ kind: 'count', analyte, comparator, value });
const TI: ResponseCriterion = { kind: 'transfusion-independent' };
const NOT_SEVERE: ResponseCriterion = { kind: 'not-severe' };
const EIGHT_WEEKS: Duration = { amount: 56, unit: 'd' };

export const RESPONSE_SCHEMES: readonly ResponseScheme[] = [
  {
    id: 'bsh-2016', scheme: 'BSH 2016 (adapted from Camitta 2000)', version: '2016', confidence: 'V', transfusionWindow: EIGHT_WEEKS, severityScheme: 'modified-camitta',
    sourceRef: 'Killick SB et al. Br J Haematol 2016;172:187-207; Camitta BM. Semin Hematol 2000;37:69-80; clinical-domain.md §3a (CR thresholds V; NSAA partial details M); window: §3c default 56 days',
    note: 'transfusion independence for a complete response follows Camitta 2000 (M); counts should be confirmed on two occasions ≥ 4 weeks apart, off growth factors (not checked from one assessment)',
    levels: [
      { response: 'complete', label: 'complete response', baseline: 'any', allOf: [{ kind: 'hb-normal' }, count('anc', '>', 1.5), count('platelets', '>', 150), TI] },
      { response: 'partial', label: 'partial response', baseline: 'severe', allOf: [TI, NOT_SEVERE] },
      {
        response: 'partial', label: 'partial response', baseline: 'non-severe', allOf: [NOT_SEVERE],
        anyOf: [{ kind: 'transfusion-independence-gained' }, { kind: 'lineage-doubled-or-normal' }, { kind: 'rise', analyte: 'hemoglobin', by: 30, baselineBelow: 60 }, { kind: 'rise', analyte: 'anc', by: 0.5, baselineBelow: 0.5 }, { kind: 'rise', analyte: 'platelets', by: 20, baselineBelow: 20 }],
      },
    ],
  },
  {
    id: 'nih', scheme: 'NIH (Townsley et al. 2017)', version: '2017', confidence: 'M', transfusionWindow: EIGHT_WEEKS, severityScheme: 'nih',
    sourceRef: 'Townsley DM et al. N Engl J Med 2017;376:1540-50 (NCT01623167); clinical-domain.md §3b',
    note: 'the partial response is defined for severe AA at baseline',
    levels: [
      { response: 'complete', label: 'complete response', baseline: 'any', allOf: [count('anc', '>=', 1.0), count('hemoglobin', '>=', 100), count('platelets', '>=', 100)] },
      { response: 'partial', label: 'partial response', baseline: 'severe', allOf: [NOT_SEVERE] },
    ],
  },
  {
    id: 'ebmt-race', scheme: 'EBMT SAAWP / RACE (Peffault de Latour et al. 2022)', version: '2022', confidence: 'M', transfusionWindow: EIGHT_WEEKS, severityScheme: 'modified-camitta',
    sourceRef: 'Peffault de Latour R et al. N Engl J Med 2022 (RACE); clinical-domain.md §3b',
    note: 'the partial response is defined for severe AA at baseline',
    levels: [
      { response: 'complete', label: 'complete response', baseline: 'any', allOf: [count('hemoglobin', '>', 100), count('anc', '>', 1), count('platelets', '>', 100)] },
      { response: 'partial', label: 'partial response', baseline: 'severe', allOf: [NOT_SEVERE, TI] },
    ],
  },
  {
    id: 'chinese', scheme: 'Traditional Chinese criteria (Zhang Zhinan)', version: '3rd edition', confidence: 'M', transfusionWindow: { amount: 3, unit: 'mo' }, severityScheme: 'chinese-2017',
    sourceRef: '张之南. 血液病诊断及疗效标准; clinical-domain.md §3b (categories V, thresholds M); window: no transfusion for 3 months',
    note: 'basically cured (基本治愈) is reported as complete, remission (缓解) and marked improvement (明显进步) as partial (M: Chinese papers differ in this mapping)',
    levels: [
      { response: 'complete', label: 'basically cured (基本治愈)', baseline: 'any', allOf: [count('hemoglobin', '>=', { male: 120, female: 110 }), count('anc', '>', 1.5), count('platelets', '>', 100), TI], unchecked: 'symptoms gone and no relapse for ≥ 1 year' },
      { response: 'partial', label: 'remission (缓解)', baseline: 'any', allOf: [count('hemoglobin', '>=', { male: 120, female: 100 }), { kind: 'increase', analyte: 'platelets' }, TI], unchecked: 'symptoms gone, WBC about 3.5 ×10⁹/L, stable ≥ 3 months' },
      { response: 'partial', label: 'marked improvement (明显进步)', baseline: 'any', allOf: [{ kind: 'rise', analyte: 'hemoglobin', by: 30 }, TI], unchecked: 'symptoms clearly better, sustained ≥ 3 months; the baseline is taken as the usual Hb of the month before treatment' },
    ],
  },
];

export const DEFAULT_RESPONSE_SCHEME: ResponseSchemeId = 'bsh-2016';

export function responseScheme(id: ResponseSchemeId): ResponseScheme {
  return RESPONSE_SCHEMES.find((scheme) => scheme.id === id) as ResponseScheme;
}
