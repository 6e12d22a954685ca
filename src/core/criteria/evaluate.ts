// The evaluator: one pure function from (rule set, patient facts, screening date, limits) to a
// screening result, criterion by criterion, with reasons and the evidence used. Used by the CLI,
// the API, the web page and batch prescreening alike.
//
// Three-valued logic plus "confirm": every rule is true, false, unknown (data needed and missing),
// or confirm (only a person can say). all(): false wins, then unknown, then confirm; any(): true
// wins, then unknown, then confirm. Diagnoses, medications, procedures and allergies absent from
// the record count as absent; measurements and tests that are missing or older than their
// look-back window are unknown.
import { analyteByKey, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { conceptById, conceptCodes, CODE_SYSTEMS } from '../clinical/tables/conditions.ts';
import { scaleById } from '../clinical/tables/scales.ts';
import { ageInYears, daysBetween, describeDuration, monthsBetween, subtractDuration } from '../clinical/calendar.ts';
import type { CodedFact, DataProblem, PatientFacts, ProblemScope, QuantityFact } from '../patient/facts.ts';
import { resolveLimit, type LimitSource, type SiteRangeIndex } from '../patient/limits.ts';
import { canonicalFactor, normalizeUnitSpelling, roundFloat } from '../patient/units.ts';
import type { Coding, Comparison, ConceptRef, CriterionKind, Duration, Rule, RuleSet } from './rules.ts';
import { displayUnit, formatComparison, formatNumber } from './print.ts';

export type Truth = 'true' | 'false' | 'unknown' | 'confirm';
export type CriterionStatus = 'pass' | 'fail' | 'unknown' | 'confirm';
export type Verdict = 'eligible' | 'ineligible' | 'incomplete';

/** One patient fact a rule looked at (or looked for), as shown to the coordinator. */
export interface Evidence {
  kind: 'observation' | 'qualitative' | 'score' | 'age' | 'sex' | 'condition' | 'medication' | 'procedure' | 'allergy' | 'pregnancy' | 'lactation';
  label: string;
  value?: number | string;
  unit?: string;
  /** The value as recorded, when it was converted to another unit. */
  recorded?: { value: number | string; unit: string };
  date?: string;
  /** FHIR resource the fact came from. */
  source?: string;
  limit?: { bound: 'low' | 'high'; value: number; unit: string; source: LimitSource; detail: string };
  /** value ÷ limit, for "× ULN" rules. */
  ratio?: number;
  /** The threshold the value was compared with, in words ("≤ 1.5 × ULN = 31.5 umol/L"). */
  threshold?: string;
  outcome: Truth;
}

export interface MissingItem {
  criterion: string;
  /** What to obtain, e.g. "LVEF (within 90 days)". */
  what: string;
  /** The same in Simplified Chinese, where Eligo's tables name it (e.g. "左心室射血分数（90天内）"). */
  whatZh?: string;
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
  /**
   * The reason in Chinese, present only when all of it can be said in Chinese — today a criterion
   * awaiting confirmation whose questions are all translated. Other reasons are English only.
   */
  reasonZh?: string;
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
  ruleSet: { version: number; review: 'reviewed' | 'unreviewed' };
  criteria: CriterionResult[];
  /** Data to obtain before the verdict can be final (criteria that are unknown). */
  missing: MissingItem[];
  /** Points a person must confirm (consent, investigator judgement). */
  confirm: ConfirmItem[];
  /** Problems found in the patient record (bad units, unknown code systems, future dates, …). */
  warnings: string[];
}

export interface EvaluateOptions {
  /** Screening date, 'YYYY-MM-DD'. */
  asOf: string;
  /** The screening site's reference ranges (indexSiteRanges). */
  siteRanges?: SiteRangeIndex;
}

/** A rule's free text with its Chinese where the rule carries one. */
interface Bilingual {
  en: string;
  zh?: string;
}

interface Outcome {
  truth: Truth;
  reason: string;
  evidence: Evidence[];
  missing: Bilingual[];
  confirm: Bilingual[];
  ambiguities: Bilingual[];
}

interface Context {
  facts: PatientFacts;
  asOf: string;
  siteRanges?: SiteRangeIndex;
  /** First day of each look-back window for this screening date (shared across screens). */
  windowStarts: Map<string, string>;
}

function windowStart(context: Context, duration: Duration): string {
  const key = `${duration.amount}${duration.unit}`;
  let start = context.windowStarts.get(key);
  if (start === undefined) {
    start = subtractDuration(context.asOf, duration);
    context.windowStarts.set(key, start);
  }
  return start;
}

/** Window starts per screening date, shared by every rule set screened for that date (ranking screens thousands). */
const windowStartsByDate = new Map<string, Map<string, string>>();

function windowStartsFor(asOf: string): Map<string, string> {
  let starts = windowStartsByDate.get(asOf);
  if (!starts) {
    if (windowStartsByDate.size >= 64) windowStartsByDate.clear();
    starts = new Map();
    windowStartsByDate.set(asOf, starts);
  }
  return starts;
}

export function evaluateRuleSet(ruleSet: RuleSet, facts: PatientFacts, options: EvaluateOptions): ScreeningResult {
  const context: Context = { facts, asOf: options.asOf, siteRanges: options.siteRanges, windowStarts: windowStartsFor(options.asOf) };
  const criteria: CriterionResult[] = [];
  const missing: MissingItem[] = [];
  const confirm: ConfirmItem[] = [];
  for (const criterion of ruleSet.criteria) {
    const outcome = evaluateRule(criterion.rule, context);
    const status = criterionStatus(criterion.kind, outcome.truth);
    const result: CriterionResult = {
      id: criterion.id,
      kind: criterion.kind,
      text: criterion.text,
      status,
      reason: criterionReason(criterion.kind, status, outcome),
      evidence: outcome.evidence,
    };
    if (outcome.ambiguities.length > 0) {
      result.ambiguities = outcome.ambiguities.map((note) => note.en);
      if (outcome.ambiguities.some((note) => note.zh)) result.ambiguitiesZh = outcome.ambiguities.map((note) => note.zh ?? null);
    }
    const questions = status === 'confirm' ? uniqueText(outcome.confirm) : [];
    if (questions.length > 0 && questions.every((question) => question.zh) && outcome.reason.startsWith('to confirm')) {
      result.reasonZh = `需人工确认：${questions.map((question) => question.zh).join('；')}`;
    }
    if (criterion.status === 'partial' && criterion.unparsed && criterion.unparsed.length > 0) {
      result.notEncoded = criterion.unparsed.map((part) => part.text.replace(/\s+/g, ' ').trim());
      result.reason += ` — decided on the encoded part only; not encoded: ${result.notEncoded.map((text) => `«${text}»`).join(', ')}`;
      if (result.reasonZh) result.reasonZh += `（仅依据已编码部分判断；未编码：${result.notEncoded.map((text) => `«${text}»`).join('、')}）`;
    }
    criteria.push(result);
    if (status === 'unknown') {
      for (const what of uniqueText(outcome.missing)) missing.push(what.zh ? { criterion: criterion.id, what: what.en, whatZh: what.zh } : { criterion: criterion.id, what: what.en });
    }
    for (const question of questions) confirm.push(question.zh ? { criterion: criterion.id, question: question.en, questionZh: question.zh } : { criterion: criterion.id, question: question.en });
  }
  const verdict: Verdict = criteria.some((c) => c.status === 'fail') ? 'ineligible' : criteria.some((c) => c.status === 'unknown') ? 'incomplete' : 'eligible';
  return {
    trial: ruleSet.nctId,
    asOf: options.asOf,
    verdict,
    ruleSet: { version: ruleSet.version, review: ruleSet.review },
    criteria,
    missing,
    confirm,
    warnings: facts.problems.map((problem) => problem.message),
  };
}

function criterionStatus(kind: CriterionKind, truth: Truth): CriterionStatus {
  if (truth === 'unknown') return 'unknown';
  if (truth === 'confirm') return 'confirm';
  const holds = truth === 'true';
  return kind === 'inclusion' ? (holds ? 'pass' : 'fail') : holds ? 'fail' : 'pass';
}

function criterionReason(kind: CriterionKind, status: CriterionStatus, outcome: Outcome): string {
  if (status === 'confirm') return `to confirm: ${uniqueText(outcome.confirm).map((question) => question.en).join('; ')}${outcome.reason && !outcome.reason.startsWith('to confirm') ? ` (${outcome.reason})` : ''}`;
  const prefix = status === 'unknown' ? 'unknown: ' : status === 'fail' ? (kind === 'inclusion' ? 'not met: ' : 'exclusion applies: ') : '';
  return `${prefix}${outcome.reason}`;
}

/** "LVEF (within 90 days)" / "左心室射血分数（90天内）": a measurement to obtain, in both languages. */
function withinWindow(label: { en: string; zh: string }, window: Duration): Bilingual {
  return { en: `${label.en} (within ${describeDuration(window)})`, zh: `${label.zh}（${describeDuration(window, 'zh')}内）` };
}

function unique<T>(items: T[]): T[] {
  return items.length < 2 ? items : [...new Set(items)];
}

/** Distinct by English text; the first Chinese seen for a text is kept. */
function uniqueText(items: Bilingual[]): Bilingual[] {
  if (items.length < 2) return items;
  const byText = new Map<string, Bilingual>();
  for (const item of items) if (!byText.has(item.en)) byText.set(item.en, item);
  return [...byText.values()];
}

// Leaves share these instead of allocating empty lists (screening thousands of trials allocates a lot); never mutated.
const NONE: never[] = [];

function leaf(truth: Truth, reason: string, evidence: Evidence[] = NONE, missing: Array<string | Bilingual> = NONE): Outcome {
  const items = missing.length === 0 ? NONE : missing.map((item) => (typeof item === 'string' ? { en: item } : item));
  return { truth, reason, evidence, missing: items, confirm: NONE, ambiguities: NONE };
}

function evaluateRule(rule: Rule, context: Context): Outcome {
  const outcome = evaluateNode(rule, context);
  if (rule.ambiguity) outcome.ambiguities = [rule.zh?.ambiguity ? { en: rule.ambiguity, zh: rule.zh.ambiguity } : { en: rule.ambiguity }, ...outcome.ambiguities];
  return outcome;
}

function evaluateNode(rule: Rule, context: Context): Outcome {
  switch (rule.type) {
    case 'all':
    case 'any':
      return combine(rule.type, rule.rules.map((child) => evaluateRule(child, context)));
    case 'not': {
      const inner = evaluateRule(rule.rule, context);
      const truth: Truth = inner.truth === 'true' ? 'false' : inner.truth === 'false' ? 'true' : inner.truth;
      return { ...inner, truth };
    }
    case 'observation':
      return evaluateObservation(rule.analyte, rule.comparison, rule.lookback, rule.qualifier, context);
    case 'qualitative':
      return evaluateQualitative(rule.analyte, rule.result, rule.lookback, context);
    case 'score':
      return evaluateScore(rule.scale, rule.comparison, rule.lookback, rule.whenNotRecorded, context);
    case 'age':
      return evaluateAge(rule.comparison, context);
    case 'sex':
      return evaluateSex(rule.sex, context);
    case 'condition':
      return evaluateCondition(rule, context);
    case 'pregnancy':
      return evaluatePregnancy(rule.state, context);
    case 'medication':
      return evaluateMedication(rule.medication, rule.within, context, rule.ever === true);
    case 'procedure':
      return evaluateProcedure(rule.procedure, rule.within, context);
    case 'allergy':
      return evaluateAllergy(rule.substance, rule.criticality, context);
    case 'confirm':
      return { ...leaf('confirm', `to confirm: ${rule.question}`), confirm: [rule.zh?.question ? { en: rule.question, zh: rule.zh.question } : { en: rule.question }] };
  }
}

function combine(type: 'all' | 'any', children: Outcome[]): Outcome {
  const decisive: Truth = type === 'all' ? 'false' : 'true';
  const truth: Truth = children.some((c) => c.truth === decisive)
    ? decisive
    : children.some((c) => c.truth === 'unknown')
      ? 'unknown'
      : children.some((c) => c.truth === 'confirm')
        ? 'confirm'
        : type === 'all' ? 'true' : 'false';
  // The reason names the children that decided the outcome.
  const deciders = children.filter((c) => c.truth === truth);
  const reasons = (deciders.length > 0 ? deciders : children).map((c) => c.reason);
  return {
    truth,
    reason: unique(reasons).join('; '),
    evidence: children.flatMap((c) => c.evidence),
    missing: truth === 'unknown' ? children.filter((c) => c.truth === 'unknown').flatMap((c) => c.missing) : [],
    // Only confirmations that can still change the outcome are asked for.
    confirm: truth === 'confirm' ? children.filter((c) => c.truth === 'confirm').flatMap((c) => c.confirm) : [],
    ambiguities: children.flatMap((c) => c.ambiguities),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparisons

/**
 * How values meet limits. Every converted value and every computed threshold (1.5 × ULN, a limit in
 * another unit) is first rounded to 12 significant digits (roundFloat), and two numbers that then
 * agree to 1 part in 10⁹ are equal. Labs report at most 5–6 significant digits and a double's
 * conversion noise sits in the 16th, so a value exactly at the limit after conversion is at the
 * limit (1.5 × 21 = 31.5; 1.8 mg/dL against a 1.2 mg/dL ULN is exactly 1.5 × ULN), while any
 * difference a lab could report (31.5001) still decides. Values are compared as reported, never
 * rounded to the limit's precision: TBIL 32 µmol/L is above a 31.5 limit.
 */
function compareNumbers(a: number, b: number): number {
  const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= tolerance ? 0 : a < b ? -1 : 1;
}

function holds(op: Comparison['op'], value: number, threshold: number, high?: number): boolean {
  const c = compareNumbers(value, threshold);
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    case '=': return c === 0;
    case 'between': return c >= 0 && high !== undefined && compareNumbers(value, high) <= 0;
  }
}

/** A censored value ("< 20", "≤ 0" for not detected) decides a comparison only when every value it allows does. */
function holdsCensored(op: Comparison['op'], fact: { value: number; comparator?: QuantityFact['comparator'] }, threshold: number, high?: number): boolean | undefined {
  if (!fact.comparator) return holds(op, fact.value, threshold, high);
  const x = fact.value;
  const strict = fact.comparator === '<' || fact.comparator === '>';
  const c = compareNumbers(x, threshold);
  if (fact.comparator === '<' || fact.comparator === '<=') {
    if (op === '<') return c < 0 || (strict && c === 0) ? true : undefined;
    if (op === '<=') return c <= 0 ? true : undefined;
    if (op === '>') return c <= 0 ? false : undefined;
    if (op === '>=') return c < 0 || (strict && c === 0) ? false : undefined;
    return undefined;
  }
  if (op === '>') return c > 0 || (strict && c === 0) ? true : undefined;
  if (op === '>=') return c >= 0 ? true : undefined;
  if (op === '<') return c >= 0 ? false : undefined;
  if (op === '<=') return c > 0 || (strict && c === 0) ? false : undefined;
  return undefined;
}

const thresholdFactors = new Map<string, number | null>();

/** Multiplier from a rule's threshold unit to the analyte's canonical unit (cached). */
function thresholdFactor(unit: string, analyte: AnalyteDefinition): number | null {
  const key = `${analyte.key}\u0000${unit}`;
  let factor = thresholdFactors.get(key);
  if (factor === undefined) {
    factor = analyte.unit ? canonicalFactor(normalizeUnitSpelling(unit, analyte), analyte) : unit === '1' ? 1 : null;
    thresholdFactors.set(key, factor);
  }
  return factor;
}

function problemsFor(context: Context, match: (scope: ProblemScope) => boolean): DataProblem[] {
  return context.facts.problems.filter((problem) => match(problem.scope));
}

function withProblems(reason: string, problems: DataProblem[]): string {
  return problems.length === 0 ? reason : `${reason} (${problems.map((p) => p.message).join('; ')})`;
}

// ---------------------------------------------------------------------------------------------
// Leaves

function evaluateObservation(key: string, comparison: Comparison, lookback: Duration | undefined, qualifier: string | undefined, context: Context): Outcome {
  const analyte = analyteByKey(key);
  if (!analyte || analyte.kind !== 'quantity') return leaf('unknown', `the rule names an analyte Eligo does not know (${JSON.stringify(key)})`, [], [key]);
  const window = lookback ?? analyte.lookback;
  const windowText = describeDuration(window);
  const label = analyte.short;
  const facts = context.facts.quantities.get(key) ?? [];
  const since = windowStart(context, window);
  const fact = facts.find((f) => f.date >= since);
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'analyte' && s.analyte === key) || s.kind === 'observation');
    const older = facts[0];
    const evidence: Evidence[] = older ? [{ kind: 'observation', label: analyte.label.en, value: older.value, unit: older.unit, date: older.date, source: older.source, outcome: 'unknown' }] : [];
    const base = older ? `${label} last recorded on ${older.date}, more than ${windowText} before ${context.asOf}` : `${label} not recorded in the last ${windowText}`;
    return leaf('unknown', withProblems(base, problems), evidence, [withinWindow(analyte.label, window)]);
  }
  const evidence: Evidence = { kind: 'observation', label: analyte.label.en, value: fact.comparator ? `${fact.comparator}${formatNumber(fact.value)}` : fact.value, unit: fact.unit, date: fact.date, source: fact.source, outcome: 'unknown' };
  if (fact.recorded.unit !== fact.unit) evidence.recorded = fact.recorded;
  const unitShown = displayUnit(fact.unit);
  const valueText = `${label} ${evidence.value}${unitShown ? ` ${unitShown}` : ''} on ${fact.date}`;
  let threshold: number;
  let high: number | undefined;
  if (comparison.unit === 'xULN' || comparison.unit === 'xLLN') {
    const bound = comparison.unit === 'xULN' ? 'high' : 'low';
    const limit = resolveLimit(fact, bound, context.facts, context.siteRanges);
    const limitName = bound === 'high' ? 'ULN' : 'LLN';
    if (!limit) {
      evidence.threshold = formatComparison(comparison, 'en');
      return leaf('unknown', `${valueText}, but no ${limitName} for ${label}: the result has no reference range and no site or default range applies`, [evidence], [`${limitName} for ${analyte.label.en} (the lab's reference range, or the site's range)`]);
    }
    threshold = roundFloat(comparison.value * limit.value);
    high = comparison.high !== undefined ? roundFloat(comparison.high * limit.value) : undefined;
    evidence.limit = limit;
    evidence.ratio = roundFloat(fact.value / limit.value);
    evidence.threshold = `${formatComparison(comparison, 'en')} = ${formatNumber(threshold)}${high !== undefined ? `–${formatNumber(high)}` : ''}${unitShown ? ` ${unitShown}` : ''}`;
    const verdict = holdsCensored(comparison.op, fact, threshold, high);
    evidence.outcome = verdict === undefined ? 'unknown' : verdict ? 'true' : 'false';
    const limitText = `${limitName} ${formatNumber(limit.value)}${unitShown ? ` ${unitShown}` : ''} from ${limit.source === 'observation' ? 'the lab report' : limit.source === 'site' ? 'the site\'s range' : 'the default range'}`;
    const text = `${valueText} = ${formatNumber(evidence.ratio)} × ${limitName} (${limitText}); criterion ${evidence.threshold}`;
    return leaf(evidence.outcome, verdict === undefined ? `${text}: the reported value is censored and does not decide` : text, [evidence], verdict === undefined ? [`exact ${analyte.label.en}`] : []);
  }
  const factor = thresholdFactor(comparison.unit, analyte);
  if (factor === null) {
    return leaf('unknown', `the criterion's unit ${JSON.stringify(comparison.unit)} cannot be compared with ${analyte.label.en} in ${analyte.unit}`, [evidence], []);
  }
  threshold = roundFloat(comparison.value * factor);
  high = comparison.high !== undefined ? roundFloat(comparison.high * factor) : undefined;
  evidence.threshold = `${formatComparison(comparison, 'en')}${factor !== 1 ? ` (= ${formatNumber(threshold)}${high !== undefined ? `–${formatNumber(high)}` : ''} ${unitShown})` : ''}`;
  const verdict = holdsCensored(comparison.op, fact, threshold, high);
  evidence.outcome = verdict === undefined ? 'unknown' : verdict ? 'true' : 'false';
  const note = qualifier ? ` [${qualifier}]` : '';
  const text = `${valueText}; criterion ${evidence.threshold}${note}`;
  return leaf(evidence.outcome, verdict === undefined ? `${text}: the reported value is censored and does not decide` : text, [evidence], verdict === undefined ? [`exact ${analyte.label.en}`] : []);
}

