// Rule-set JSON at the edge (files, API bodies): validation with errors naming each field. Storage is in
// src/store/rule-sets.ts, so that screening a rule-set file never loads the database layer.
import { ruleSetSchema, type RuleSet } from '../core/criteria/rules.ts';
import { EligoError, problem, type Problem } from '../core/problems.ts';
import { tablePinProblems } from '../core/criteria/table-pins.ts';

export interface ParseRuleSetOptions {
  /** Refuse a rule set pinned to other clinical table versions (a new approval); otherwise each is passed to `warn`. */
  strictTables?: boolean;
  warn?: (problem: Problem) => void;
}

/**
 * Validates JSON as a rule set; the error names each bad field and what was expected. Its clinical
 * table pins are checked: an unknown table is an error, another version an error when `strictTables`
 * and otherwise a warning stating both versions.
 */
export function parseRuleSet(input: unknown, origin: string, options: ParseRuleSetOptions = {}): RuleSet {
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
  const pins = tablePinProblems(parsed.data);
  const refused = pins.filter((p) => p.code === 'unknown_table' || options.strictTables);
  if (refused.length > 0) throw EligoError.all('unprocessable', 'table_version_mismatch', refused.map((p) => ({ ...p, message: `${origin}: ${p.message}` })));
  for (const warning of pins) options.warn?.(warning);
  return parsed.data;
}

