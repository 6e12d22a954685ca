// Haematological response at an assessment: the interpreter of clinical/tables/response-schemes.ts.
// Levels are tried in order (complete before partial); each criterion is three-valued, and a response
// that an unknown higher level could change is null with the missing data named. Transfusion
// independence is derived from the logged transfusions over the scheme's window (§3c), never entered.
import { DEFAULT_REFERENCE_RANGES } from '../clinical/tables/reference-ranges.ts';
import { DEFAULT_RESPONSE_SCHEME, responseScheme, type CountAnalyte, type ResponseCriterion, type ResponseLevel, type ResponseLevelRule, type ResponseScheme, type ResponseSchemeId } from '../clinical/tables/response-schemes.ts';
import { describeDuration, isWithin, subtractDuration } from '../clinical/calendar.ts';
import { classifySeverity, countIn, type Count, type Severity } from './severity.ts';

export interface Transfusion { date: string; product: 'RBC' | 'platelets'; units: number }

export interface ResponseInput {
  scheme?: ResponseSchemeId;
  sex: 'male' | 'female';
  /** Age in whole years at the assessment. */
  age: number;
  baseline: { hb: Count; anc: Count; platelets: Count; severity?: Severity; reticulocytes?: Count; reticulocyteMethod?: 'manual' | 'automated' };
  assessment: { date: string; hb: Count; anc: Count; platelets: Count; reticulocytes?: Count; reticulocyteMethod?: 'manual' | 'automated' };
  /** Every RBC and platelet transfusion logged for the subject (any dates; the window is applied here). */
  transfusions: readonly Transfusion[];
  transfusionDependentAtBaseline?: boolean;
  /** The site's Hb lower limit for this subject; the reference-range table's default when absent. */
  hbLowerLimit?: Count;
}

export interface ResponseResult {
  response: ResponseLevel | 'none' | null;
  reason: string;
  scheme: ResponseSchemeId;
  /** The scheme's own name of the level reached ("basically cured (基本治愈)"). */
  label?: string;
  transfusionIndependent: boolean;
  problem?: { field: string; value: unknown; expected: string };
}

type Truth = boolean | 'unknown';
interface Outcome { truth: Truth; text: string }
type Counts = Record<CountAnalyte, number>;

interface Context {
  scheme: ResponseScheme;
  input: ResponseInput;
  baseline: Counts;
  now: Counts;
  baselineSevere: Truth;
  transfusionIndependent: boolean;
  transfusionText: string;
  hbLimit: { value: number; source: string } | undefined;
}

const FIELD_ANALYTE: Record<'hb' | 'anc' | 'platelets', CountAnalyte> = { hb: 'hemoglobin', anc: 'anc', platelets: 'platelets' };
const NAME: Record<CountAnalyte, string> = { hemoglobin: 'Hb', anc: 'ANC', platelets: 'platelets' };

export function assessResponse(input: ResponseInput): ResponseResult {
  const scheme = responseScheme(input.scheme ?? DEFAULT_RESPONSE_SCHEME);
  const baseline = {} as Counts;
  const now = {} as Counts;
  for (const [where, target] of [['baseline', baseline], ['assessment', now]] as const) {
    for (const field of ['hb', 'anc', 'platelets'] as const) {
      const converted = countIn(input[where][field], FIELD_ANALYTE[field], `${where}.${field}`);
      if ('problem' in converted) return { response: null, reason: converted.problem.message, scheme: scheme.id, transfusionIndependent: false, problem: { field: converted.problem.field, value: converted.problem.value, expected: converted.problem.expected } };
      target[FIELD_ANALYTE[field]] = converted.value;
    }
  }
  const windowStart = subtractDuration(input.assessment.date, scheme.transfusionWindow);
  const inWindow = input.transfusions.filter((t) => isWithin(t.date, scheme.transfusionWindow, input.assessment.date));
  const transfusionText = inWindow.length === 0
    ? `transfusion independent: no RBC or platelet transfusion logged from ${windowStart} to ${input.assessment.date} (${describeDuration(scheme.transfusionWindow)})`
    : `not transfusion independent: ${inWindow.length} transfusion${inWindow.length === 1 ? '' : 's'} from ${windowStart} to ${input.assessment.date} (last ${inWindow.map((t) => t.date).sort().at(-1)}, ${inWindow.at(-1)?.product})`;
  const severity = baselineSeverity(input, scheme);
  const context: Context = { scheme, input, baseline, now, baselineSevere: severity.truth, transfusionIndependent: inWindow.length === 0, transfusionText, hbLimit: hbLowerLimit(input) };

  const texts: string[] = [];
  let undecided: ResponseLevelRule | undefined;
  for (const level of scheme.levels) {
    const outcome = evaluateLevel(level, context);
    if (outcome.truth === 'unknown') {
      undecided ??= level;
      texts.push(`${level.label}: undecided (${outcome.text})`);
      continue;
    }
    if (outcome.truth === false) {
      if (outcome.text) texts.push(`${level.label} not met (${outcome.text})`);
      continue;
    }
    const unchecked = level.unchecked ? `; not checked from one assessment: ${level.unchecked}` : '';
    if (undecided) {
      return finish(context, null, undefined, `cannot decide between ${undecided.label} and ${level.label}: ${texts.join('; ')}; ${level.label} met (${outcome.text})`, severity.text);
    }
    return finish(context, level.response, level.label, `${level.label} (${outcome.text})${unchecked}${texts.length ? `; ${texts.join('; ')}` : ''}`, severity.text);
  }
  if (undecided) return finish(context, null, undefined, `cannot decide: ${texts.join('; ')}`, severity.text);
  return finish(context, 'none', 'no response', `no response: ${texts.join('; ')}`, severity.text);
}

