// The hook to the criteria parser (src/core/criteria/parse/, another work stream): when a trial has
// no stored rule set, screening falls back to the parser's unreviewed output. The parser is looked
// up at run time, so screening works with reviewed rule sets alone wherever the parser is absent.
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';

interface ParserModule {
  parseCriteria: (text: string) => unknown;
  /** Converts one parsed criterion to the rule-set shape, when the parser's output is not already in it. */
  toCriterion?: (parsed: never) => unknown;
}

let parserPromise: Promise<ParserModule | undefined> | undefined;

/** The parser module if src/core/criteria/parse/index.ts exports `parseCriteria(text)`. */
export function loadCriteriaParser(): Promise<ParserModule | undefined> {
  parserPromise ??= (async () => {
    const specifier = '../core/criteria/parse/index.ts';
    try {
      const module = (await import(specifier)) as Partial<ParserModule>;
      return typeof module.parseCriteria === 'function' ? (module as ParserModule) : undefined;
    } catch {
      return undefined;
    }
  })();
  return parserPromise;
}

/** The parser's output (criteria, or {criteria}) as an unreviewed rule set; undefined if it is not one. */
export function unreviewedRuleSet(nctId: string, parsed: unknown, toCriterion?: ParserModule['toCriterion']): RuleSet | undefined {
  const list = Array.isArray(parsed) ? parsed : (parsed as { criteria?: unknown } | null)?.criteria;
  if (!Array.isArray(list)) return undefined;
  const criteria = toCriterion ? list.map((criterion) => toCriterion(criterion as never)) : list;
  const result = ruleSetSchema.safeParse({ nctId, version: 1, review: 'unreviewed', criteria });
  return result.success ? result.data : undefined;
}

export async function parseTrialCriteria(nctId: string, eligibilityCriteria: string): Promise<RuleSet | undefined> {
  const parser = await loadCriteriaParser();
  if (!parser) return undefined;
  return unreviewedRuleSet(nctId, parser.parseCriteria(eligibilityCriteria), parser.toCriterion);
}
