// Screening explanations in English: the wording reasons have always had, now rendered from codes.
import { describeDuration } from '../../clinical/calendar.ts';
import type { Comparison, Duration } from '../rules.ts';
import type { Catalogue } from './catalogue.ts';
import { formatComparison, formatNumber, formatRatio } from './format.ts';
import type { LimitParam, Named, ProblemParam, ThresholdParam, ValueParam } from './messages.ts';
import { displayUnit } from './units.ts';

const dur = (duration: Duration) => describeDuration(duration);
const withUnit = (text: string, unit: string) => (displayUnit(unit) ? `${text} ${displayUnit(unit)}` : text);
/** Values as reported (never rounded: 31.5153 is above 31.5). */
const value = (v: ValueParam) => (v.comparator ? `${v.comparator}${formatNumber(v.value)}` : String(v.value));
const scalar = (comparison: Comparison) => formatComparison({ ...comparison, unit: '1' }, 'en');
const AGE_UNIT_WORDS: Record<string, string> = { a: 'years', mo: 'months', wk: 'weeks', d: 'days' };
const LIMIT_SOURCE = { observation: 'the lab report', site: "the site's range", default: 'the default range' } as const;
const CENSORED = ': the reported value is censored and does not decide';

function withProblems(text: string, problems: ProblemParam[] | undefined): string {
  return problems && problems.length > 0 ? `${text} (${problems.map((p) => p.message).join('; ')})` : text;
}

function measured(label: Named, v: ValueParam, unit: string, date: string): string {
  return `${label.en} ${withUnit(value(v), unit)} on ${date}`;
}

/** "≤ 1.5 × ULN = 31.5 µmol/L", "≥ 100000 /mm3 (= 100 ×10⁹/L)". */
export function thresholdEn(threshold: ThresholdParam): string {
  const { comparison, converted } = threshold;
  const rule = formatComparison(comparison, 'en');
  if (!converted) return rule;
  const range = `${formatNumber(converted.value)}${converted.high !== undefined ? `–${formatNumber(converted.high)}` : ''}`;
  if (comparison.unit === 'xULN' || comparison.unit === 'xLLN') return `${rule} = ${withUnit(range, converted.unit)}`;
  return `${rule} (= ${withUnit(range, converted.unit)})`;
}

function limitText(limit: LimitParam): string {
  return `${limit.name} ${withUnit(formatNumber(limit.value), limit.unit)} from ${LIMIT_SOURCE[limit.source]}`;
}

function ratioText(ratio: number, limit: LimitParam, threshold: ThresholdParam): string {
  const bounds = [threshold.comparison.value, ...(threshold.comparison.high !== undefined ? [threshold.comparison.high] : [])];
  return `${formatRatio(ratio, bounds)} × ${limit.name}`;
}

function windowText(window: { kind: 'onset' | 'within'; duration: Duration } | undefined): string {
  if (!window) return '';
  return window.kind === 'onset' ? `onset within ${dur(window.duration)}` : `within ${dur(window.duration)}`;
}

function notEncoded(text: string, parts: string[] | undefined): string {
  return parts && parts.length > 0 ? `${text} — decided on the encoded part only; not encoded: ${parts.map((part) => `«${part}»`).join(', ')}` : text;
}

const word = (state: 'pregnant' | 'lactating') => (state === 'pregnant' ? 'pregnancy' : 'breastfeeding');