function evaluateQualitative(key: string, expected: 'positive' | 'negative', lookback: Duration | undefined, context: Context): Outcome {
  const analyte = analyteByKey(key);
  if (!analyte || analyte.kind !== 'qualitative') return leaf('unknown', `the rule names a test Eligo does not know (${JSON.stringify(key)})`, [], [key]);
  const window = lookback ?? analyte.lookback;
  const windowText = describeDuration(window);
  const since = windowStart(context, window);
  const facts = context.facts.qualitative.get(key) ?? [];
  const fact = facts.find((f) => f.date >= since);
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'analyte' && s.analyte === key) || s.kind === 'observation');
    const base = facts[0] ? `${analyte.short} last tested on ${facts[0].date}, more than ${windowText} before ${context.asOf}` : `${analyte.short} not recorded in the last ${windowText}`;
    return leaf('unknown', withProblems(base, problems), [], [withinWindow(analyte.label, window)]);
  }
  const truth: Truth = fact.result === expected ? 'true' : 'false';
  return leaf(truth, `${analyte.short} ${fact.result} on ${fact.date}`, [{ kind: 'qualitative', label: analyte.label.en, value: fact.result, date: fact.date, source: fact.source, threshold: expected, outcome: truth }]);
}

function evaluateScore(scaleId: Parameters<typeof scaleById>[0], comparison: Comparison, lookback: Duration | undefined, whenNotRecorded: 'unknown' | 'absent' | undefined, context: Context): Outcome {
  const scale = scaleById(scaleId);
  const window = lookback ?? scale.lookback;
  const windowText = describeDuration(window);
  const since = windowStart(context, window);
  const facts = context.facts.scores.get(scaleId) ?? [];
  const fact = facts.find((f) => f.date >= since);
  if (!fact) {
    const problems = problemsFor(context, (s) => (s.kind === 'scale' && s.scale === scaleId) || s.kind === 'observation');
    if (whenNotRecorded === 'absent' && facts.length === 0 && problems.length === 0) return leaf('false', `${scale.label.en} ${formatComparison({ ...comparison, unit: '1' }, 'en')}: not recorded — assumed absent`);
    const base = facts[0] ? `${scale.label.en} last recorded on ${facts[0].date}, more than ${windowText} before ${context.asOf}` : `${scale.label.en} not recorded in the last ${windowText}`;
    return leaf('unknown', withProblems(base, problems), [], [withinWindow(scale.label, window)]);
  }
  const truth: Truth = holds(comparison.op, fact.grade, comparison.value, comparison.high) ? 'true' : 'false';
  const threshold = formatComparison({ ...comparison, unit: '1' }, 'en');
  return leaf(truth, `${scale.label.en} ${scale.gradeLabel(fact.grade)} on ${fact.date}; criterion ${threshold}`, [{ kind: 'score', label: scale.label.en, value: fact.grade, date: fact.date, source: fact.source, threshold, outcome: truth }]);
}

