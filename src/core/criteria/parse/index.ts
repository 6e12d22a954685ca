// The criteria parser's public surface.
import type { Comparison, Criterion, Rule } from '../rules.ts';
import type { ParsedCriterion } from './parse.ts';
import { forEachLeaf, type LeafRule } from '../walk.ts';

export { parseCriteria, UNMAPPED_ANALYTE, type ParseResult, type ParsedCriterion, type UnparsedPart } from './parse.ts';

export interface ComparisonInRule {
  comparison: Comparison;
  /** What the comparison applies to: "age", an analyte key ("unmapped: <label>" when not mapped), or a scale. */
  subject: string;
}

/** Every numeric comparison inside a rule tree, with what it applies to. */
export function comparisonsIn(rules: Rule[]): ComparisonInRule[] {
  const found: ComparisonInRule[] = [];
  const visit = (rule: LeafRule) => {
    switch (rule.type) {
      case 'observation':
        found.push({ comparison: rule.comparison, subject: rule.label && rule.analyte === 'unmapped' ? `unmapped: ${rule.label}` : rule.analyte });
        break;
      case 'age':
        found.push({ comparison: rule.comparison, subject: 'age' });
        break;
      case 'score':
        found.push({ comparison: rule.comparison, subject: rule.scale });
        break;
      default:
        break;
    }
  };
  for (const rule of rules) forEachLeaf(rule, (leaf) => visit(leaf));
  return found;
}

/**
 * A parsed criterion in the rule-set shape (src/core/criteria/rules.ts): its rules joined by "all", or
 * a confirm rule carrying the criterion's text when nothing could be parsed.
 */
export function toCriterion(parsed: ParsedCriterion): Criterion {
  const rule: Rule =
    parsed.rules.length === 1 ? parsed.rules[0] :
    parsed.rules.length > 1 ? { type: 'all', rules: parsed.rules, span: parsed.span } :
    { type: 'confirm', question: parsed.text.replace(/\s+/g, ' ').trim(), span: parsed.span };
  const criterion: Criterion = { id: parsed.id, kind: parsed.kind, text: parsed.text, span: parsed.span, rule, status: parsed.status };
  if (parsed.unparsed.length > 0) criterion.unparsed = parsed.unparsed;
  return criterion;
}
