// Measurements: a value within its look-back window against a fixed threshold (converted to the
// analyte's unit) or a multiple of the limit of normal (the lab's, the site's, or the default range).
import { analyteByKey } from '../../clinical/tables/analytes.ts';
import { resolveLimit } from '../../patient/limits.ts';
import { roundFloat } from '../../patient/units.ts';
import { explain, type LimitParam, type Named, type ThresholdParam, type ValueParam } from '../explain/messages.ts';
import { thresholdEn as renderThreshold } from '../explain/en.ts';
import { formatNumber } from '../explain/format.ts';
import type { Comparison, Duration } from '../rules.ts';
import { holdsCensored, thresholdFactor } from './compare.ts';
import { leaf, NONE, problemsFor, windowStart, type Context, type Outcome } from './outcome.ts';
import type { Evidence, Truth } from './types.ts';

/** "LVEF (within 90 days)": a measurement to obtain. */
export function withinWindow(label: { en: string; zh: string }, window: Duration) {
  return explain('missing.withinWindow', { label, window });
}

function measurementEvidence(label: Named, params: { value: ValueParam; unit: string; date: string; recorded?: Evidence['recorded']; ratio?: number; limit?: LimitParam; threshold?: ThresholdParam }): Evidence['explanation'] {
  return explain('evidence.measurement', { label, ...params });
}

export function evaluateObservation(key: string, comparison: Comparison, lookback: Duration | undefined, qualifier: Named | undefined, context: Context): Outcome {
  const analyte = analyteByKey(key);
  if (!analyte || analyte.kind !== 'quantity') return leaf('unknown', explain('analyte.unknown', { key }), NONE, [explain('missing.key', { key })]);
  const window = lookback ?? analyte.lookback;
  const label: Named = { en: analyte.short, zh: analyte.label.zh };
  const full: Named = analyte.label;
  const facts = context.facts.quantities.get(key) ?? [];
  const since = windowStart(context, window);
  const fact = facts.find((f) => f.date >= since);
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'analyte' && s.analyte === key) || s.kind === 'observation');
    const older = facts[0];
    const evidence: Evidence[] = older ? [{ kind: 'observation', label: full.en, labelZh: full.zh, value: older.value, unit: older.unit, date: older.date, source: older.source, outcome: 'unknown', explanation: measurementEvidence(full, { value: { value: older.value, comparator: older.comparator }, unit: older.unit, date: older.date }) }] : [];
    const explanation = older ? explain('measure.stale', { label, date: older.date, window, asOf: context.asOf, problems }) : explain('measure.notRecorded', { label, window, problems });
    return leaf('unknown', explanation, evidence, [withinWindow(analyte.label, window)]);
  }
  const value: ValueParam = fact.comparator ? { value: fact.value, comparator: fact.comparator } : { value: fact.value };
  const recorded = fact.recorded.unit !== fact.unit ? fact.recorded : undefined;
  const evidence: Evidence = { kind: 'observation', label: full.en, labelZh: full.zh, value: fact.comparator ? `${fact.comparator}${formatNumber(fact.value)}` : fact.value, unit: fact.unit, date: fact.date, source: fact.source, outcome: 'unknown' };
  if (recorded) evidence.recorded = recorded;
  const measured = { label, value, unit: fact.unit, date: fact.date };
  const finish = (truth: boolean | undefined, threshold: ThresholdParam, extra: { ratio?: number; limit?: LimitParam }): Evidence => {
    evidence.outcome = truth === undefined ? 'unknown' : truth ? 'true' : 'false';
    evidence.explanation = measurementEvidence(full, { value, unit: fact.unit, date: fact.date, recorded, threshold, ...extra });
    evidence.threshold = renderThreshold(threshold);
    return evidence;
  };
  const exact = (truth: boolean | undefined) => (truth === undefined ? [explain('missing.exact', { label: full })] : NONE);
  if (comparison.unit === 'xULN' || comparison.unit === 'xLLN') {
    const bound = comparison.unit === 'xULN' ? 'high' : 'low';
    const limitName = bound === 'high' ? 'ULN' : 'LLN';
    const limit = resolveLimit(fact, bound, context.facts, context.siteRanges);
    if (!limit) {
      evidence.threshold = renderThreshold({ comparison });
      evidence.explanation = measurementEvidence(full, { value, unit: fact.unit, date: fact.date, recorded, threshold: { comparison } });
      return leaf('unknown', explain('observation.noLimit', { ...measured, limit: limitName }), [evidence], [explain('missing.limit', { label: full, limit: limitName })]);
    }
    const threshold: ThresholdParam = { comparison, converted: { value: roundFloat(comparison.value * limit.value), ...(comparison.high !== undefined ? { high: roundFloat(comparison.high * limit.value) } : {}), unit: fact.unit } };
    evidence.limit = limit;
    evidence.ratio = roundFloat(fact.value / limit.value);
    const limitParam: LimitParam = { name: limitName, value: limit.value, unit: limit.unit, source: limit.source };
    const verdict = holdsCensored(comparison.op, fact, threshold.converted!.value, threshold.converted!.high);
    finish(verdict, threshold, { ratio: evidence.ratio, limit: limitParam });
    return leaf(evidence.outcome, explain('observation.relative', { ...measured, ratio: evidence.ratio, limit: limitParam, threshold, censored: verdict === undefined }), [evidence], exact(verdict));
  }
  const factor = thresholdFactor(comparison.unit, analyte);
  if (factor === null) {
    return leaf('unknown', explain('observation.unitMismatch', { ruleUnit: comparison.unit, label: full, unit: analyte.unit ?? '' }), [evidence], NONE);
  }
  const threshold: ThresholdParam = factor === 1 ? { comparison } : { comparison, converted: { value: roundFloat(comparison.value * factor), ...(comparison.high !== undefined ? { high: roundFloat(comparison.high * factor) } : {}), unit: fact.unit } };
  const verdict = holdsCensored(comparison.op, fact, threshold.converted?.value ?? comparison.value, threshold.converted ? threshold.converted.high : comparison.high);
  finish(verdict, threshold, {});
  return leaf(evidence.outcome as Truth, explain('observation.fixed', { ...measured, threshold, ...(qualifier ? { qualifier } : {}), censored: verdict === undefined }), [evidence], exact(verdict));
}