const AGE_UNIT_WORDS: Record<string, string> = { a: 'years', mo: 'months', wk: 'weeks', d: 'days' };

function evaluateAge(comparison: Comparison, context: Context): Outcome {
  const birthDate = context.facts.birthDate;
  if (!birthDate) {
    const problems = problemsFor(context, (s) => s.kind === 'birthDate');
    return leaf('unknown', withProblems('age unknown: no birth date in the record', problems), [], [{ en: 'date of birth', zh: '出生日期' }]);
  }
  let age: number;
  if (comparison.unit === 'a') age = ageInYears(birthDate, context.asOf);
  else if (comparison.unit === 'mo') age = monthsBetween(birthDate, context.asOf);
  else if (comparison.unit === 'wk') age = Math.floor(daysBetween(birthDate, context.asOf) / 7);
  else if (comparison.unit === 'd') age = daysBetween(birthDate, context.asOf);
  else return leaf('unknown', `the age criterion's unit ${JSON.stringify(comparison.unit)} is not a time unit (a, mo, wk, d)`);
  const truth: Truth = holds(comparison.op, age, comparison.value, comparison.high) ? 'true' : 'false';
  const unitWord = AGE_UNIT_WORDS[comparison.unit];
  const threshold = formatComparison(comparison, 'en');
  return leaf(truth, `age ${age} ${unitWord} on ${context.asOf}; criterion ${threshold}`, [{ kind: 'age', label: 'age', value: age, unit: comparison.unit, date: context.asOf, source: 'Patient.birthDate', threshold, outcome: truth }]);
}

