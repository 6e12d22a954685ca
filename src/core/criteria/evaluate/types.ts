// What a screening returns: per criterion a status, the reason in English and Chinese with its
// structured explanation, and the evidence used.
import type { LimitBasis } from '../../patient/limit-basis.ts';
import type { RecordProblem } from '../../patient/record-problems.ts';
import type { LimitSource, SiteRangeIndex } from '../../patient/limits.ts';
import type { Explanation } from '../explain/messages.ts';
import type { CriterionKind } from '../rules.ts';

export type Truth = 'true' | 'false' | 'unknown' | 'confirm';
export type CriterionStatus = 'pass' | 'fail' | 'unknown' | 'confirm';
export type Verdict = 'eligible' | 'ineligible' | 'incomplete';

/** One patient fact a rule looked at (or looked for), as shown to the coordinator. */
export interface Evidence {
  kind: 'observation' | 'qualitative' | 'score' | 'age' | 'sex' | 'condition' | 'medication' | 'procedure' | 'allergy' | 'pregnancy' | 'lactation';
  label: string;
  /** `label` in Chinese (the record's own text where Eligo's tables have no Chinese name). */
  labelZh?: string;
  value?: number | string;
  unit?: string;
  /** The value as recorded, when it was converted to another unit. */
  recorded?: { value: number | string; unit: string };
  date?: string;
  /** FHIR resource the fact came from. */
  source?: string;
  limit?: { bound: 'low' | 'high'; value: number; unit: string; source: LimitSource; detail: string; basis?: LimitBasis };
  /** value ÷ limit, for "× ULN" rules. */
  ratio?: number;
  /** The threshold the value was compared with, in words ("≤ 1.5 × ULN = 31.5 µmol/L"). */
  threshold?: string;
  outcome: Truth;
  /** The whole fact as one line, to render in either language (renderExplanation). */
  explanation?: Explanation;
}

export interface MissingItem {
  criterion: string;
  /** What to obtain, e.g. "LVEF (within 90 days)". */
  what: string;
  /** The same in Simplified Chinese (e.g. "左心室射血分数（90天内）"). */
  whatZh?: string;
  /** What to obtain as a code and parameters (the source of `what` and `whatZh`). */
  explanation?: Explanation;
}

export interface ConfirmItem {
  criterion: string;
  /** The question in English (the rule's language). */
  question: string;
  /** The question in Simplified Chinese; absent when the rule carries no translation (source text kept verbatim). */
  questionZh?: string;
}

export interface CriterionResult {
  id: string;
  kind: CriterionKind;
  text: string;
  status: CriterionStatus;
  reason: string;
  evidence: Evidence[];
  /** Readings chosen where the source text is ambiguous. */
  ambiguities?: string[];
  /** The same readings in Chinese, index for index with `ambiguities`; null where no translation exists. Present when any exists. */
  ambiguitiesZh?: (string | null)[];
  /** The reason in Chinese (an untranslated confirm question is the marked English). */
  reasonZh?: string;
  /** The verdict's reason as a code and parameters, to render in either language. */
  explanation?: Explanation;
  /**
   * Parts of the criterion's text that no rule encodes (a parser's `partial` criterion): the status
   * rests on the encoded part only, and the reason says so, so a person knows what was not checked.
   */
  notEncoded?: string[];
}

export interface ScreeningResult {
  trial: string;
  asOf: string;
  verdict: Verdict;
  /** `tablesDiffer`: the clinical tables this rule set pins that this build has in another version (its rules may read codes or limits differently: review it). */
  ruleSet: { version: number; review: 'reviewed' | 'unreviewed'; tablesDiffer?: TableVersionDifference[] };
  criteria: CriterionResult[];
  /** Data to obtain before the verdict can be final (criteria that are unknown). */
  missing: MissingItem[];
  /** Points a person must confirm (consent, investigator judgement). */
  confirm: ConfirmItem[];
  /** Problems found in the patient record (bad units, unknown code systems, future dates, …). */
  warnings: string[];
  /** The same problems as data: where, and what as a code and parameters (the reader's language). */
  recordProblems: RecordProblemView[];
}

export interface EvaluateOptions {
  /** Screening date, 'YYYY-MM-DD'. */
  asOf: string;
  /** The screening site's reference ranges (indexSiteRanges). */
  siteRanges?: SiteRangeIndex;
}

/** A problem found in the patient record: the resource and field, and what is wrong. */
export interface RecordProblemView {
  resource: string;
  field: string;
  detail: RecordProblem;
}

export interface TableVersionDifference {
  table: string;
  pinned: string;
  /** This build's version; absent for a table this build does not have. */
  current?: string;
}
