// What the registry stores beside each trial's record: the columns search filters, sorts and facets on,
// the texts of the four tsvector weights, the names text for trigram (and Chinese) matching, the sites
// for distance search, and the hit shown in result lists. Pure: a trial in, plain data out.
import { trialSummary, type TrialSummary } from '../core/trial/facts.ts';
import type { Trial } from '../core/trial/model.ts';

export interface TrialHitBase {
  nctId: string;
  briefTitle: string;
  acronym?: string;
  overallStatus?: string;
  phases: string[];
  studyType?: string;
  conditions: string[];
  interventions: Array<{ type: string; name: string }>;
  leadSponsor?: string;
  startDate?: string;
  lastUpdate?: string;
  enrollment?: number;
  sex?: string;
  minimumAge?: string;
  maximumAge?: string;
  locationCount: number;
}

export interface SiteRow {
  position: number;
  facility: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface TrialDocument {
  nctId: string;
  briefTitle: string | null;
  acronym: string | null;
  overallStatus: string | null;
  phases: string[];
  studyType: string | null;
  sex: string | null;
  minAgeYears: number | null;
  maxAgeYears: number | null;
  interventionTypes: string[];
  leadSponsor: string | null;
  collaborators: string[];
  /** Lower-cased, for case-insensitive filtering. */
  countries: string[];
  /** Lower-cased, for case-insensitive filtering. */
  cities: string[];
  /** PartialDate widened to a calendar date (2017 → 2017-01-01, 2017-03 → 2017-03-01) for sorting. */
  startDate: string | null;
  lastUpdate: string | null;
  enrollment: number | null;
  locationCount: number;
  hit: TrialHitBase;
  names: string;
  /** Characters and character pairs of the CJK text in names (see cjkGrams). */
  cjkGrams: string[];
  /** Every facet value as "facet\tvalue" (see FACETS). */
  facetKeys: string[];
  /** Texts for tsvector weights A (titles, id), B (conditions, keywords, interventions), C (sponsors, sites), D (descriptions, criteria). */
  weightA: string;
  weightB: string;
  weightC: string;
  weightD: string;
  sites: SiteRow[];
}

/** Han, kana and hangul: scripts the english text-search configuration cannot split into words. */
export const CJK_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The facets of search results, in the order the API lists them. */
export const FACETS = ['status', 'phase', 'studyType', 'sex', 'interventionType', 'country', 'sponsor'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_SEPARATOR = '\t';

function facetKeys(values: Record<Facet, Array<string | null>>): string[] {
  const keys = new Set<string>();
  for (const facet of FACETS) for (const value of values[facet]) if (value !== null && value !== '') keys.add(`${facet}${FACET_SEPARATOR}${value}`);
  return [...keys];
}

export function trialDocument(trial: Trial): TrialDocument {
  const summary = trialSummary(trial);
  const protocol = trial.protocolSection;
  const identification = protocol.identificationModule;
  const description = protocol.descriptionModule;
  const eligibility = protocol.eligibilityModule;
  const conditionTerms = (trial.derivedSection?.conditionBrowseModule?.meshes ?? []).map((mesh) => mesh.term);
  const otherNames = (protocol.armsInterventionsModule?.interventions ?? []).flatMap((i) => i.otherNames ?? []);
  const organization = identification.organization?.fullName ?? null;

  const sites: SiteRow[] = summary.locations.map((location, position) => ({
    position,
    facility: location.facility,
    city: location.city,
    state: location.state,
    country: location.country,
    lat: location.lat,
    lon: location.lon,
  }));
  const titles = [summary.briefTitle, summary.officialTitle, summary.acronym];
  // Titles join the trigram-indexed names only when they hold CJK text: English words are already in
  // the tsvector, and a Chinese query can only ever match text that contains Chinese characters.
  const names = joinTexts([
    ...titles.filter((title) => title !== null && CJK_PATTERN.test(title)),
    summary.leadSponsor,
    ...summary.collaborators,
    organization,
    ...sites.flatMap((site) => [site.facility, site.city, site.state, site.country]),
  ]);

  return {
    nctId: summary.nctId,
    briefTitle: summary.briefTitle,
    acronym: summary.acronym,
    overallStatus: summary.overallStatus,
    phases: summary.phases,
    studyType: summary.studyType,
    sex: summary.sex,
    minAgeYears: summary.minimumAgeYears,
    maxAgeYears: summary.maximumAgeYears,
    interventionTypes: unique(summary.interventions.map((intervention) => intervention.type)),
    leadSponsor: summary.leadSponsor,
    collaborators: summary.collaborators,
    countries: unique(sites.map((site) => site.country?.toLowerCase() ?? null)),
    cities: unique(sites.map((site) => site.city?.toLowerCase() ?? null)),
    startDate: widenPartialDate(summary.startDate),
    lastUpdate: widenPartialDate(summary.lastUpdate),
    enrollment: summary.enrollment,
    locationCount: sites.length,
    hit: trialHit(summary, eligibility?.minimumAge, eligibility?.maximumAge),
    names,
    cjkGrams: cjkGrams(names),
    facetKeys: facetKeys({
      status: [summary.overallStatus],
      phase: summary.phases,
      studyType: [summary.studyType],
      sex: [summary.sex],
      interventionType: summary.interventions.map((intervention) => intervention.type),
      country: sites.map((site) => site.country),
      sponsor: [summary.leadSponsor],
    }),
    weightA: joinTexts([summary.nctId, ...(identification.nctIdAliases ?? []), ...titles]),
    weightB: joinTexts([
      ...summary.conditions,
      ...summary.keywords,
      ...conditionTerms,
      ...summary.interventions.map((intervention) => intervention.name),
      ...otherNames,
      ...summary.interventionTerms,
    ]),
    weightC: joinTexts([
      summary.leadSponsor,
      ...summary.collaborators,
      organization,
      ...sites.flatMap((site) => [site.facility, site.city, site.state, site.country]),
    ]),
    weightD: joinTexts([description?.briefSummary, description?.detailedDescription, eligibility?.eligibilityCriteria]),
    sites,
  };
}

function trialHit(summary: TrialSummary, minimumAge: string | undefined, maximumAge: string | undefined): TrialHitBase {
  const hit: TrialHitBase = {
    nctId: summary.nctId,
    // A title-less record (common in old registrations) still needs a label to click.
    briefTitle: summary.briefTitle ?? summary.officialTitle ?? summary.nctId,
    phases: summary.phases,
    conditions: summary.conditions,
    interventions: summary.interventions.map((intervention) => ({ type: intervention.type ?? 'OTHER', name: intervention.name })),
    locationCount: summary.locations.length,
  };
  if (summary.acronym !== null) hit.acronym = summary.acronym;
  if (summary.overallStatus !== null) hit.overallStatus = summary.overallStatus;
  if (summary.studyType !== null) hit.studyType = summary.studyType;
  if (summary.leadSponsor !== null) hit.leadSponsor = summary.leadSponsor;
  if (summary.startDate !== null) hit.startDate = summary.startDate;
  if (summary.lastUpdate !== null) hit.lastUpdate = summary.lastUpdate;
  if (summary.enrollment !== null) hit.enrollment = summary.enrollment;
  if (summary.sex !== null) hit.sex = summary.sex;
  if (minimumAge !== undefined) hit.minimumAge = minimumAge;
  if (maximumAge !== undefined) hit.maximumAge = maximumAge;
  return hit;
}

const CJK_RUNS = new RegExp(`(?:${CJK_PATTERN.source})+`, 'gu');

/**
 * Each CJK character and each pair of neighbouring ones: 北京协和医院 → 北, 京, 协, … 北京, 京协, 协和, ….
 * A query's pairs (or its one character) must all be present; the exact text is then checked with ILIKE.
 */
export function cjkGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of text.match(CJK_RUNS) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]);
      if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return [...grams];
}

/** The grams a CJK query segment must find: its pairs, or the character itself when it is one. */
export function cjkQueryGrams(segment: string): string[] {
  const chars = [...segment];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((char, i) => chars[i] + char))];
}

export function widenPartialDate(date: string | null): string | null {
  if (date === null) return null;
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date;
}

function joinTexts(texts: Array<string | null | undefined>): string {
  return texts.filter((text): text is string => typeof text === 'string' && text !== '').join('\n');
}

function unique<T>(values: Array<T | null>): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== ''))];
}
