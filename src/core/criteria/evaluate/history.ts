// Medications, procedures and allergies: recorded (currently, ever, or within a window) or not.
// Absent from the record counts as absent, unless some entries could not be read.
import { explain } from '../explain/messages.ts';
import type { ConceptRef, Duration } from '../rules.ts';
import { codedEvidence, conceptName, factName, matcherFor, matches, unknownConcept } from './codes.ts';
import { leaf, NONE, problemsFor, windowStart, type Context, type Outcome } from './outcome.ts';

export function evaluateMedication(ref: ConceptRef, within: Duration | undefined, context: Context, ever = false): Outcome {
  const matcher = matcherFor(ref);
  if (!matcher.known) return unknownConcept(ref);
  const since = within ? windowStart(context, within) : undefined;
  const found = context.facts.medications.filter((fact) => matches(matcher, fact.codings));
  // A history ("prior chemotherapy") counts every recorded course that started by the screening date.
  const everTaken = ever && !since;
  const counting = found.filter((fact) => (since ? fact.current || (fact.end ?? fact.start ?? '') >= since : everTaken ? fact.current || (fact.start ?? fact.end ?? '') <= context.asOf : fact.current || (fact.end !== undefined && fact.end >= context.asOf)));
  const evidence = (facts: typeof found, truth: 'true' | 'false') => facts.map((fact) => codedEvidence('medication', { label: fact.label, date: fact.start, source: fact.source }, ref, truth));
  if (counting.length > 0) {
    return leaf('true', explain('medication.taken', { fact: factName(counting[0].label, ref), when: since ? 'within' : everTaken ? 'before' : 'current', ...(within ? { window: within } : {}) }), evidence(counting, 'true'));
  }
  const problems = problemsFor(context, (s) => s.kind === 'medication');
  if (problems) return leaf('unknown', explain('medication.unreadable', { concept: conceptName(ref), problems }), NONE, [explain('missing.medications', { concept: conceptName(ref) })]);
  if (found.length > 0) return leaf('false', explain('medication.notCurrent', { fact: factName(found[0].label, ref), ...(since ? { window: within } : {}) }), evidence(found, 'false'));
  return leaf('false', explain('medication.absent', { concept: conceptName(ref) }));
}

export function evaluateProcedure(ref: ConceptRef, within: Duration | undefined, context: Context): Outcome {
  const matcher = matcherFor(ref);
  if (!matcher.known) return unknownConcept(ref);
  const since = within ? windowStart(context, within) : undefined;
  const procedures = context.facts.procedures.filter((fact) => matches(matcher, fact.codings));
  // Transplant status is often coded as a condition (ICD-10-CM Z94.84).
  const statuses = context.facts.conditions.filter((fact) => matches(matcher, fact.codings));
  const dated = [...procedures.map((fact) => ({ label: fact.label, date: fact.date, source: fact.source })), ...statuses.map((fact) => ({ label: fact.label, date: fact.onset ?? fact.recorded, source: fact.source }))];
  const counting = dated.filter((fact) => !since || (fact.date !== undefined && fact.date >= since));
  const name = (fact: { label: string }) => factName(fact.label, ref);
  if (counting.length > 0) return leaf('true', explain('fact.recorded', { fact: name(counting[0]), ...(counting[0].date ? { date: counting[0].date } : {}) }), counting.map((fact) => codedEvidence('procedure', fact, ref, 'true')));
  const undated = dated.filter((fact) => fact.date === undefined);
  if (undated.length > 0) return leaf('unknown', explain('procedure.undated', { fact: name(undated[0]) }), NONE, [explain('missing.procedureDate', { fact: name(undated[0]) })]);
  const problems = problemsFor(context, (s) => s.kind === 'procedure' || s.kind === 'condition');
  if (problems) return leaf('unknown', explain('procedure.unreadable', { concept: conceptName(ref), problems }), NONE, [explain('missing.procedures', { concept: conceptName(ref) })]);
  if (dated.length > 0) return leaf('false', explain('procedure.outside', { fact: name(dated[0]), date: dated[0].date, window: within! }));
  return leaf('false', explain('concept.absent', { concept: conceptName(ref) }));
}

export function evaluateAllergy(substance: ConceptRef | undefined, criticality: 'high' | 'any' | undefined, context: Context): Outcome {
  const matcher = substance ? matcherFor(substance) : undefined;
  if (substance && !matcher!.known) return unknownConcept(substance);
  const found = context.facts.allergies.filter((fact) => (!matcher || matches(matcher, fact.codings)) && (criticality !== 'high' || fact.criticality === 'high'));
  if (found.length > 0) {
    const first = found[0];
    return leaf('true', explain('allergy.recorded', { fact: factName(first.label, substance), ...(first.criticality ? { criticality: first.criticality } : {}) }), found.map((fact) => codedEvidence('allergy', { label: fact.label, code: fact.codings[0]?.code, criticality: fact.criticality, source: fact.source }, substance, 'true')));
  }
  return leaf('false', explain('allergy.absent', { severe: criticality === 'high', ...(substance ? { substance: conceptName(substance) } : {}) }));
}
