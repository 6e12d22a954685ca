// Screening without storage: one FHIR record against one rule set, or against many (ranked). The CLI
// uses this directly for file-based trials; screen.ts adds the database (stored rule sets, site ranges).
import { compareScreeningResults, evaluateRuleSet, type ScreeningResult } from '../core/criteria/evaluate.ts';
import type { RuleSet } from '../core/criteria/rules.ts';
import { isIsoDate } from '../core/clinical/calendar.ts';
import { patientFactsFromFhir } from '../core/patient/fhir.ts';
import type { PatientFacts } from '../core/patient/facts.ts';
import { indexSiteRanges, type SiteRangeIndex, type SiteReferenceRange } from '../core/patient/limits.ts';

export class ScreeningError extends Error {
  readonly code: 'trial_not_found' | 'no_rule_set' | 'invalid_date';
  constructor(code: ScreeningError['code'], message: string) {
    super(message);
    this.name = 'ScreeningError';
    this.code = code;
  }
}

export function checkAsOf(asOf: string): string {
  if (!isIsoDate(asOf)) throw new ScreeningError('invalid_date', `asOf: expected a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  return asOf;
}

export interface ScreenOptions {
  asOf: string;
  siteRanges?: readonly SiteReferenceRange[];
}

/** Screens one FHIR record against one rule set (no storage involved). */
export function screenRecord(ruleSet: RuleSet, record: unknown, options: ScreenOptions): ScreeningResult {
  const asOf = checkAsOf(options.asOf);
  const facts = patientFactsFromFhir(record, { asOf });
  return evaluateRuleSet(ruleSet, facts, { asOf, siteRanges: options.siteRanges ? indexSiteRanges(options.siteRanges) : undefined });
}

export interface RankedTrial {
  trial: string;
  title: string | null;
  status: string | null;
  verdict: ScreeningResult['verdict'];
  ruleSet: ScreeningResult['ruleSet'];
  /** Criteria that fail, with their reasons. */
  failing: Array<{ id: string; text: string; reason: string }>;
  /** Number of criteria still unknown, and the data that would settle them. */
  unknown: number;
  missing: ScreeningResult['missing'];
  confirm: number;
}

export interface Ranking {
  asOf: string;
  /** Open trials with a rule set that were screened. */
  screened: number;
  trials: RankedTrial[];
  warnings: string[];
}

/** Screens one patient against a list of rule sets and ranks them: eligible, then incomplete by how little is missing, then ineligible. */
export function rankRuleSets(entries: ReadonlyArray<{ ruleSet: RuleSet; title: string | null; status: string | null }>, facts: PatientFacts, options: { asOf: string; siteRanges?: SiteRangeIndex }): Ranking {
  const results = entries.map((entry) => ({ entry, result: evaluateRuleSet(entry.ruleSet, facts, options) }));
  results.sort((a, b) => compareScreeningResults(a.result, b.result));
  return {
    asOf: options.asOf,
    screened: results.length,
    trials: results.map(({ entry, result }) => ({
      trial: result.trial,
      title: entry.title,
      status: entry.status,
      verdict: result.verdict,
      ruleSet: result.ruleSet,
      failing: result.criteria.filter((c) => c.status === 'fail').map((c) => ({ id: c.id, text: c.text, reason: c.reason })),
      unknown: result.criteria.filter((c) => c.status === 'unknown').length,
      missing: result.missing,
      confirm: result.confirm.length,
    })),
    warnings: facts.problems.map((problem) => problem.message),
  };
}

