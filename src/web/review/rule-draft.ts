// Editing a criterion's rule tree during review: its leaf rules addressed by path, replacing or
// removing one, and the text segments of the criteria text with the recognised spans marked. Pure.
import type { Criterion, Rule, Span } from '../../core/criteria/rules.ts';
import { forEachLeaf } from '../../core/criteria/walk.ts';

export { isCompound } from '../../core/criteria/walk.ts';

/** Indices from the root: the i-th rule of an all/any, 0 for the rule under a not. */
export type RulePath = readonly number[];

export interface LeafRule {
  path: RulePath;
  rule: Rule;
}


/** Every rule that is not a combination, in reading order. */
export function leafRules(rule: Rule, path: RulePath = []): LeafRule[] {
  const leaves: LeafRule[] = [];
  forEachLeaf(rule, (leaf, at) => leaves.push({ path: [...path, ...at], rule: leaf }));
  return leaves;
}

/**
 * The tree with the rule at `path` replaced by `next`, or removed when `next` is null. A combination
 * left empty by a removal is removed too; an all/any left with one rule keeps it (still valid).
 * Returns null when nothing is left.
 */
export function replaceRule(rule: Rule, path: RulePath, next: Rule | null): Rule | null {
  if (path.length === 0) return next;
  const [index, ...rest] = path;
  if (rule.type === 'not') {
    const inner = replaceRule(rule.rule, rest, next);
    return inner ? { ...rule, rule: inner } : null;
  }
  if (rule.type === 'all' || rule.type === 'any') {
    const child = rule.rules[index];
    if (!child) throw new RangeError(`no rule at index ${index}`);
    const replaced = replaceRule(child, rest, next);
    const rules = replaced ? rule.rules.map((existing, i) => (i === index ? replaced : existing)) : rule.rules.filter((_, i) => i !== index);
    return rules.length > 0 ? { ...rule, rules } : null;
  }
  throw new RangeError(`a ${rule.type} rule has no rules under it`);
}

/** Spans of the rules a reviewer can point at: every leaf's span, and the spans of their comparisons. */
export function ruleSpans(criteria: readonly Criterion[]): Span[] {
  return criteria.flatMap((criterion) => leafRules(criterion.rule).flatMap(({ rule }) => (rule.span ? [rule.span] : [])));
}

export type TextSegment = { text: string; start: number; recognised: boolean; active: boolean };

/** The text cut at every span boundary; each piece says whether a rule covers it and whether it is the active rule's. */
export function textSegments(text: string, spans: readonly Span[], active: Span | null): TextSegment[] {
  const valid = spans.filter(([start, end]) => start >= 0 && end <= text.length && start < end);
  const cuts = new Set<number>([0, text.length]);
  for (const [start, end] of [...valid, ...(active ? [active] : [])]) {
    cuts.add(Math.max(0, Math.min(text.length, start)));
    cuts.add(Math.max(0, Math.min(text.length, end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    const recognised = valid.some(([from, to]) => from <= start && end <= to);
    const isActive = active !== null && active[0] <= start && end <= active[1];
    segments.push({ text: text.slice(start, end), start, recognised, active: isActive });
  }
  return segments;
}
