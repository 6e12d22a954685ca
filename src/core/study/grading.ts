// CTCAE grading of one laboratory value: the interpreter of clinical/tables/ctcae-v5.ts. Every row of
// the term is evaluated three-valued (true / false / unknown when a limit or the baseline it needs is
// missing); the grade is the highest true row, and null when a missing input could raise it. So a
// platelet count of 60 ×10⁹/L is grade 2 without an LLN, but 80 ×10⁹/L is grade 0 or 1 and needs it.
import { analyteByKey, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { CTCAE_VERSION, ctcaeClinicalTerm, ctcaeLabTerm, CTCAE_V5_LAB_TERMS, type Anchor, type CtcaeCondition, type CtcaeLabTerm, type CtcaeThreshold, type LowerBound, type UpperBound } from '../clinical/tables/ctcae-v5.ts';
import { canonicalFactor, normalizeUnitSpelling, roundFloat, toCanonicalUnit } from '../patient/units.ts';

export interface GradeLabInput {
  /** As written in CTCAE v5.0, e.g. "Platelet count decreased". */
  term: string;
  value: number;
  unit: string;
  lln?: number;
  uln?: number;
  /** Unit of lln/uln; the value's unit when absent. */
  limitsUnit?: string;
  baseline?: number;
  /** Unit of baseline; the value's unit when absent. */
  baselineUnit?: string;
  /** INR only: the subject is on anticoagulation (graded against the baseline). */
  anticoagulated?: boolean;
}

export type CtcaeGrade = 0 | 1 | 2 | 3 | 4;

export interface GradeResult {
  grade: CtcaeGrade | null;
  reason: string;
  reasonZh?: string;
  /** The CTCAE version the grade was computed with. */
  version: string;
  /** Set when the input itself was unusable (unknown term, unit), as opposed to missing limits. */
  problem?: { field: string; value: unknown; expected: string };
}

type Truth = boolean | 'unknown';

interface Context {
  value: number;
  unit: string;
  anchors: Partial<Record<Anchor, number>>;
  anticoagulated: boolean;
  /** An ABSOLUTE bound (canonical unit in the table) in the unit graded in. */
  absolute: (factor: number) => number;
}

const ungraded = (reason: string, reasonZh: string, problem?: GradeResult['problem']): GradeResult => ({ grade: null, reason, reasonZh, version: CTCAE_VERSION, ...(problem ? { problem } : {}) });

export function gradeLab(input: GradeLabInput): GradeResult {
  const entry = ctcaeLabTerm(input.term);
  if (!entry) {
    const clinical = ctcaeClinicalTerm(input.term);
    if (clinical) {
      return ungraded(`"${clinical.term}" is a clinical term without a laboratory rule: its grade is suggested from the event's description, not computed from a value`, `"${clinical.termZh}"为临床术语，无实验室分级规则：分级根据事件描述建议，不由数值计算`, { field: 'term', value: input.term, expected: 'a CTCAE v5.0 term with a laboratory rule' });
    }
    return ungraded(`unknown term ${JSON.stringify(input.term)}: expected a CTCAE v5.0 laboratory term (${CTCAE_V5_LAB_TERMS.map((t) => t.term).join(', ')})`, `未知术语 ${JSON.stringify(input.term)}`, { field: 'term', value: input.term, expected: 'a CTCAE v5.0 laboratory term' });
  }
  const analyte = analyteByKey(entry.analyte) as AnalyteDefinition;
  const converted = inCanonical(input.value, input.unit, analyte, 'unit');
  if ('problem' in converted) return converted.problem;
  const limitsUnit = input.limitsUnit ?? input.unit;
  const baselineUnit = input.baselineUnit ?? input.unit;
  const anchors: Context['anchors'] = {};
  for (const [anchor, raw, unit, field] of [['LLN', input.lln, limitsUnit, 'limitsUnit'], ['ULN', input.uln, limitsUnit, 'limitsUnit'], ['BASELINE', input.baseline, baselineUnit, 'baselineUnit']] as const) {
    if (raw === undefined) continue;
    const value = inCanonical(raw, unit, analyte, field);
    if ('problem' in value) return value.problem;
    anchors[anchor] = value.value;
  }
  // CTCAE prints some bounds in the entered unit too (Hb mmol/L): grade in that unit with its printed values.
  const entered = normalizeUnitSpelling(input.unit, analyte);
  const equivalents = entry.equivalents?.[entered];
  const toEntered = equivalents ? canonicalFactor(entered, analyte) : null;
  const context: Context = toEntered === null || !equivalents
    ? { value: converted.value, unit: analyte.unit ?? '1', anchors, anticoagulated: input.anticoagulated === true, absolute: (factor) => factor }
    : {
      value: input.value, unit: entered, anticoagulated: input.anticoagulated === true,
      anchors: Object.fromEntries(Object.entries(anchors).map(([anchor, value]) => [anchor, roundFloat(value / toEntered)])),
      absolute: (factor) => equivalents[factor] ?? roundFloat(factor / toEntered),
    };
  return interpret(entry, context, input);
}

function inCanonical(value: number, unit: string, analyte: AnalyteDefinition, field: string): { value: number } | { problem: GradeResult } {
  const converted = toCanonicalUnit(value, unit, analyte);
  if (converted.ok) return { value: converted.value };
  const expected = `${analyte.label.en} in ${analyte.unit} or a unit convertible to it`;
  return { problem: ungraded(`${field}: ${converted.message}`, `${field}：单位 ${JSON.stringify(unit)} 无法换算为 ${analyte.unit}`, { field, value: unit, expected }) };
}

function interpret(entry: CtcaeLabTerm, context: Context, input: GradeLabInput): GradeResult {
  let best: CtcaeThreshold | undefined;
  const undecided: CtcaeThreshold[] = [];
  for (const row of entry.thresholds) {
    const truth = and(condition(row.condition, context), bound(row.above, context), bound(row.below, context));
    if (truth === true && (!best || row.grade > best.grade)) best = row;
    if (truth === 'unknown') undecided.push(row);
  }
  const grade: CtcaeGrade = best?.grade ?? 0;
  const shown = `${input.value} ${input.unit}${context.value === input.value ? '' : ` (= ${context.value} ${context.unit})`}`;
  const rule = baselineNote(entry, context);
  const blocking = undecided.filter((row) => row.grade > grade);
  if (blocking.length > 0) {
    const missing = [...new Set(blocking.flatMap((row) => missingAnchors(row, context)))];
    const names = missing.map((anchor) => ({ LLN: 'lln', ULN: 'uln', BASELINE: 'baseline' })[anchor as 'LLN' | 'ULN' | 'BASELINE'] ?? anchor);
    return ungraded(
      `${entry.term} ${shown}: cannot be graded without ${names.join(' and ')} (it decides between grade ${grade} and grade ${Math.max(...blocking.map((row) => row.grade))})${rule.en ? `; ${rule.en}` : ''}`,
      `${entry.termZh} ${shown}：缺少 ${names.join('、')}，无法分级（决定 ${grade} 级或 ${Math.max(...blocking.map((row) => row.grade))} 级）${rule.zh ? `；${rule.zh}` : ''}`,
    );
  }
  const tail = entry.clinicalGrades && best && best.grade === Math.max(...entry.thresholds.map((row) => row.grade)) ? `; ${entry.clinicalGrades}` : '';
  if (!best) {
    const normal = entry.direction === 'decreased' ? 'not decreased to a graded level' : 'not increased to a graded level';
    return { grade: 0, reason: `${entry.term} grade 0 (CTCAE v${CTCAE_VERSION}): ${shown} is ${normal}${rule.en ? `; ${rule.en}` : ''}`, reasonZh: `${entry.termZh} 0级（CTCAE v${CTCAE_VERSION}）：${shown} 未达到分级标准${rule.zh ? `；${rule.zh}` : ''}`, version: CTCAE_VERSION };
  }
  const bounds = [best.above, best.below].filter((b): b is LowerBound | UpperBound => b !== undefined).map((b) => describeBound(b, context));
  return {
    grade,
    reason: `${entry.term} grade ${grade} (CTCAE v${CTCAE_VERSION} "${best.text}"): ${shown} is ${bounds.join(' and ')}${rule.en ? `; ${rule.en}` : ''}${tail}`,
    reasonZh: `${entry.termZh} ${grade}级（CTCAE v${CTCAE_VERSION} "${best.text}"）：${shown} ${bounds.join(' 且 ')}${rule.zh ? `；${rule.zh}` : ''}`,
    version: CTCAE_VERSION,
  };
}

function and(...values: Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

function condition(which: CtcaeCondition, context: Context): Truth {
  const { BASELINE: baseline, ULN: uln } = context.anchors;
  switch (which) {
    case 'always': return true;
    case 'baseline-given': return baseline !== undefined;
    case 'anticoagulated': return context.anticoagulated;
    case 'not-anticoagulated': return !context.anticoagulated;
    case 'baseline-normal': return baseline === undefined ? true : uln === undefined ? 'unknown' : baseline <= uln;
    case 'baseline-abnormal': return baseline === undefined ? false : uln === undefined ? 'unknown' : baseline > uln;
  }
}

function threshold(b: LowerBound | UpperBound, context: Context): number | undefined {
  if (b.anchor === 'ABSOLUTE') return context.absolute(b.factor);
  const anchor = context.anchors[b.anchor];
  return anchor === undefined ? undefined : roundFloat(anchor * b.factor);
}

function bound(b: LowerBound | UpperBound | undefined, context: Context): Truth {
  if (!b) return true;
  const limit = threshold(b, context);
  if (limit === undefined) return 'unknown';
  const v = context.value;
  switch (b.comparator) {
    case '>': return v > limit;
    case '>=': return v >= limit;
    case '<': return v < limit;
    case '<=': return v <= limit;
  }
}

function missingAnchors(row: CtcaeThreshold, context: Context): string[] {
  const missing: string[] = [];
  for (const b of [row.above, row.below]) if (b && b.anchor !== 'ABSOLUTE' && context.anchors[b.anchor] === undefined) missing.push(b.anchor);
  if ((row.condition === 'baseline-normal' || row.condition === 'baseline-abnormal') && context.anchors.ULN === undefined) missing.push('ULN');
  return missing;
}

const SYMBOL = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' } as const;

function describeBound(b: LowerBound | UpperBound, context: Context): string {
  const limit = threshold(b, context) as number;
  const unit = context.unit === '1' || context.unit === '{INR}' ? '' : ` ${context.unit}`;
  if (b.anchor === 'ABSOLUTE') return `${SYMBOL[b.comparator]} ${limit}${unit}`;
  const anchor = b.anchor === 'BASELINE' ? 'baseline' : b.anchor;
  return `${SYMBOL[b.comparator]} ${b.factor === 1 ? anchor : `${b.factor} × ${anchor}`} (${limit}${unit})`;
}

/** Which anchor the multiples were taken on, in words, so the reason shows the baseline rule applied. */
function baselineNote(entry: CtcaeLabTerm, context: Context): { en: string; zh: string } {
  const { BASELINE: baseline, ULN: uln } = context.anchors;
  switch (entry.baselineRule) {
    case 'none':
      return { en: '', zh: '' };
    case 'uln-or-abnormal-baseline':
      if (baseline === undefined) return { en: 'no baseline given: multiples of the ULN (as for a normal baseline)', zh: '未提供基线值：按ULN倍数（视为基线正常）' };
      if (uln === undefined) return { en: '', zh: '' };
      return baseline <= uln
        ? { en: `baseline ${baseline} ≤ ULN ${uln}: multiples of the ULN`, zh: `基线 ${baseline} ≤ ULN ${uln}：按ULN倍数` }
        : { en: `baseline ${baseline} > ULN ${uln}: multiples of the baseline`, zh: `基线 ${baseline} > ULN ${uln}：按基线倍数` };
    case 'worse-of-uln-and-baseline':
      return baseline === undefined
        ? { en: 'no baseline given: ULN multiples only', zh: '未提供基线值：仅按ULN倍数' }
        : { en: `worse of the ULN multiple and the baseline (${baseline}) multiple`, zh: `取ULN倍数与基线（${baseline}）倍数中较重者` };
    case 'baseline-if-anticoagulated':
      return context.anticoagulated
        ? { en: 'on anticoagulation: multiples of the baseline', zh: '正在抗凝：按基线倍数' }
        : { en: `not on anticoagulation: absolute INR${baseline === undefined ? '' : ' (baseline not used)'}`, zh: '未抗凝：按INR绝对值' };
  }
}
