// Pregnancy and breastfeeding: a coded condition, a recent pregnancy test or a recorded status.
// Breastfeeding not recorded counts as absent; pregnancy not recorded is unknown (a woman needs a test).
import { analyteByKey } from '../../clinical/tables/analytes.ts';
import { explain } from '../explain/messages.ts';
import type { Duration } from '../rules.ts';
import { matcherFor, matches } from './codes.ts';
import { conditionEvidence } from './condition.ts';
import { leaf, NONE, windowStart, type Context, type Outcome } from './outcome.ts';
import type { Truth } from './types.ts';

const WORDS = { pregnant: { en: 'pregnancy', zh: '妊娠' }, lactating: { en: 'breastfeeding', zh: '哺乳' } } as const;

export function evaluatePregnancy(state: 'pregnant' | 'lactating', context: Context): Outcome {
  const kind = state === 'pregnant' ? 'pregnancy' : 'lactation';
  const word = WORDS[state];
  if (context.facts.sex === 'male') return leaf('false', explain('pregnancy.male', { state }), [{ kind, label: word.en, labelZh: word.zh, value: 'male', source: 'Patient.gender', outcome: 'false', explanation: explain('evidence.notApplicable', { state }) }]);
  const ref = { concept: kind, label: word.en };
  const conditionMatcher = matcherFor(ref);
  const condition = context.facts.conditions.find((fact) => fact.active !== false && !fact.abatement && matches(conditionMatcher, fact.codings));
  if (condition) return leaf('true', explain('fact.recorded', { fact: { en: condition.label, zh: word.zh } }), [conditionEvidence(condition, ref, 'true')]);
  const window: Duration = state === 'pregnant' ? analyteByKey('pregnancy.test')!.lookback : { amount: 90, unit: 'd' };
  const since = windowStart(context, window);
  const status = context.facts.states.find((fact) => fact.state === state && fact.date >= since);
  const test = state === 'pregnant' ? (context.facts.qualitative.get('pregnancy.test') ?? []).find((fact) => fact.date >= since) : undefined;
  if (test && (!status || test.date >= status.date)) {
    const truth: Truth = test.result === 'positive' ? 'true' : 'false';
    return leaf(truth, explain('pregnancy.test', { result: test.result, date: test.date }), [{ kind, label: 'pregnancy test', labelZh: '妊娠试验', value: test.result, date: test.date, source: test.source, outcome: truth, explanation: explain('evidence.pregnancyTest', { result: test.result, date: test.date }) }]);
  }
  if (status) {
    const truth: Truth = status.present ? 'true' : 'false';
    const params = { state, present: status.present, date: status.date };
    return leaf(truth, explain('pregnancy.status', params), [{ kind, label: `${word.en} status`, labelZh: `${word.zh}状态`, value: status.present ? state : `not ${state}`, date: status.date, source: status.source, outcome: truth, explanation: explain('evidence.pregnancyStatus', params) }]);
  }
  if (state === 'lactating') return leaf('false', explain('lactation.absent', {}));
  return leaf('unknown', explain('pregnancy.notRecorded', { window }), NONE, [explain('missing.pregnancy', { window })]);
}
