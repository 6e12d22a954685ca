// The rule tree: each node to its leaf evaluator, and all/any/not in three-valued logic plus
// "confirm". all(): false wins, then unknown, then confirm; any(): true wins, then unknown, then confirm.
import { explain, type Explanation } from '../explain/messages.ts';
import type { Rule } from '../rules.ts';
import { evaluateConfirm } from './confirm.ts';
import { evaluateCondition } from './condition.ts';
import { evaluateAllergy, evaluateMedication, evaluateProcedure } from './history.ts';
import { evaluateObservation } from './observation.ts';
import type { Context, Outcome } from './outcome.ts';
import { evaluateAge, evaluateSex } from './person.ts';
import { evaluatePregnancy } from './pregnancy.ts';
import { evaluateQualitative } from './qualitative.ts';
import { evaluateScore } from './score.ts';
import type { Truth } from './types.ts';

export function evaluateRule(rule: Rule, context: Context): Outcome {
  const outcome = evaluateNode(rule, context);
  if (rule.ambiguity) outcome.ambiguities = [rule.zh?.ambiguity ? { en: rule.ambiguity, zh: rule.zh.ambiguity } : { en: rule.ambiguity }, ...outcome.ambiguities];
  return outcome;
}

function evaluateNode(rule: Rule, context: Context): Outcome {
  switch (rule.type) {
    case 'all':
    case 'any':
      return combine(rule.type, rule.rules.map((child) => evaluateRule(child, context)));
    case 'not': {
      const inner = evaluateRule(rule.rule, context);
      const truth: Truth = inner.truth === 'true' ? 'false' : inner.truth === 'false' ? 'true' : inner.truth;
      return { ...inner, truth };
    }
    case 'observation':
      return evaluateObservation(rule.analyte, rule.comparison, rule.lookback, rule.qualifier ? (rule.zh?.qualifier ? { en: rule.qualifier, zh: rule.zh.qualifier } : { en: rule.qualifier }) : undefined, context);
    case 'qualitative':
      return evaluateQualitative(rule.analyte, rule.result, rule.lookback, context);
    case 'score':
      return evaluateScore(rule.scale, rule.comparison, rule.lookback, rule.whenNotRecorded, context);
    case 'age':
      return evaluateAge(rule.comparison, context);
    case 'sex':
      return evaluateSex(rule.sex, context);
    case 'condition':
      return evaluateCondition(rule, context);
    case 'pregnancy':
      return evaluatePregnancy(rule.state, context);
    case 'medication':
      return evaluateMedication(rule.medication, rule.within, context, rule.ever === true);
    case 'procedure':
      return evaluateProcedure(rule.procedure, rule.within, context);
    case 'allergy':
      return evaluateAllergy(rule.substance, rule.criticality, context);
    case 'confirm':
      return evaluateConfirm(rule);
  }
}

/** Distinct explanations, in order (two children may say the same thing). */
function distinct(explanations: Explanation[]): Explanation[] {
  if (explanations.length < 2) return explanations;
  const seen = new Set<string>();
  return explanations.filter((explanation) => {
    const key = JSON.stringify(explanation);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function combine(type: 'all' | 'any', children: Outcome[]): Outcome {
  const decisive: Truth = type === 'all' ? 'false' : 'true';
  const truth: Truth = children.some((c) => c.truth === decisive)
    ? decisive
    : children.some((c) => c.truth === 'unknown')
      ? 'unknown'
      : children.some((c) => c.truth === 'confirm')
        ? 'confirm'
        : type === 'all' ? 'true' : 'false';
  // The explanation names the children that decided the outcome.
  const deciders = children.filter((c) => c.truth === truth);
  const parts = distinct((deciders.length > 0 ? deciders : children).map((c) => c.explanation));
  return {
    truth,
    explanation: parts.length === 1 ? parts[0] : explain('several', { parts }),
    evidence: children.flatMap((c) => c.evidence),
    missing: truth === 'unknown' ? children.filter((c) => c.truth === 'unknown').flatMap((c) => c.missing) : [],
    // Only confirmations that can still change the outcome are asked for.
    confirm: truth === 'confirm' ? children.filter((c) => c.truth === 'confirm').flatMap((c) => c.confirm) : [],
    ambiguities: children.flatMap((c) => c.ambiguities),
  };
}
