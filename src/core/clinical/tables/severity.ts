// Aplastic-anaemia severity schemes (clinical-domain.md §2): the blood criteria of severe AA (at least
// two of three), the marrow criterion, and the very-severe neutrophil threshold. study/severity.ts
// interprets them in the order VSAA → SAA → NSAA. Counts are in 10*9/L, percentages in %.
export const SEVERITY_TABLE_VERSION = 'aa-severity-2026-12.1';

export type SeveritySchemeId = 'modified-camitta' | 'camitta' | 'chinese-2017' | 'nih';

/** A strict "below" threshold; the reference writes every severity criterion with "<". */
export interface Below { below: number }

export interface ReticulocyteCriterion {
  /** Absolute count (10*9/L) by method; `any` when the scheme does not depend on the method. */
  absolute?: { manual?: number; automated?: number; any?: number };
  /** Percentage of red cells (original Camitta: < 1 %, corrected for haematocrit). */
  percent?: number;
}

export interface MarrowCriterion {
  /** Cellularity < this (% of normal) is enough … */
  cellularityBelow: number;
  /** … or cellularity from `from` to `to` inclusive, with residual haematopoietic cells < `residualBelow` %. */
  band: { from: number; to: number; residualBelow: number };
}

export interface SeverityScheme {
  id: SeveritySchemeId;
  scheme: string;
  version: string;
  sourceRef: string;
  confidence: 'V' | 'M';
  /** Blood criteria of severe AA: at least `needed` of the three. */
  needed: number;
  neutrophils: Below;
  platelets: Below;
  reticulocytes: ReticulocyteCriterion;
  marrow: MarrowCriterion;
  /** VSAA: meets SAA and neutrophils < this (Bacigalupo 1988). */
  verySevereNeutrophils: Below;
  note?: string;
}

const CAMITTA_MARROW: MarrowCriterion = { cellularityBelow: 25, band: { from: 25, to: 50, residualBelow: 30 } };
const VSAA: Below = { below: 0.2 };

export const SEVERITY_SCHEMES: readonly SeverityScheme[] = [
  {
    id: 'modified-camitta', scheme: 'Modified Camitta (BSH 2016)', version: '2016', confidence: 'V',
    sourceRef: 'Killick SB et al. Br J Haematol 2016;172:187-207; clinical-domain.md §2; VSAA: Bacigalupo et al. 1988',
    needed: 2, neutrophils: { below: 0.5 }, platelets: { below: 20 }, reticulocytes: { absolute: { manual: 20, automated: 60 } }, marrow: CAMITTA_MARROW, verySevereNeutrophils: VSAA,
  },
  {
    id: 'camitta', scheme: 'Camitta (original)', version: '1976', confidence: 'M',
    sourceRef: 'Camitta BM et al. Blood 1976; clinical-domain.md §2 (thresholds V, wording M)',
    needed: 2, neutrophils: { below: 0.5 }, platelets: { below: 20 }, reticulocytes: { percent: 1 }, marrow: CAMITTA_MARROW, verySevereNeutrophils: VSAA,
    note: 'reticulocyte % is taken as already corrected for haematocrit; the 1976 criterion counts granulocytes, entered here as neutrophils',
  },
  {
    id: 'chinese-2017', scheme: 'Chinese expert consensus 2010/2017', version: '2017', confidence: 'V',
    sourceRef: '中华医学会血液学分会红细胞疾病(贫血)学组. 再生障碍性贫血诊断与治疗中国专家共识(2017). 中华血液学杂志 2017;38(1):1-5; clinical-domain.md §2',
    needed: 2, neutrophils: { below: 0.5 }, platelets: { below: 20 }, reticulocytes: { absolute: { any: 20 } }, marrow: CAMITTA_MARROW, verySevereNeutrophils: VSAA,
  },
  {
    id: 'nih', scheme: 'NIH usage', version: '2015', confidence: 'V',
    sourceRef: 'Desmond R, Townsley DM, Dunbar C, Young NS. Semin Hematol 2015;52:31-37; clinical-domain.md §2',
    needed: 2, neutrophils: { below: 0.5 }, platelets: { below: 20 }, reticulocytes: { absolute: { any: 60 } }, marrow: CAMITTA_MARROW, verySevereNeutrophils: VSAA,
    note: 'NIH names a "hypocellular marrow" without numbers; Camitta\'s marrow criterion is applied (M)',
  },
];

export const DEFAULT_SEVERITY_SCHEME: SeveritySchemeId = 'modified-camitta';

export function severityScheme(id: SeveritySchemeId): SeverityScheme {
  return SEVERITY_SCHEMES.find((scheme) => scheme.id === id) as SeverityScheme;
}
