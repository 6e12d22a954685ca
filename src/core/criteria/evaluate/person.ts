// Age on the screening date (in the criterion's time unit) and recorded sex.
import { ageInYears, daysBetween, monthsBetween } from '../../clinical/calendar.ts';
import { formatComparison } from '../explain/format.ts';
import { explain } from '../explain/messages.ts';
import type { Comparison } from '../rules.ts';
import { holds } from './compare.ts';
import { leaf, NONE, problemsFor, type Context, type Outcome } from './outcome.ts';
import type { Truth } from './types.ts';

const AGE_IN_UNIT: Record<string, (birthDate: string, asOf: string) => number> = {
  a: ageInYears,
  mo: monthsBetween,
  wk: (birthDate, asOf) => Math.floor(daysBetween(birthDate, asOf) / 7),
  d: daysBetween,
};

export function evaluateAge(comparison: Comparison, context: Context): Outcome {
  const birthDate = context.facts.birthDate;
  if (!birthDate) return leaf('unknown', explain('age.noBirthDate', { problems: problemsFor(context, (s) => s.kind === 'birthDate') }), NONE, [explain('missing.birthDate', {})]);
  const inUnit = AGE_IN_UNIT[comparison.unit];
  if (!inUnit) return leaf('unknown', explain('age.badUnit', { unit: comparison.unit }));
  const age = inUnit(birthDate, context.asOf);
  const truth: Truth = holds(comparison.op, age, comparison.value, comparison.high) ? 'true' : 'false';
  const explanation = explain('evidence.age', { age, unit: comparison.unit, date: context.asOf, comparison });
  return leaf(truth, explain('age.value', { age, unit: comparison.unit, asOf: context.asOf, comparison }), [{ kind: 'age', label: 'age', labelZh: '年龄', value: age, unit: comparison.unit, date: context.asOf, source: 'Patient.birthDate', threshold: formatComparison(comparison, 'en'), outcome: truth, explanation }]);
}

export function evaluateSex(sex: 'female' | 'male', context: Context): Outcome {
  const recorded = context.facts.sex;
  if (recorded !== 'female' && recorded !== 'male') {
    return leaf('unknown', explain('sex.notRecorded', { ...(recorded ? { recorded } : {}), problems: problemsFor(context, (s) => s.kind === 'sex') }), NONE, [explain('missing.sex', {})]);
  }
  const truth: Truth = recorded === sex ? 'true' : 'false';
  return leaf(truth, explain('sex.value', { sex: recorded }), [{ kind: 'sex', label: 'sex', labelZh: '性别', value: recorded, source: 'Patient.gender', threshold: sex, outcome: truth, explanation: explain('evidence.sex', { sex: recorded, expected: sex }) }]);
}