function finish(context: Context, response: ResponseResult['response'], label: string | undefined, text: string, severityText: string): ResponseResult {
  const { scheme } = context;
  const reason = `${scheme.scheme}: ${text}; baseline ${severityText}; ${context.transfusionText}${scheme.note ? `; note: ${scheme.note}` : ''}`;
  return { response, reason, scheme: scheme.id, ...(label ? { label } : {}), transfusionIndependent: context.transfusionIndependent };
}

function baselineSeverity(input: ResponseInput, scheme: ResponseScheme): Outcome {
  const given = input.baseline.severity;
  if (given) return { truth: given !== 'NSAA', text: `${given} (given)` };
  const derived = classifySeverity({ scheme: scheme.severityScheme, anc: input.baseline.anc, platelets: input.baseline.platelets, reticulocytes: input.baseline.reticulocytes, reticulocyteMethod: input.baseline.reticulocyteMethod });
  if (derived.severity === null) return { truth: 'unknown', text: 'severity not given and not derivable from the baseline counts (give baseline.severity)' };
  return { truth: derived.severity !== 'NSAA', text: `${derived.severity} (from the baseline blood counts)` };
}

/** The Hb lower limit of normal for the subject's sex and age: given, or the default reference range. */
function hbLowerLimit(input: ResponseInput): Context['hbLimit'] {
  if (input.hbLowerLimit) {
    const converted = countIn(input.hbLowerLimit, 'hemoglobin', 'hbLowerLimit');
    return 'value' in converted ? { value: converted.value, source: 'given hbLowerLimit' } : undefined;
  }
  const lln = defaultLowerLimit('hemoglobin', input.sex, input.age);
  return lln;
}

function defaultLowerLimit(analyte: CountAnalyte, sex: 'male' | 'female', age: number): { value: number; source: string } | undefined {
  const candidates = DEFAULT_REFERENCE_RANGES.filter((range) => range.analyte === analyte && range.low !== undefined && (range.sex === sex || range.sex === 'any') && (range.ageFrom === undefined || age >= range.ageFrom) && (range.ageTo === undefined || age < range.ageTo));
  const best = candidates.find((range) => range.sex === sex) ?? candidates[0];
  return best ? { value: best.low as number, source: `${best.source}, ${best.sex === 'any' ? 'both sexes' : best.sex}${best.ageFrom !== undefined ? ` ${best.ageFrom}–${(best.ageTo ?? 1) - 1} y` : ''}` } : undefined;
}

function evaluateLevel(level: ResponseLevelRule, context: Context): Outcome {
  const applies: Outcome = level.baseline === 'any' ? { truth: true, text: '' }
    : context.baselineSevere === 'unknown' ? { truth: 'unknown', text: 'baseline severity unknown' }
    : { truth: (level.baseline === 'severe') === context.baselineSevere, text: '' };
  if (applies.truth === false) return { truth: false, text: '' };
  const all = level.allOf.map((criterion) => evaluate(criterion, context));
  const any = level.anyOf?.map((criterion) => evaluate(criterion, context));
  const anyTruth: Truth = !any ? true : any.some((o) => o.truth === true) ? true : any.some((o) => o.truth === 'unknown') ? 'unknown' : false;
  const truths = [applies.truth, ...all.map((o) => o.truth), anyTruth];
  const truth: Truth = truths.includes(false) ? false : truths.includes('unknown') ? 'unknown' : true;
  const parts = [applies.text, ...all.map((o) => o.text), any ? `any of: ${any.map((o) => o.text).join(', ')}` : ''].filter(Boolean);
  return { truth, text: parts.join(', ') };
}

