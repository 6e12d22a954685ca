// The screening service: a trial's current rule set + a patient's FHIR record → a screening result,
// and one patient against every open trial → a ranking. Storage and the parser fallback live here;
// the decisions are the core's (patientFactsFromFhir + evaluateRuleSet).
import type { Kysely } from 'kysely';
import { evaluateRuleSet, type ScreeningResult } from '../core/criteria/evaluate.ts';
import type { RuleSet } from '../core/criteria/rules.ts';
import { patientFactsFromFhir } from '../core/patient/fhir.ts';
import { indexSiteRanges, type SiteRangeIndex } from '../core/patient/limits.ts';
import type { Tables } from '../store/tables.ts';
import { currentRuleSet, currentRuleSetsOfOpenTrials, type StoredRuleSet } from './rule-set-store.ts';
import { checkAsOf, checkRankingOptions, DEFAULT_RANKING_LIMIT, rankRuleSets, ScreeningError, type Ranking, type RankingDetail } from './screening.ts';
import { siteRanges } from './site-ranges.ts';

/**
 * The rule set that screens a trial: the stored one (reviewed first), else the parser's output —
 * parsed now and stored (tagged with the parser version) when the trial has never been refreshed.
 */
export async function ruleSetForScreening(db: Kysely<Tables>, nctId: string): Promise<RuleSet> {
  return (await storedRuleSetForScreening(db, nctId)).ruleSet;
}

export async function storedRuleSetForScreening(db: Kysely<Tables>, nctId: string): Promise<StoredRuleSet> {
  const stored = await currentRuleSet(db, nctId);
  if (stored) return stored;
  // Loaded only here: screening a trial with a stored rule set (the common case) does not pay for them.
  const [{ getTrialRecord }, { refreshParsedRuleSets }] = await Promise.all([import('../registry/store/trials.ts'), import('./parsed-rule-sets.ts')]);
  const trial = await getTrialRecord(db, nctId);
  if (!trial) throw new ScreeningError('trial_not_found', `trial ${nctId} is not in the registry`);
  const text = trial.protocolSection?.eligibilityModule?.eligibilityCriteria;
  if (text?.trim()) await refreshParsedRuleSets(db, { nctIds: [nctId] });
  const parsed = text?.trim() ? await currentRuleSet(db, nctId) : undefined;
  if (!parsed) throw new ScreeningError('no_rule_set', `trial ${nctId} has no rule set yet${text?.trim() ? '' : ' (and no eligibility criteria text)'}`);
  return parsed;
}

export async function siteRangeIndex(db: Kysely<Tables>, siteId: string | undefined): Promise<SiteRangeIndex | undefined> {
  return siteId ? indexSiteRanges(await siteRanges(db, siteId)) : undefined;
}

export async function screenTrial(db: Kysely<Tables>, nctId: string, record: unknown, options: { asOf: string; siteId?: string }): Promise<ScreeningResult> {
  const asOf = checkAsOf(options.asOf);
  // Read the record first: a bad bundle is reported before any database work.
  const facts = patientFactsFromFhir(record, { asOf });
  const [ruleSet, ranges] = await Promise.all([ruleSetForScreening(db, nctId), siteRangeIndex(db, options.siteId)]);
  return evaluateRuleSet(ruleSet, facts, { asOf, siteRanges: ranges });
}

export async function rankOpenTrials(db: Kysely<Tables>, record: unknown, options: { asOf: string; siteId?: string; limit?: number; detail?: RankingDetail }): Promise<Ranking> {
  const asOf = checkAsOf(options.asOf);
  // Options and record first: bad input is reported before any database work.
  checkRankingOptions(options.limit ?? DEFAULT_RANKING_LIMIT, options.detail ?? 'summary');
  const facts = patientFactsFromFhir(record, { asOf });
  const [entries, ranges] = await Promise.all([currentRuleSetsOfOpenTrials(db), siteRangeIndex(db, options.siteId)]);
  return rankRuleSets(entries, facts, { asOf, siteRanges: ranges, limit: options.limit, detail: options.detail });
}
