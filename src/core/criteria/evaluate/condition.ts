// Diagnoses: a coded condition matching the rule's concept (minus its exceptions), active or within
// a window. Absent from the record counts as absent.
import type { CodedFact } from '../../patient/facts.ts';
import { explain } from '../explain/messages.ts';
import type { ConceptRef, Duration, Rule } from '../rules.ts';
import { codedEvidence, conceptName, factName, matcherFor, matches, unknownConcept } from './codes.ts';
import { leaf, problemsFor, windowStart, type Context, type Outcome } from './outcome.ts';
import type { Evidence, Truth } from './types.ts';

export function conditionEvidence(fact: CodedFact, ref: ConceptRef, outcome: Truth): Evidence {
  return codedEvidence('condition', { label: fact.label, code: fact.codings[0]?.code, date: fact.onset ?? fact.recorded, source: fact.source }, ref, outcome);
}

type Timing = 'counts' | 'outside' | 'undated';

function conditionTiming(fact: CodedFact, rule: { within?: Duration; onsetWithin?: Duration; status?: 'active' | 'any' }, context: Context): Timing {
  if (rule.status === 'active' && fact.active === false) return 'outside';
  if (rule.onsetWithin) {
    if (!fact.onset) return 'undated';
    return fact.onset >= windowStart(context, rule.onsetWithin) ? 'counts' : 'outside';
  }
  if (rule.within) {
    const since = windowStart(context, rule.within);
    if (fact.active !== false && !fact.abatement) return 'counts';
    if (fact.abatement) return fact.abatement >= since ? 'counts' : 'outside';
    if (fact.onset) return fact.onset >= since ? 'counts' : 'undated';
    return 'undated';
  }
  return 'counts';
}

export function evaluateCondition(rule: Extract<Rule, { type: 'condition' }>, context: Context): Outcome {
  const matcher = matcherFor(rule.condition);
  if (!matcher.known) return unknownConcept(rule.condition);
  const except = rule.except ?? [];
  const exceptions = except.map(matcherFor);
  const counting: CodedFact[] = [];
  const outside: CodedFact[] = [];
  const undated: CodedFact[] = [];
  const excepted: Array<{ fact: CodedFact; ref: ConceptRef }> = [];
  for (const fact of context.facts.conditions) {
    if (!matches(matcher, fact.codings)) continue;
    const exception = exceptions.findIndex((candidate) => matches(candidate, fact.codings));
    if (exception >= 0) {
      excepted.push({ fact, ref: except[exception] });
      continue;
    }
    const timing = conditionTiming(fact, rule, context);
    (timing === 'counts' ? counting : timing === 'outside' ? outside : undated).push(fact);
  }
  const ref = rule.condition;
  const name = (fact: CodedFact) => factName(fact.label, ref);
  const evidence = (facts: CodedFact[], truth: Truth) => facts.map((fact) => conditionEvidence(fact, ref, truth));
  const window = rule.onsetWithin ? { kind: 'onset' as const, duration: rule.onsetWithin } : rule.within ? { kind: 'within' as const, duration: rule.within } : undefined;
  if (rule.onsetWithin && rule.status !== 'active' && counting.length > 0) {
    // "Suffering from AA within six months": the first recorded onset decides; a later record of the same disease does not restart it.
    const since = windowStart(context, rule.onsetWithin);
    const earlier = outside.filter((fact) => fact.onset !== undefined && fact.onset < since).sort((a, b) => (a.onset! < b.onset! ? -1 : 1))[0];
    if (earlier) {
      return leaf('false', explain('condition.firstOnsetTooEarly', { fact: name(earlier), onset: earlier.onset!, window: rule.onsetWithin, asOf: context.asOf }), [conditionEvidence(earlier, ref, 'false'), ...evidence(counting, 'false')]);
    }
  }
  if (counting.length > 0) {
    const first = counting[0];
    return leaf('true', explain('condition.recorded', { fact: name(first), ...(first.onset ? { onset: first.onset } : {}), ...(window ? { window } : {}), asOf: context.asOf }), evidence(counting, 'true'));
  }
  if (undated.length > 0) {
    const onsetOnly = rule.onsetWithin !== undefined;
    return leaf('unknown', explain('condition.undated', { fact: name(undated[0]), onsetOnly, window: window! }), evidence(undated, 'unknown'), [explain('missing.conditionDates', { fact: name(undated[0]), onsetOnly })]);
  }
  const problems = problemsFor(context, (s) => s.kind === 'condition');
  if (problems) return leaf('unknown', explain('condition.unreadable', { concept: conceptName(ref), problems }), [], [explain('missing.diagnoses', { concept: conceptName(ref) })]);
  const shown = [...evidence(outside, 'false'), ...excepted.map(({ fact, ref: exception }) => conditionEvidence(fact, exception, 'false'))];
  if (outside.length > 0) {
    const fact = outside[0];
    if (rule.onsetWithin) return leaf('false', explain('condition.onsetTooEarly', { fact: name(fact), onset: fact.onset, window: rule.onsetWithin, asOf: context.asOf }), shown);
    if (rule.status === 'active' && fact.active === false) return leaf('false', explain('condition.inactive', { fact: name(fact) }), shown);
    return leaf('false', explain('condition.ended', { fact: name(fact), date: fact.abatement ?? fact.onset, window }), shown);
  }
  if (excepted.length > 0) return leaf('false', explain('condition.onlyExcepted', { facts: excepted.map(({ fact, ref: exception }) => factName(fact.label, exception)) }), shown);
  return leaf('false', explain('concept.absent', { concept: conceptName(ref) }));
}