export const en = {
  'analyte.unknown': (p) => `the rule names an analyte Eligo does not know (${JSON.stringify(p.key)})`,
  'test.unknown': (p) => `the rule names a test Eligo does not know (${JSON.stringify(p.key)})`,
  'measure.notRecorded': (p) => withProblems(`${p.label.en} not recorded in the last ${dur(p.window)}`, p.problems),
  'measure.stale': (p) => withProblems(`${p.label.en} last ${p.tested ? 'tested' : 'recorded'} on ${p.date}, more than ${dur(p.window)} before ${p.asOf}`, p.problems),
  'observation.noLimit': (p) => `${measured(p.label, p.value, p.unit, p.date)}, but no ${p.limit} for ${p.label.en}: the result has no reference range and no site or default range applies`,
  'observation.relative': (p) => `${measured(p.label, p.value, p.unit, p.date)} = ${ratioText(p.ratio, p.limit, p.threshold)} (${limitText(p.limit)}); criterion ${thresholdEn(p.threshold)}${p.censored ? CENSORED : ''}`,
  'observation.fixed': (p) => `${measured(p.label, p.value, p.unit, p.date)}; criterion ${thresholdEn(p.threshold)}${p.qualifier ? ` [${p.qualifier.en}]` : ''}${p.censored ? CENSORED : ''}`,
  'observation.unitMismatch': (p) => `the criterion's unit ${JSON.stringify(p.ruleUnit)} cannot be compared with ${p.label.en} in ${p.unit}`,
  'qualitative.result': (p) => `${p.label.en} ${p.result} on ${p.date}`,
  'score.absentAssumed': (p) => `${p.scale.en} ${scalar(p.comparison)}: not recorded — assumed absent`,
  'score.value': (p) => `${p.scale.en} ${p.grade} on ${p.date}; criterion ${scalar(p.comparison)}`,
  'age.noBirthDate': (p) => withProblems('age unknown: no birth date in the record', p.problems),
  'age.badUnit': (p) => `the age criterion's unit ${JSON.stringify(p.unit)} is not a time unit (a, mo, wk, d)`,
  'age.value': (p) => `age ${p.age} ${AGE_UNIT_WORDS[p.unit]} on ${p.asOf}; criterion ${formatComparison(p.comparison, 'en')}`,
  'sex.notRecorded': (p) => withProblems(`sex not recorded as female or male${p.recorded ? ` (recorded: ${p.recorded})` : ''}`, p.problems),
  'sex.value': (p) => `sex ${p.sex}`,
  'concept.unknown': (p) => `the rule names a concept Eligo has no codes for (${JSON.stringify(p.concept)})`,
  'concept.absent': (p) => `${p.concept.en}: not recorded — assumed absent`,
  'fact.recorded': (p) => `${p.fact.en} recorded${p.date ? ` on ${p.date}` : ''}`,
  'condition.recorded': (p) => `${p.fact.en} recorded${p.onset ? `, onset ${p.onset}` : ''}${p.window ? ` (${windowText(p.window)} of ${p.asOf})` : ''}`,
  'condition.firstOnsetTooEarly': (p) => `${p.fact.en}: first recorded onset ${p.onset}, more than ${dur(p.window)} before ${p.asOf} (a later record does not restart it)`,
  'condition.undated': (p) => `${p.fact.en} recorded without ${p.onsetOnly ? 'onset date' : 'dates'}: cannot tell whether it is ${windowText(p.window)}`,
  'condition.unreadable': (p) => withProblems(`${p.concept.en}: not found among the coded conditions, but some conditions could not be read`, p.problems),
  'condition.onsetTooEarly': (p) => `${p.fact.en}: onset ${p.onset}, more than ${dur(p.window)} before ${p.asOf}`,
  'condition.inactive': (p) => `${p.fact.en}: not active`,
  'condition.ended': (p) => `${p.fact.en}: ended ${p.date}, outside ${windowText(p.window)}`,
  'condition.onlyExcepted': (p) => `only ${p.facts.map((fact) => fact.en).join(', ')} recorded, which the criterion excepts`,
  'pregnancy.male': (p) => `${word(p.state)}: not applicable (male)`,
  'pregnancy.test': (p) => `pregnancy test ${p.result} on ${p.date}`,
  'pregnancy.status': (p) => `${p.present ? '' : 'not '}${p.state} on ${p.date}`,
  'pregnancy.notRecorded': (p) => `pregnancy status not recorded in the last ${dur(p.window)}`,
  'lactation.absent': () => 'breastfeeding: not recorded — assumed absent',
  'medication.taken': (p) => `${p.fact.en} ${p.when === 'within' ? `taken within ${dur(p.window!)}` : p.when === 'before' ? 'taken before' : 'currently taken'}`,
  'medication.unreadable': (p) => withProblems(`${p.concept.en}: not found among the coded medications, but some could not be read`, p.problems),
  'medication.notCurrent': (p) => `${p.fact.en} recorded but not ${p.window ? `within ${dur(p.window)}` : 'current'}`,
  'medication.absent': (p) => `${p.concept.en}: not recorded — assumed not taken`,
  'procedure.undated': (p) => `${p.fact.en} recorded without a date`,
  'procedure.unreadable': (p) => withProblems(`${p.concept.en}: not found, but some procedures could not be read`, p.problems),
  'procedure.outside': (p) => `${p.fact.en} on ${p.date}, not within ${dur(p.window)}`,
  'allergy.recorded': (p) => `${p.fact.en}${p.criticality ? ` (criticality ${p.criticality})` : ''} recorded`,
  'allergy.absent': (p) => `${p.severe ? 'severe ' : ''}allergy${p.substance ? ` to ${p.substance.en}` : ''}: not recorded — assumed absent`,
  confirm: (p) => `to confirm: ${p.question.en}`,
  several: (p, say) => p.parts.map(say).join('; '),
  'criterion.met': (p, say) => notEncoded(say(p.detail), p.notEncoded),
  'criterion.notMet': (p, say) => notEncoded(`not met: ${say(p.detail)}`, p.notEncoded),
  'criterion.excluded': (p, say) => notEncoded(`exclusion applies: ${say(p.detail)}`, p.notEncoded),
  'criterion.unknown': (p, say) => notEncoded(`unknown: ${say(p.detail)}`, p.notEncoded),
  'criterion.confirm': (p) => notEncoded(`to confirm: ${p.questions.map((q) => q.en).join('; ')}`, p.notEncoded),
  'evidence.measurement': (p) => {
    const recorded = p.recorded ? ` (recorded ${withUnit(String(p.recorded.value), p.recorded.unit)})` : '';
    const ratio = p.ratio !== undefined && p.limit && p.threshold ? ` = ${ratioText(p.ratio, p.limit, p.threshold)} (${limitText(p.limit)})` : '';
    return `${measured(p.label, p.value, p.unit, p.date)}${recorded}${ratio}${p.threshold ? `; criterion ${thresholdEn(p.threshold)}` : ''}`;
  },
  'evidence.qualitative': (p) => `${p.label.en} ${p.result} on ${p.date}; criterion ${p.expected}`,
  'evidence.score': (p) => `${p.scale.en} ${p.grade} on ${p.date}; criterion ${scalar(p.comparison)}`,
  'evidence.age': (p) => `age ${p.age} ${AGE_UNIT_WORDS[p.unit]} on ${p.date}; criterion ${formatComparison(p.comparison, 'en')}`,
  'evidence.sex': (p) => `sex ${p.sex}; criterion ${p.expected}`,
  'evidence.fact': (p) => `${p.fact.en}${p.code ? ` (${p.code})` : ''}${p.date ? ` on ${p.date}` : ''}${p.criticality ? `, criticality ${p.criticality}` : ''}`,
  'evidence.notApplicable': (p) => `${word(p.state)}: not applicable (male)`,
  'evidence.pregnancyTest': (p) => `pregnancy test ${p.result} on ${p.date}`,
  'evidence.pregnancyStatus': (p) => `${p.present ? '' : 'not '}${p.state} on ${p.date}`,
  'missing.withinWindow': (p) => `${p.label.en} (within ${dur(p.window)})`,
  'missing.key': (p) => p.key,
  'missing.birthDate': () => 'date of birth',
  'missing.sex': () => 'sex',
  'missing.limit': (p) => `${p.limit} for ${p.label.en} (the lab's reference range, or the site's range)`,
  'missing.exact': (p) => `exact ${p.label.en}`,
  'missing.concept': (p) => p.concept.en,
  'missing.conditionDates': (p) => `${p.onsetOnly ? 'onset date' : 'dates'} of ${p.fact.en}`,
  'missing.diagnoses': (p) => `coded diagnoses (${p.concept.en})`,
  'missing.medications': (p) => `medication list (${p.concept.en})`,
  'missing.procedureDate': (p) => `date of ${p.fact.en}`,
  'missing.procedures': (p) => `procedure history (${p.concept.en})`,
  'missing.pregnancy': (p) => `pregnancy status or test (within ${dur(p.window)})`,
} satisfies Catalogue;
