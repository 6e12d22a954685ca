// Qualitative tests (HBsAg, HIV, …): the latest result within the look-back window, positive or negative.
import { analyteByKey } from '../../clinical/tables/analytes.ts';
import { explain } from '../explain/messages.ts';
import { withinWindow } from './observation.ts';
import { leaf, NONE, problemsFor, windowStart, type Context, type Outcome } from './outcome.ts';
import type { Truth } from './types.ts';

export function evaluateQualitative(key: string, expected: 'positive' | 'negative', lookback: Parameters<typeof withinWindow>[1] | undefined, context: Context): Outcome {
  const analyte = analyteByKey(key);
  if (!analyte || analyte.kind !== 'qualitative') return leaf('unknown', explain('test.unknown', { key }), NONE, [explain('missing.key', { key })]);
  const window = lookback ?? analyte.lookback;
  const since = windowStart(context, window);
  const facts = context.facts.qualitative.get(key) ?? [];
  const fact = facts.find((f) => f.date >= since);
  const label = { en: analyte.short, zh: analyte.label.zh };
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'analyte' && s.analyte === key) || s.kind === 'observation');
    const explanation = facts[0] ? explain('measure.stale', { label, date: facts[0].date, window, asOf: context.asOf, tested: true, problems }) : explain('measure.notRecorded', { label, window, problems });
    return leaf('unknown', explanation, NONE, [withinWindow(analyte.label, window)]);
  }
  const truth: Truth = fact.result === expected ? 'true' : 'false';
  const explanation = explain('evidence.qualitative', { label: analyte.label, result: fact.result, date: fact.date, expected });
  return leaf(truth, explain('qualitative.result', { label, result: fact.result, date: fact.date }), [{ kind: 'qualitative', label: analyte.label.en, labelZh: analyte.label.zh, value: fact.result, date: fact.date, source: fact.source, threshold: expected, outcome: truth, explanation }]);
}
