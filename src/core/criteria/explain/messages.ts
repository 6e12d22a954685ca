// The vocabulary of screening explanations: every verdict, piece of evidence and missing-data item
// the evaluator produces is one of these codes with language-neutral parameters (numbers, dates,
// durations, comparisons, UCUM units, table keys). en.ts and zh.ts turn them into text; nothing
// decides anything on the text.
import type { RecordProblem } from '../../patient/record-problems.ts';
import type { LimitSource } from '../../patient/limits.ts';
import type { Comparison, Duration } from '../rules.ts';

/** A name in both languages; `zh` absent when no table gives one (record text, untranslated rule text). */
export interface Named {
  en: string;
  zh?: string;
}

/** A record problem that made a fact unusable (resource and field; the message is English). */
export interface ProblemParam {
  resource: string;
  field: string;
  /** English. */
  message: string;
  /** The problem as a code and parameters, for the reader's language. */
  detail?: RecordProblem;
}

/** A measured value as reported: number, or censored ("<20"). */
export interface ValueParam {
  value: number;
  comparator?: '<' | '<=' | '>' | '>=';
}

/** The threshold a measurement was held to; `converted` when the rule's unit differs from the value's. */
export interface ThresholdParam {
  comparison: Comparison;
  /** The limit in the value's unit (fixed thresholds in another unit, or × ULN × the ULN). */
  converted?: { value: number; high?: number; unit: string };
}

export interface LimitParam {
  name: 'ULN' | 'LLN';
  value: number;
  unit: string;
  source: LimitSource;
}

type Window = { kind: 'onset' | 'within'; duration: Duration };
type Problems = { problems?: ProblemParam[] };

/** Each code and its parameters. Leaves, the combinator, criterion verdicts, evidence and missing data. */
export interface MessageParams {
  // leaves: measurements
  'analyte.unknown': { key: string };
  'test.unknown': { key: string };
  'measure.notRecorded': { label: Named; window: Duration } & Problems;
  'measure.stale': { label: Named; date: string; window: Duration; asOf: string; tested?: boolean } & Problems;
  'observation.noLimit': { label: Named; value: ValueParam; unit: string; date: string; limit: 'ULN' | 'LLN' };
  'observation.relative': { label: Named; value: ValueParam; unit: string; date: string; ratio: number; limit: LimitParam; threshold: ThresholdParam; censored: boolean };
  'observation.fixed': { label: Named; value: ValueParam; unit: string; date: string; threshold: ThresholdParam; qualifier?: Named; censored: boolean };
  'observation.unitMismatch': { ruleUnit: string; label: Named; unit: string };
  'qualitative.result': { label: Named; result: 'positive' | 'negative'; date: string };
  'score.absentAssumed': { scale: Named; comparison: Comparison };
  'score.value': { scale: Named; grade: string; date: string; comparison: Comparison };
  // leaves: the person
  'age.noBirthDate': Problems;
  'age.badUnit': { unit: string };
  'age.value': { age: number; unit: string; asOf: string; comparison: Comparison };
  'sex.notRecorded': { recorded?: string } & Problems;
  'sex.value': { sex: 'female' | 'male' };
  // leaves: coded facts
  'concept.unknown': { concept: string };
  'concept.absent': { concept: Named };
  'fact.recorded': { fact: Named; date?: string };
  'condition.recorded': { fact: Named; onset?: string; window?: Window; asOf: string };
  'condition.firstOnsetTooEarly': { fact: Named; onset: string; window: Duration; asOf: string };
  'condition.undated': { fact: Named; onsetOnly: boolean; window: Window };
  'condition.unreadable': { concept: Named } & Problems;
  'condition.onsetTooEarly': { fact: Named; onset?: string; window: Duration; asOf: string };
  'condition.inactive': { fact: Named };
  'condition.ended': { fact: Named; date?: string; window?: Window };
  'condition.onlyExcepted': { facts: Named[] };
  'pregnancy.male': { state: 'pregnant' | 'lactating' };
  'pregnancy.test': { result: 'positive' | 'negative'; date: string };
  'pregnancy.status': { state: 'pregnant' | 'lactating'; present: boolean; date: string };
  'pregnancy.notRecorded': { window: Duration };
  'lactation.absent': Record<string, never>;
  'medication.taken': { fact: Named; when: 'within' | 'before' | 'current'; window?: Duration };
  'medication.unreadable': { concept: Named } & Problems;
  'medication.notCurrent': { fact: Named; window?: Duration };
  'medication.absent': { concept: Named };
  'procedure.undated': { fact: Named };
  'procedure.unreadable': { concept: Named } & Problems;
  'procedure.outside': { fact: Named; date?: string; window: Duration };
  'allergy.recorded': { fact: Named; criticality?: string };
  'allergy.absent': { severe: boolean; substance?: Named };
  confirm: { question: Named };
  // the combinator: the children that decided, in order
  several: { parts: Explanation[] };
  // criterion verdicts
  'criterion.met': { detail: Explanation; notEncoded?: string[] };
  'criterion.notMet': { detail: Explanation; notEncoded?: string[] };
  'criterion.excluded': { detail: Explanation; notEncoded?: string[] };
  'criterion.unknown': { detail: Explanation; notEncoded?: string[] };
  'criterion.confirm': { questions: Named[]; notEncoded?: string[] };
  // evidence, one line per fact
  'evidence.measurement': { label: Named; value: ValueParam; unit: string; date: string; recorded?: { value: number | string; unit: string }; ratio?: number; limit?: LimitParam; threshold?: ThresholdParam };
  'evidence.qualitative': { label: Named; result: 'positive' | 'negative'; date: string; expected: 'positive' | 'negative' };
  'evidence.score': { scale: Named; grade: string; date: string; comparison: Comparison };
  'evidence.age': { age: number; unit: string; date: string; comparison: Comparison };
  'evidence.sex': { sex: 'female' | 'male'; expected: 'female' | 'male' };
  'evidence.fact': { fact: Named; code?: string; date?: string; criticality?: string };
  'evidence.notApplicable': { state: 'pregnant' | 'lactating' };
  'evidence.pregnancyTest': { result: 'positive' | 'negative'; date: string };
  'evidence.pregnancyStatus': { state: 'pregnant' | 'lactating'; present: boolean; date: string };
  // missing data: what to obtain
  'missing.withinWindow': { label: Named; window: Duration };
  'missing.key': { key: string };
  'missing.birthDate': Record<string, never>;
  'missing.sex': Record<string, never>;
  'missing.limit': { label: Named; limit: 'ULN' | 'LLN' };
  'missing.exact': { label: Named };
  'missing.concept': { concept: Named };
  'missing.conditionDates': { fact: Named; onsetOnly: boolean };
  'missing.diagnoses': { concept: Named };
  'missing.medications': { concept: Named };
  'missing.procedureDate': { fact: Named };
  'missing.procedures': { concept: Named };
  'missing.pregnancy': { window: Duration };
}

export type MessageCode = keyof MessageParams;

/** One explanation: a code and its parameters (JSON as it stands, for the API and the web). */
export type Explanation = { [C in MessageCode]: { code: C; params: MessageParams[C] } }[MessageCode];

export function explain<C extends MessageCode>(code: C, params: MessageParams[C]): Explanation {
  return { code, params } as Explanation;
}