const compare = (value: number, comparator: '>' | '>=', limit: number) => (comparator === '>' ? value > limit : value >= limit);

function evaluate(criterion: ResponseCriterion, context: Context): Outcome {
  const { now, baseline } = context;
  switch (criterion.kind) {
    case 'count': {
      const limit = typeof criterion.value === 'number' ? criterion.value : criterion.value[context.input.sex];
      const met = compare(now[criterion.analyte], criterion.comparator, limit);
      return { truth: met, text: `${NAME[criterion.analyte]} ${now[criterion.analyte]} ${met ? '' : 'not '}${criterion.comparator === '>' ? '>' : '≥'} ${limit}` };
    }
    case 'hb-normal': {
      const limit = context.hbLimit;
      if (!limit) return { truth: 'unknown', text: `no Hb reference range for a ${context.input.age}-year-old ${context.input.sex} in the default table (give hbLowerLimit)` };
      const met = now.hemoglobin >= limit.value;
      return { truth: met, text: `Hb ${now.hemoglobin} ${met ? '≥' : '<'} lower limit ${limit.value} g/L (${limit.source})` };
    }
    case 'transfusion-independent':
      return { truth: context.transfusionIndependent, text: context.transfusionIndependent ? 'transfusion independent' : 'transfused within the window' };
    case 'transfusion-independence-gained': {
      const dependent = context.input.transfusionDependentAtBaseline;
      if (!context.transfusionIndependent) return { truth: false, text: 'transfusion independence not reached' };
      if (dependent === undefined) return { truth: 'unknown', text: 'transfusion independent now, dependence at baseline not given (transfusionDependentAtBaseline)' };
      return { truth: dependent, text: dependent ? 'transfusion independent, dependent at baseline' : 'transfusion independent (also at baseline)' };
    }
    case 'not-severe': {
      const severity = classifySeverity({ scheme: context.scheme.severityScheme, anc: context.input.assessment.anc, platelets: context.input.assessment.platelets, reticulocytes: context.input.assessment.reticulocytes, reticulocyteMethod: context.input.assessment.reticulocyteMethod });
      if (severity.severity === null) return { truth: 'unknown', text: 'whether the counts still meet severe criteria cannot be decided (give assessment.reticulocytes)' };
      return { truth: severity.severity === 'NSAA', text: severity.severity === 'NSAA' ? 'counts no longer meet severe criteria' : `counts still meet severe criteria (${severity.severity})` };
    }
    case 'lineage-doubled-or-normal': {
      const outcomes = (['hemoglobin', 'anc', 'platelets'] as const).map((analyte) => lineage(analyte, context));
      const truth: Truth = outcomes.some((o) => o.truth === true) ? true : outcomes.some((o) => o.truth === 'unknown') ? 'unknown' : false;
      return { truth, text: outcomes.map((o) => o.text).join(', ') };
    }
    case 'rise': {
      const name = NAME[criterion.analyte];
      if (criterion.baselineBelow !== undefined && !(baseline[criterion.analyte] < criterion.baselineBelow)) return { truth: false, text: `${name} rise not counted (baseline ${baseline[criterion.analyte]} ≥ ${criterion.baselineBelow})` };
      const rise = Number.parseFloat((now[criterion.analyte] - baseline[criterion.analyte]).toPrecision(12));
      const met = rise > criterion.by;
      return { truth: met, text: `${name} rise ${rise} ${met ? '>' : '≤'} ${criterion.by}` };
    }
    case 'increase': {
      const met = now[criterion.analyte] > baseline[criterion.analyte];
      return { truth: met, text: `${NAME[criterion.analyte]} ${now[criterion.analyte]} ${met ? '>' : '≤'} baseline ${baseline[criterion.analyte]}` };
    }
  }
}

function lineage(analyte: CountAnalyte, context: Context): Outcome {
  const before = context.baseline[analyte];
  const after = context.now[analyte];
  const name = NAME[analyte];
  if (before > 0 && after >= 2 * before) return { truth: true, text: `${name} doubled (${before} → ${after})` };
  const limit = analyte === 'hemoglobin' ? context.hbLimit : defaultLowerLimit(analyte, context.input.sex, context.input.age);
  if (!limit) return { truth: 'unknown', text: `${name} not doubled, no lower limit of normal for the subject's age` };
  return after >= limit.value ? { truth: true, text: `${name} normal (${after} ≥ ${limit.value})` } : { truth: false, text: `${name} neither doubled nor normal (${before} → ${after}, limit ${limit.value})` };
}
