// Rule-set JSON at the edge (files, API bodies): validation with errors naming each field. Storage is in
// rule-set-store.ts, so that screening a rule-set file never loads the database layer.
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';

export class RuleSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSetError';
  }
}

/** Validates JSON as a rule set; the error names each bad field and what was expected. */
export function parseRuleSet(input: unknown, origin: string): RuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new RuleSetError(`${origin} is not a valid rule set: ${problems.join('; ')}`);
  }
  const ids = new Set<string>();
  for (const criterion of parsed.data.criteria) {
    if (ids.has(criterion.id)) throw new RuleSetError(`${origin}: criterion id ${JSON.stringify(criterion.id)} appears twice`);
    ids.add(criterion.id);
  }
  return parsed.data;
}