function evaluateSex(sex: 'female' | 'male', context: Context): Outcome {
  const recorded = context.facts.sex;
  if (recorded !== 'female' && recorded !== 'male') {
    return leaf('unknown', withProblems(`sex not recorded as female or male${recorded ? ` (recorded: ${recorded})` : ''}`, problemsFor(context, (s) => s.kind === 'sex')), [], [{ en: 'sex', zh: '性别' }]);
  }
  const truth: Truth = recorded === sex ? 'true' : 'false';
  return leaf(truth, `sex ${recorded}`, [{ kind: 'sex', label: 'sex', value: recorded, source: 'Patient.gender', threshold: sex, outcome: truth }]);
}

// ---------------------------------------------------------------------------------------------
// Coded facts

interface CodeMatcher {
  exact: Set<string>;
  prefixes: Array<{ system: string; code: string }>;
  known: boolean;
}

const matchers = new Map<string, CodeMatcher>();

function matcherFor(ref: ConceptRef): CodeMatcher {
  const key = ref.codes ? `${ref.concept}\u0000${JSON.stringify(ref.codes)}` : ref.concept;
  let matcher = matchers.get(key);
  if (!matcher) {
    const known = conceptById(ref.concept) !== undefined;
    const codes: Coding[] = [...(known ? conceptCodes(ref.concept) : []), ...(ref.codes ?? [])];
    matcher = { exact: new Set(), prefixes: [], known: known || (ref.codes?.length ?? 0) > 0 };
    for (const coding of codes) {
      const systems = coding.system === CODE_SYSTEMS.icd10cm ? [CODE_SYSTEMS.icd10cm, CODE_SYSTEMS.icd10] : [coding.system];
      for (const system of systems) {
        if (coding.prefix) matcher.prefixes.push({ system, code: coding.code.toUpperCase() });
        else matcher.exact.add(`${system}|${coding.code.toUpperCase()}`);
      }
    }
    matchers.set(key, matcher);
  }
  return matcher;
}

