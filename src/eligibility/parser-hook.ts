// The criteria parser as the screening services use it: a trial without a stored rule set gets the
// parser's unreviewed reading. Imported statically, so a broken parser fails at start-up, loudly,
// instead of quietly leaving every such trial without rules.
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';
import { parseCriteria, toCriterion } from '../core/criteria/parse/index.ts';

export interface CriteriaParser {
  parseCriteria: (text: string) => unknown;
  toCriterion: (parsed: never) => unknown;
}

const PARSER: CriteriaParser = { parseCriteria, toCriterion: toCriterion as CriteriaParser['toCriterion'] };

export function criteriaParser(): CriteriaParser {
  return PARSER;
}

/** The parser's output (criteria, or {criteria}) as an unreviewed rule set; undefined if it is not one. */
export function unreviewedRuleSet(nctId: string, parsed: unknown, convert?: CriteriaParser['toCriterion']): RuleSet | undefined {
  const list = Array.isArray(parsed) ? parsed : (parsed as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(list)) return undefined;
  const criteria = convert ? list.map((criterion) => convert(criterion as never)) : list;
  const result = ruleSetSchema.safeParse({ nctId, version: 1, review: 'unreviewed', criteria });
  return result.success ? result.data : undefined;
}

export function parseTrialCriteria(nctId: string, eligibilityCriteria: string): RuleSet | undefined {
  return unreviewedRuleSet(nctId, parseCriteria(eligibilityCriteria), PARSER.toCriterion);
}
