// The screening service: a trial's current rule set + a patient's FHIR record → a screening result,
// and one patient against every open trial → a ranking. It reads through the repositories and never
// writes: a trial whose parser output was never stored (imported without the refresh) is read by the
// parser in memory; storing it is the import's or `eligo rules refresh`'s job.
import { evaluateRuleSet, type ScreeningResult } from '../core/criteria/evaluate.ts';
import type { RuleSet } from '../core/criteria/rules.ts';
import { PARSER_VERSION } from '../core/criteria/parse/version.ts';
import { patientFactsFromFhir } from '../core/patient/fhir.ts';
import { indexSiteRanges, type SiteRangeIndex } from '../core/patient/limits.ts';
import { EligoError } from '../core/problems.ts';
import type { Stores, StoredRuleSet } from '../store/index.ts';
import { checkAsOf, checkRankingOptions, DEFAULT_RANKING_LIMIT, rankRuleSets, type Ranking, type RankingDetail } from './screening.ts';

/** The rule set that screens a trial: the stored one (reviewed first), else the parser's reading of its criteria. */
export async function ruleSetForScreening(stores: Stores, nctId: string): Promise<RuleSet> {
  return (await storedRuleSetForScreening(stores, nctId)).ruleSet;
}

export async function storedRuleSetForScreening(stores: Stores, nctId: string): Promise<StoredRuleSet> {
  const stored = await stores.ruleSets.current(nctId);
  if (stored) return stored;
  const trial = await stores.trials.record(nctId);
  if (!trial) throw EligoError.of('not_found', { code: 'trial_not_found', field: 'nctId', value: nctId, expected: 'a trial in the registry', message: `trial ${nctId} is not in the registry` });
  const text = trial.protocolSection?.eligibilityModule?.eligibilityCriteria;
  // Loaded only here: screening a trial with a stored rule set (the common case) does not pay for the parser.
  const parsed = text?.trim() ? (await import('./parser-hook.ts')).parseTrialCriteria(nctId, text) : undefined;
  if (!parsed) throw EligoError.of('not_found', { code: 'no_rule_set', field: 'nctId', value: nctId, expected: 'a trial with a rule set', message: `trial ${nctId} has no rule set yet${text?.trim() ? '' : ' (and no eligibility criteria text)'}` });
  return { ruleSet: parsed, source: 'parser', createdAt: new Date(0), parserVersion: PARSER_VERSION };
}

export async function siteRangeIndex(stores: Stores, siteId: string | undefined): Promise<SiteRangeIndex | undefined> {
  return siteId ? indexSiteRanges(await stores.siteRanges.list(siteId)) : undefined;
}

export async function screenTrial(stores: Stores, nctId: string, record: unknown, options: { asOf: string; siteId?: string }): Promise<ScreeningResult> {
  const asOf = checkAsOf(options.asOf);
  // Read the record first: a bad bundle is reported before any database work.
  const facts = patientFactsFromFhir(record, { asOf });
  const [ruleSet, ranges] = await Promise.all([ruleSetForScreening(stores, nctId), siteRangeIndex(stores, options.siteId)]);
  return evaluateRuleSet(ruleSet, facts, { asOf, siteRanges: ranges });
}

export async function rankOpenTrials(stores: Stores, record: unknown, options: { asOf: string; siteId?: string; limit?: number; detail?: RankingDetail }): Promise<Ranking> {
  const asOf = checkAsOf(options.asOf);
  // Options and record first: bad input is reported before any database work.
  checkRankingOptions(options.limit ?? DEFAULT_RANKING_LIMIT, options.detail ?? 'summary');
  const facts = patientFactsFromFhir(record, { asOf });
  const [entries, ranges] = await Promise.all([stores.ruleSets.currentOfOpenTrials(), siteRangeIndex(stores, options.siteId)]);
  return rankRuleSets(entries, facts, { asOf, siteRanges: ranges, limit: options.limit, detail: options.detail });
}