function matches(matcher: CodeMatcher, codings: readonly Coding[]): boolean {
  for (const coding of codings) {
    const code = coding.code.toUpperCase();
    if (matcher.exact.has(`${coding.system}|${code}`)) return true;
    for (const prefix of matcher.prefixes) if (prefix.system === coding.system && code.startsWith(prefix.code)) return true;
  }
  return false;
}

function unknownConcept(ref: ConceptRef): Outcome {
  return leaf('unknown', `the rule names a concept Eligo has no codes for (${JSON.stringify(ref.concept)})`, [], [ref.label]);
}

function conditionEvidence(fact: CodedFact, outcome: Truth): Evidence {
  const code = fact.codings[0];
  return { kind: 'condition', label: fact.label, value: code ? `${code.code}` : undefined, date: fact.onset ?? fact.recorded, source: fact.source, outcome };
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

function evaluateCondition(rule: Extract<Rule, { type: 'condition' }>, context: Context): Outcome {
  const matcher = matcherFor(rule.condition);
  if (!matcher.known) return unknownConcept(rule.condition);
  const exceptions = (rule.except ?? []).map(matcherFor);
  const label = rule.condition.label;
  const counting: CodedFact[] = [];
  const outside: CodedFact[] = [];
  const undated: CodedFact[] = [];
  const excepted: CodedFact[] = [];
  for (const fact of context.facts.conditions) {
    if (!matches(matcher, fact.codings)) continue;
    if (exceptions.some((exception) => matches(exception, fact.codings))) {
      excepted.push(fact);
      continue;
    }
    const timing = conditionTiming(fact, rule, context);
    (timing === 'counts' ? counting : timing === 'outside' ? outside : undated).push(fact);
  }
  const window = rule.onsetWithin ? `onset within ${describeDuration(rule.onsetWithin)}` : rule.within ? `within ${describeDuration(rule.within)}` : '';
  if (rule.onsetWithin && rule.status !== 'active' && counting.length > 0) {
    // "Suffering from AA within six months": the first recorded onset decides; a later record of the same disease does not restart it.
    const since = windowStart(context, rule.onsetWithin);
    const earlier = outside.filter((fact) => fact.onset !== undefined && fact.onset < since).sort((a, b) => (a.onset! < b.onset! ? -1 : 1))[0];
    if (earlier) {
      return leaf('false', `${earlier.label}: first recorded onset ${earlier.onset}, more than ${describeDuration(rule.onsetWithin)} before ${context.asOf} (a later record does not restart it)`, [conditionEvidence(earlier, 'false'), ...counting.map((fact) => conditionEvidence(fact, 'false'))]);
    }
  }
  if (counting.length > 0) {
    const first = counting[0];
    const when = first.onset ? `, onset ${first.onset}` : '';
    return leaf('true', `${first.label} recorded${when}${window ? ` (${window} of ${context.asOf})` : ''}`, counting.map((fact) => conditionEvidence(fact, 'true')));
  }
  if (undated.length > 0) {
    const what = rule.onsetWithin ? 'onset date' : 'dates';
    return leaf('unknown', `${undated[0].label} recorded without ${what}: cannot tell whether it is ${window}`, undated.map((fact) => conditionEvidence(fact, 'unknown')), [`${what === 'onset date' ? 'onset date' : 'dates'} of ${undated[0].label}`]);
  }
  const problems = problemsFor(context, (s) => s.kind === 'condition');
  if (problems.length > 0) {
    return leaf('unknown', withProblems(`${label}: not found among the coded conditions, but some conditions could not be read`, problems), [], [`coded diagnoses (${label})`]);
  }
  const evidence = [...outside.map((fact) => conditionEvidence(fact, 'false')), ...excepted.map((fact) => conditionEvidence(fact, 'false'))];
  if (outside.length > 0) {
    const fact = outside[0];
    const when = rule.onsetWithin ? `onset ${fact.onset}, more than ${describeDuration(rule.onsetWithin)} before ${context.asOf}` : rule.status === 'active' && fact.active === false ? 'not active' : `ended ${fact.abatement ?? fact.onset}, outside ${window}`;
    return leaf('false', `${fact.label}: ${when}`, evidence);
  }
  if (excepted.length > 0) return leaf('false', `only ${excepted.map((fact) => fact.label).join(', ')} recorded, which the criterion excepts`, evidence);
  return leaf('false', `${label}: not recorded — assumed absent`);
}

function evaluatePregnancy(state: 'pregnant' | 'lactating', context: Context): Outcome {
  const kind = state === 'pregnant' ? 'pregnancy' : 'lactation';
  const word = state === 'pregnant' ? 'pregnancy' : 'breastfeeding';
  if (context.facts.sex === 'male') return leaf('false', `${word}: not applicable (male)`, [{ kind, label: word, value: 'male', source: 'Patient.gender', outcome: 'false' }]);
  const conditionMatcher = matcherFor({ concept: kind, label: word });
  const condition = context.facts.conditions.find((fact) => fact.active !== false && !fact.abatement && matches(conditionMatcher, fact.codings));
  if (condition) return leaf('true', `${condition.label} recorded`, [conditionEvidence(condition, 'true')]);
  const window: Duration = state === 'pregnant' ? analyteByKey('pregnancy.test')!.lookback : { amount: 90, unit: 'd' };
  const since = windowStart(context, window);
  const status = context.facts.states.find((fact) => fact.state === state && fact.date >= since);
  const test = state === 'pregnant' ? (context.facts.qualitative.get('pregnancy.test') ?? []).find((fact) => fact.date >= since) : undefined;
  if (test && (!status || test.date >= status.date)) {
    const truth: Truth = test.result === 'positive' ? 'true' : 'false';
    return leaf(truth, `pregnancy test ${test.result} on ${test.date}`, [{ kind, label: 'pregnancy test', value: test.result, date: test.date, source: test.source, outcome: truth }]);
  }
  if (status) {
    const truth: Truth = status.present ? 'true' : 'false';
    return leaf(truth, `${status.present ? '' : 'not '}${state} on ${status.date}`, [{ kind, label: `${word} status`, value: status.present ? state : `not ${state}`, date: status.date, source: status.source, outcome: truth }]);
  }
  if (state === 'lactating') return leaf('false', 'breastfeeding: not recorded — assumed absent');
  return leaf('unknown', `pregnancy status not recorded in the last ${describeDuration(window)}`, [], [{ en: `pregnancy status or test (within ${describeDuration(window)})`, zh: `妊娠状态或妊娠试验（${describeDuration(window, 'zh')}内）` }]);
}

function evaluateMedication(ref: ConceptRef, within: Duration | undefined, context: Context, ever = false): Outcome {
  const matcher = matcherFor(ref);
  if (!matcher.known) return unknownConcept(ref);
  const since = within ? windowStart(context, within) : undefined;
  const found = context.facts.medications.filter((fact) => matches(matcher, fact.codings));
  // A history ("prior chemotherapy") counts every recorded course that started by the screening date.
  const everTaken = ever && !since;
  const counting = found.filter((fact) => (since ? fact.current || (fact.end ?? fact.start ?? '') >= since : everTaken ? fact.current || (fact.start ?? fact.end ?? '') <= context.asOf : fact.current || (fact.end !== undefined && fact.end >= context.asOf)));
  if (counting.length > 0) {
    return leaf('true', `${counting[0].label} ${since ? `taken within ${describeDuration(within!)}` : everTaken ? 'taken before' : 'currently taken'}`, counting.map((fact) => ({ kind: 'medication' as const, label: fact.label, date: fact.start, source: fact.source, outcome: 'true' as const })));
  }
  const problems = problemsFor(context, (s) => s.kind === 'medication');
  if (problems.length > 0) return leaf('unknown', withProblems(`${ref.label}: not found among the coded medications, but some could not be read`, problems), [], [`medication list (${ref.label})`]);
  if (found.length > 0) return leaf('false', `${found[0].label} recorded but not ${since ? `within ${describeDuration(within!)}` : 'current'}`, found.map((fact) => ({ kind: 'medication' as const, label: fact.label, date: fact.start, source: fact.source, outcome: 'false' as const })));
  return leaf('false', `${ref.label}: not recorded — assumed not taken`);
}

function evaluateProcedure(ref: ConceptRef, within: Duration | undefined, context: Context): Outcome {
  const matcher = matcherFor(ref);
  if (!matcher.known) return unknownConcept(ref);
  const since = within ? windowStart(context, within) : undefined;
  const procedures = context.facts.procedures.filter((fact) => matches(matcher, fact.codings));
  // Transplant status is often coded as a condition (ICD-10-CM Z94.84).
  const statuses = context.facts.conditions.filter((fact) => matches(matcher, fact.codings));
  const dated = [...procedures.map((fact) => ({ label: fact.label, date: fact.date, source: fact.source })), ...statuses.map((fact) => ({ label: fact.label, date: fact.onset ?? fact.recorded, source: fact.source }))];
  const counting = dated.filter((fact) => !since || (fact.date !== undefined && fact.date >= since));
  if (counting.length > 0) return leaf('true', `${counting[0].label} recorded${counting[0].date ? ` on ${counting[0].date}` : ''}`, counting.map((fact) => ({ kind: 'procedure' as const, label: fact.label, date: fact.date, source: fact.source, outcome: 'true' as const })));
  const undated = dated.filter((fact) => fact.date === undefined);
  if (undated.length > 0) return leaf('unknown', `${undated[0].label} recorded without a date`, [], [`date of ${undated[0].label}`]);
  const problems = problemsFor(context, (s) => s.kind === 'procedure' || s.kind === 'condition');
  if (problems.length > 0) return leaf('unknown', withProblems(`${ref.label}: not found, but some procedures could not be read`, problems), [], [`procedure history (${ref.label})`]);
  if (dated.length > 0) return leaf('false', `${dated[0].label} on ${dated[0].date}, not within ${describeDuration(within!)}`);
  return leaf('false', `${ref.label}: not recorded — assumed absent`);
}

function evaluateAllergy(substance: ConceptRef | undefined, criticality: 'high' | 'any' | undefined, context: Context): Outcome {
  const matcher = substance ? matcherFor(substance) : undefined;
  if (substance && !matcher!.known) return unknownConcept(substance);
  const found = context.facts.allergies.filter((fact) => (!matcher || matches(matcher, fact.codings)) && (criticality !== 'high' || fact.criticality === 'high'));
  const what = `${criticality === 'high' ? 'severe ' : ''}allergy${substance ? ` to ${substance.label}` : ''}`;
  if (found.length > 0) return leaf('true', `${found[0].label}${found[0].criticality ? ` (criticality ${found[0].criticality})` : ''} recorded`, found.map((fact) => ({ kind: 'allergy' as const, label: fact.label, value: fact.criticality, source: fact.source, outcome: 'true' as const })));
  return leaf('false', `${what}: not recorded — assumed absent`);
}

// ---------------------------------------------------------------------------------------------
// Ranking

const VERDICT_ORDER: Record<Verdict, number> = { eligible: 0, incomplete: 1, ineligible: 2 };

/** Eligible first, then incomplete by how little is missing, then ineligible by how few criteria fail. */
export function compareScreeningResults(a: ScreeningResult, b: ScreeningResult): number {
  const byVerdict = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  if (byVerdict !== 0) return byVerdict;
  const count = (result: ScreeningResult, status: CriterionStatus) => result.criteria.filter((c) => c.status === status).length;
  if (a.verdict === 'incomplete') return count(a, 'unknown') - count(b, 'unknown') || a.missing.length - b.missing.length || a.trial.localeCompare(b.trial);
  if (a.verdict === 'ineligible') return count(a, 'fail') - count(b, 'fail') || a.trial.localeCompare(b.trial);
  return count(a, 'confirm') - count(b, 'confirm') || a.trial.localeCompare(b.trial);
}
