// Where a limit of normal came from, as data, and its wording in English and Simplified Chinese
// ("site 0012 range (male, 20–59 y, in force from 2025-01-01)" / "本中心 0012 参考范围（男，20–59 岁，2025-01-01 起生效）").
import type { Lang } from '../criteria/explain/lang.ts';

/** The sex and age band a range applies to; ageTo is exclusive. */
export interface RangeBand {
  sex: 'female' | 'male' | 'any';
  ageFrom?: number;
  ageTo?: number;
}

export type LimitBasis =
  | { source: 'observation'; text?: string }
  | { source: 'site'; siteId: string; band: RangeBand; effectiveFrom: string }
  | { source: 'default'; reference: string; band: RangeBand };

const SEX_EN = { female: 'female', male: 'male', any: 'both sexes' } as const;
const SEX_ZH = { female: '女', male: '男', any: '男女' } as const;

function ages(band: RangeBand): string | undefined {
  if (band.ageFrom === undefined && band.ageTo === undefined) return undefined;
  return `${band.ageFrom ?? 0}${band.ageTo !== undefined ? `–${band.ageTo - 1}` : '+'}`;
}

export function describeBandIn(band: RangeBand, lang: Lang): string {
  const age = ages(band);
  if (lang === 'zh') return `${SEX_ZH[band.sex]}${age ? `，${age} 岁` : ''}`;
  return `${SEX_EN[band.sex]}${age ? `, ${age} y` : ''}`;
}

export function renderLimitBasis(basis: LimitBasis, lang: Lang): string {
  if (lang === 'zh') {
    switch (basis.source) {
      case 'observation':
        return `化验报告所附参考范围${basis.text ? `（${basis.text}）` : ''}`;
      case 'site':
        return `本中心 ${basis.siteId} 参考范围（${describeBandIn(basis.band, 'zh')}，${basis.effectiveFrom} 起生效）`;
      case 'default':
        return `默认参考范围《${basis.reference}》（${describeBandIn(basis.band, 'zh')}）`;
    }
  }
  switch (basis.source) {
    case 'observation':
      return `reference range reported with the result${basis.text ? ` (${basis.text})` : ''}`;
    case 'site':
      return `site ${basis.siteId} range (${describeBandIn(basis.band, 'en')}, in force from ${basis.effectiveFrom})`;
    case 'default':
      return `Eligo default: ${basis.reference} (${describeBandIn(basis.band, 'en')})`;
  }
}
