// The one walk over a rule tree (all / any / not and their leaves), used by the printer, the
// questionnaire, the parser, the review editor and the screening form.
import type { Rule } from './rules.ts';

export type CompoundRule = Extract<Rule, { type: 'all' | 'any' | 'not' }>;
export type LeafRule = Exclude<Rule, CompoundRule>;

export function isCompound(rule: Rule): rule is CompoundRule {
  return rule.type === 'all' || rule.type === 'any' || rule.type === 'not';
}

/** The rules directly under a combination (none under a leaf). */
export function childRules(rule: Rule): readonly Rule[] {
  if (rule.type === 'all' || rule.type === 'any') return rule.rules;
  if (rule.type === 'not') return [rule.rule];
  return [];
}

/** Every rule in the tree, parent before children, in reading order; `path` is the child indexes from the root. */
export function walkRules(rule: Rule, visit: (rule: Rule, path: readonly number[]) => void, path: readonly number[] = []): void {
  visit(rule, path);
  childRules(rule).forEach((child, index) => walkRules(child, visit, [...path, index]));
}

/** Every leaf (a rule that is not a combination), in reading order. */
export function forEachLeaf(rule: Rule, visit: (leaf: LeafRule, path: readonly number[]) => void): void {
  walkRules(rule, (node, path) => {
    if (!isCompound(node)) visit(node, path);
  });
}

/** Whether any rule in the tree (the root included) satisfies `test`. */
export function someRule(rule: Rule, test: (rule: Rule) => boolean): boolean {
  return test(rule) || childRules(rule).some((child) => someRule(child, test));
}
