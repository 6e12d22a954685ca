// Rule-set JSON at the edge (files, API bodies): validation with errors naming each field. Storage is in
// src/store/rule-sets.ts, so that screening a rule-set file never loads the database layer.
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';
import { EligoError, problem } from '../core/problems.ts';

/** Validates JSON as a rule set; the error names each bad field and what was expected. */
export function parseRuleSet(input: unknown, origin: string): RuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => problem({ code: 'invalid_rule_set', field: issue.path.map(String).join('.') || '(root)', expected: issue.message, message: `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` }));
    throw new EligoError('invalid', 'invalid_rule_set', `${origin} is not a valid rule set: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  const ids = new Set<string>();
  for (const criterion of parsed.data.criteria) {
    if (ids.has(criterion.id)) throw EligoError.of('invalid', { code: 'invalid_rule_set', field: 'criteria.id', value: criterion.id, expected: 'criterion ids that appear once', message: `${origin}: criterion id ${JSON.stringify(criterion.id)} appears twice` });
    ids.add(criterion.id);
  }
  return parsed.data;
}

