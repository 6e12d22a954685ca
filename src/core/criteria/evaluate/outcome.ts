// What each leaf evaluator returns and the context it reads; shared by every evaluator.
import { subtractDuration } from '../../clinical/calendar.ts';
import type { DataProblem, PatientFacts, ProblemScope } from '../../patient/facts.ts';
import type { SiteRangeIndex } from '../../patient/limits.ts';
import type { Explanation, Named, ProblemParam } from '../explain/messages.ts';
import type { Duration } from '../rules.ts';
import type { Evidence, Truth } from './types.ts';

export interface Outcome {
  truth: Truth;
  explanation: Explanation;
  evidence: Evidence[];
  /** What to obtain, as missing.* explanations. */
  missing: Explanation[];
  /** Questions a person must answer. */
  confirm: Named[];
  ambiguities: Named[];
}

export interface Context {
  facts: PatientFacts;
  asOf: string;
  siteRanges?: SiteRangeIndex;
  /** First day of each look-back window for this screening date (shared across screens). */
  windowStarts: Map<string, string>;
}

export function windowStart(context: Context, duration: Duration): string {
  const key = `${duration.amount}${duration.unit}`;
  let start = context.windowStarts.get(key);
  if (start === undefined) {
    start = subtractDuration(context.asOf, duration);
    context.windowStarts.set(key, start);
  }
  return start;
}

/** The record problems in a scope, as explanation parameters (absent when there are none). */
export function problemsFor(context: Context, match: (scope: ProblemScope) => boolean): ProblemParam[] | undefined {
  const found: DataProblem[] = context.facts.problems.filter((problem) => match(problem.scope));
  return found.length === 0 ? undefined : found.map(({ resource, field, message, detail }) => ({ resource, field, message, detail }));
}

// Leaves share these instead of allocating empty lists (screening thousands of trials allocates a lot); never mutated.
export const NONE: never[] = [];

export function leaf(truth: Truth, explanation: Explanation, evidence: Evidence[] = NONE, missing: Explanation[] = NONE): Outcome {
  return { truth, explanation, evidence, missing, confirm: NONE, ambiguities: NONE };
}
