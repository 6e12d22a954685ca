// Limits of normal (ULN/LLN) for "× ULN" criteria. Precedence, most specific first:
//   1. the result's own reference range (FHIR Observation.referenceRange) — the lab that measured it;
//   2. the screening site's configured range for the analyte, the patient's sex and age band,
//      in force on the collection date;
//   3. Eligo's documented default (clinical/tables/reference-ranges.ts: China WS/T first).
// Every resolved limit says which of the three it came from.
import { describeBandIn, renderLimitBasis, type LimitBasis, type RangeBand } from './limit-basis.ts';
import { analyteByKey } from '../clinical/tables/analytes.ts';
import { DEFAULT_REFERENCE_RANGES, type RangeSex, type ReferenceRangeEntry } from '../clinical/tables/reference-ranges.ts';
import { ageInYears } from '../clinical/calendar.ts';
import type { QuantityFact } from './facts.ts';
import { canonicalFactor, normalizeUnitSpelling, roundFloat } from './units.ts';

/** A site's configured reference range, valid from `effectiveFrom` to `effectiveTo` (inclusive; open when absent). */
export interface SiteReferenceRange extends ReferenceRangeEntry {
  siteId: string;
  effectiveFrom: string;
  effectiveTo?: string;
}

export type LimitSource = 'observation' | 'site' | 'default';

export interface ResolvedLimit {
  bound: 'low' | 'high';
  value: number;
  unit: string;
  source: LimitSource;
  /** "lab reference range on the result", "site 0012 range (male, 20–59 y, from 2025-01-01)", "WS/T 404.4-2018" (English). */
  detail: string;
  /** The same as data, for the reader's language (limit-basis.ts). */
  basis: LimitBasis;
}

export interface LimitPatient {
  sex?: 'female' | 'male' | 'other' | 'unknown';
  birthDate?: string;
}

/** Site ranges indexed by analyte, prepared once per site and reused for every screen. */
export type SiteRangeIndex = ReadonlyMap<string, readonly SiteReferenceRange[]>;

export function indexSiteRanges(ranges: readonly SiteReferenceRange[]): SiteRangeIndex {
  const index = new Map<string, SiteReferenceRange[]>();
  for (const range of ranges) {
    const list = index.get(range.analyte) ?? [];
    list.push(range);
    index.set(range.analyte, list);
  }
  return index;
}

const defaultsByAnalyte = new Map<string, ReferenceRangeEntry[]>();
for (const entry of DEFAULT_REFERENCE_RANGES) {
  const list = defaultsByAnalyte.get(entry.analyte) ?? [];
  list.push(entry);
  defaultsByAnalyte.set(entry.analyte, list);
}

export function resolveLimit(fact: QuantityFact, bound: 'low' | 'high', patient: LimitPatient, siteRanges?: SiteRangeIndex): ResolvedLimit | undefined {
  const own = fact.referenceRange?.[bound];
  if (own !== undefined) {
    return withBasis({ bound, value: own, unit: fact.unit, source: 'observation' }, { source: 'observation', ...(fact.referenceRange?.text ? { text: fact.referenceRange.text } : {}) });
  }
  const age = patient.birthDate ? ageInYears(patient.birthDate, fact.date) : undefined;
  const site = siteRanges?.get(fact.analyte);
  if (site) {
    const inForce = site.filter((range) => range.effectiveFrom <= fact.date && (range.effectiveTo === undefined || fact.date <= range.effectiveTo));
    const best = pickRange(inForce, bound, patient.sex, age);
    if (best) {
      const value = inCanonicalUnit(best[bound] as number, best.unit, fact.analyte);
      if (value !== undefined) {
        return withBasis({ bound, value, unit: fact.unit, source: 'site' }, { source: 'site', siteId: best.siteId, band: bandOf(best), effectiveFrom: best.effectiveFrom });
      }
    }
  }
  const defaults = defaultsByAnalyte.get(fact.analyte);
  const fallback = defaults ? pickRange(defaults, bound, patient.sex, age) : undefined;
  if (fallback) {
    const value = inCanonicalUnit(fallback[bound] as number, fallback.unit, fact.analyte);
    if (value !== undefined) return withBasis({ bound, value, unit: fact.unit, source: 'default' }, { source: 'default', reference: fallback.source, band: bandOf(fallback) });
  }
  return undefined;
}

/** The most specific range that has the bound: the patient's sex before 'any', a bounded age band before an open one. */
function pickRange<T extends ReferenceRangeEntry & { effectiveFrom?: string }>(ranges: readonly T[], bound: 'low' | 'high', sex: LimitPatient['sex'], age: number | undefined): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const range of ranges) {
    if (range[bound] === undefined) continue;
    if (!sexMatches(range.sex, sex)) continue;
    if (range.ageFrom !== undefined || range.ageTo !== undefined) {
      if (age === undefined) continue;
      if (range.ageFrom !== undefined && age < range.ageFrom) continue;
      if (range.ageTo !== undefined && age >= range.ageTo) continue;
    }
    const score = (range.sex === 'any' ? 0 : 2) + (range.ageFrom !== undefined || range.ageTo !== undefined ? 1 : 0);
    const newer = best?.effectiveFrom !== undefined && range.effectiveFrom !== undefined && range.effectiveFrom > best.effectiveFrom;
    if (score > bestScore || (score === bestScore && newer)) {
      best = range;
      bestScore = score;
    }
  }
  return best;
}

function sexMatches(rangeSex: RangeSex, sex: LimitPatient['sex']): boolean {
  return rangeSex === 'any' || rangeSex === sex;
}

function inCanonicalUnit(value: number, unit: string, analyteKey: string): number | undefined {
  const analyte = analyteByKey(analyteKey);
  if (!analyte?.unit) return value;
  const factor = canonicalFactor(normalizeUnitSpelling(unit, analyte), analyte);
  return factor === null ? undefined : roundFloat(value * factor);
}

export function describeBand(range: ReferenceRangeEntry): string {
  return describeBandIn(bandOf(range), 'en');
}

function bandOf(range: ReferenceRangeEntry): RangeBand {
  return { sex: range.sex, ...(range.ageFrom !== undefined ? { ageFrom: range.ageFrom } : {}), ...(range.ageTo !== undefined ? { ageTo: range.ageTo } : {}) };
}

function withBasis(limit: Omit<ResolvedLimit, 'detail' | 'basis'>, basis: LimitBasis): ResolvedLimit {
  return { ...limit, detail: renderLimitBasis(basis, 'en'), basis };
}
