// Screening without storage: one FHIR record against one rule set, or against many (ranked). The CLI
// uses this directly for file-based trials; screen.ts adds the database (stored rule sets, site ranges).
import { compareScreeningResults, evaluateRuleSet, recordProblemViews, type CriterionResult, type CriterionStatus, type RecordProblemView, type ScreeningResult } from '../core/criteria/evaluate.ts';
import type { RuleSet } from '../core/criteria/rules.ts';
import { isIsoDate } from '../core/clinical/calendar.ts';
import { echoValue, EligoError } from '../core/problems.ts';
import { patientFactsFromFhir } from '../core/patient/fhir.ts';
import type { PatientFacts } from '../core/patient/facts.ts';
import { indexSiteRanges, type SiteRangeIndex, type SiteReferenceRange } from '../core/patient/limits.ts';

export function checkAsOf(asOf: string): string {
  if (!isIsoDate(asOf)) throw EligoError.of('invalid', { code: 'invalid_date', field: 'asOf', value: asOf, expected: 'a date YYYY-MM-DD', message: `asOf: expected a date YYYY-MM-DD, got ${JSON.stringify(echoValue(asOf))}` });
  return asOf;
}

export interface ScreenOptions {
  asOf: string;
  siteRanges?: readonly SiteReferenceRange[];
}

/** Screens one FHIR record against one rule set (no storage involved). */
export function screenRecord(ruleSet: RuleSet, record: unknown, options: ScreenOptions): ScreeningResult {
  return screenRecordWithFacts(ruleSet, record, options).result;
}

/** The same, with the patient facts read from the record (the conduct service keeps the sex with the screening). */
export function screenRecordWithFacts(ruleSet: RuleSet, record: unknown, options: ScreenOptions): { result: ScreeningResult; facts: PatientFacts } {
  const asOf = checkAsOf(options.asOf);
  const facts = patientFactsFromFhir(record, { asOf });
  return { result: evaluateRuleSet(ruleSet, facts, { asOf, siteRanges: options.siteRanges ? indexSiteRanges(options.siteRanges) : undefined }), facts };
}

/** How much of each trial a ranking returns: `summary` (counts and missing items) or `full` (every criterion's result too). */
export const RANKING_DETAILS = ['summary', 'full'] as const;
export type RankingDetail = (typeof RANKING_DETAILS)[number];
export const DEFAULT_RANKING_LIMIT = 50;
export const MAX_RANKING_LIMIT = 500;

export interface RankedTrial {
  trial: string;
  title: string | null;
  status: string | null;
  verdict: ScreeningResult['verdict'];
  ruleSet: ScreeningResult['ruleSet'];
  /** Criteria by status. */
  counts: Record<CriterionStatus, number>;
  /** The data that would settle the unknown criteria. */
  missing: ScreeningResult['missing'];
  /** Number of points a person must confirm. */
  confirm: number;
  /** `detail: 'full'` only: every criterion's result and the points to confirm. */
  criteria?: CriterionResult[];
  confirmItems?: ScreeningResult['confirm'];
}

export interface Ranking {
  asOf: string;
  /** Open trials with a rule set that were screened (all of them, not only those returned). */
  total: number;
  /** The same as `total` (the name earlier clients read). */
  screened: number;
  /** Screened trials by verdict, over all of them. */
  verdicts: Record<ScreeningResult['verdict'], number>;
  limit: number;
  detail: RankingDetail;
  /** The best `limit` trials, ranked. */
  trials: RankedTrial[];
  warnings: string[];
  recordProblems: RecordProblemView[];
}

export interface RankingOptions {
  asOf: string;
  siteRanges?: SiteRangeIndex;
  /** How many trials to return (1–500, default 50); counts always cover every trial. */
  limit?: number;
  detail?: RankingDetail;
}

/** A limit outside 1–MAX_RANKING_LIMIT or a detail other than summary/full: the message names the value. */
export function checkRankingOptions(limit: number, detail: string): { limit: number; detail: RankingDetail } {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RANKING_LIMIT) throw invalidOption('limit', limit, `a whole number from 1 to ${MAX_RANKING_LIMIT}`);
  if (!(RANKING_DETAILS as readonly string[]).includes(detail)) throw invalidOption('detail', detail, '"summary" or "full"');
  return { limit, detail: detail as RankingDetail };
}

function invalidOption(field: string, value: unknown, expected: string): EligoError {
  return EligoError.of('invalid', { code: 'invalid_option', field, value, expected, message: `${field}: expected ${expected}, got ${JSON.stringify(echoValue(value))}` });
}

/**
 * Screens one patient against a list of rule sets and ranks them: eligible, then incomplete by how
 * little is missing, then ineligible. Every trial is screened and counted; the best `limit` are returned.
 */
export function rankRuleSets(entries: ReadonlyArray<{ ruleSet: RuleSet; title: string | null; status: string | null }>, facts: PatientFacts, options: RankingOptions): Ranking {
  const { limit, detail } = checkRankingOptions(options.limit ?? DEFAULT_RANKING_LIMIT, options.detail ?? 'summary');
  const evaluateOptions = { asOf: options.asOf, siteRanges: options.siteRanges };
  const results = entries.map((entry) => ({ entry, result: evaluateRuleSet(entry.ruleSet, facts, evaluateOptions) }));
  results.sort((a, b) => compareScreeningResults(a.result, b.result));
  const verdicts: Ranking['verdicts'] = { eligible: 0, incomplete: 0, ineligible: 0 };
  for (const { result } of results) verdicts[result.verdict]++;
  return {
    asOf: options.asOf,
    total: results.length,
    screened: results.length,
    verdicts,
    limit,
    detail,
    trials: results.slice(0, limit).map(({ entry, result }) => {
      const counts: RankedTrial['counts'] = { pass: 0, fail: 0, unknown: 0, confirm: 0 };
      for (const criterion of result.criteria) counts[criterion.status]++;
      const ranked: RankedTrial = {
        trial: result.trial,
        title: entry.title,
        status: entry.status,
        verdict: result.verdict,
        ruleSet: result.ruleSet,
        counts,
        missing: result.missing,
        confirm: result.confirm.length,
      };
      if (detail === 'full') {
        ranked.criteria = result.criteria;
        ranked.confirmItems = result.confirm;
      }
      return ranked;
    }),
    warnings: facts.problems.map((problem) => problem.message),
    recordProblems: recordProblemViews(facts),
  };
}
