// Clinical scales (ECOG, NYHA, Karnofsky, Lansky): the latest grade within the look-back window.
import { scaleById } from '../../clinical/tables/scales.ts';
import { formatComparison } from '../explain/format.ts';
import { explain } from '../explain/messages.ts';
import type { Comparison, Duration } from '../rules.ts';
import { holds } from './compare.ts';
import { withinWindow } from './observation.ts';
import { leaf, NONE, problemsFor, windowStart, type Context, type Outcome } from './outcome.ts';
import type { Truth } from './types.ts';

export function evaluateScore(scaleId: Parameters<typeof scaleById>[0], comparison: Comparison, lookback: Duration | undefined, whenNotRecorded: 'unknown' | 'absent' | undefined, context: Context): Outcome {
  const scale = scaleById(scaleId);
  const window = lookback ?? scale.lookback;
  const since = windowStart(context, window);
  const facts = context.facts.scores.get(scaleId) ?? [];
  const fact = facts.find((f) => f.date >= since);
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'scale' && s.scale === scaleId) || s.kind === 'observation');
    if (whenNotRecorded === 'absent' && facts.length === 0 && !problems) return leaf('false', explain('score.absentAssumed', { scale: scale.label, comparison }));
    const explanation = facts[0] ? explain('measure.stale', { label: scale.label, date: facts[0].date, window, asOf: context.asOf, problems }) : explain('measure.notRecorded', { label: scale.label, window, problems });
    return leaf('unknown', explanation, NONE, [withinWindow(scale.label, window)]);
  }
  const truth: Truth = holds(comparison.op, fact.grade, comparison.value, comparison.high) ? 'true' : 'false';
  const grade = scale.gradeLabel(fact.grade);
  const explanation = explain('evidence.score', { scale: scale.label, grade, date: fact.date, comparison });
  const threshold = formatComparison({ ...comparison, unit: '1' }, 'en');
  return leaf(truth, explain('score.value', { scale: scale.label, grade, date: fact.date, comparison }), [{ kind: 'score', label: scale.label.en, labelZh: scale.label.zh, value: fact.grade, date: fact.date, source: fact.source, threshold, outcome: truth, explanation }]);
}
