// The checks an adverse event goes through before anything is written: a CTCAE v5.0 term, dates in
// order (onset on or after enrollment, resolution on or after onset, neither in the future),
// seriousness criteria exactly when serious (with the moment the site learnt of it), causality for
// every product of the subject's arm, and coded action and outcome. Each refusal names the field, the
// value and what was expected.
import { ACTIONS_TAKEN, OUTCOMES, RELATEDNESS_LEVELS, SERIOUSNESS_CRITERIA, codesOf } from '../../core/clinical/tables/safety-reporting.ts';
import { closeTerms, ctcaeTerm, type CtcaeTermEntry } from '../../core/clinical/tables/ctcae-v5-terms.ts';
import { daysBetween } from '../../core/clinical/calendar.ts';
import { EligoError } from '../../core/problems.ts';
import { checkDate, checkDateTime, optionalText } from '../screening/subject-access.ts';
import type { AdverseEventFieldsInput } from './model.ts';

export interface CheckedEvent {
  entry: CtcaeTermEntry;
  description: string | null;
  onsetOn: string;
  resolvedOn: string | null;
  serious: boolean;
  seriousness: string[];
  relatedness: Record<string, string>;
  actionTaken: string;
  outcome: string;
  awareAt: Date | null;
}

const invalid = (code: string, field: string, value: unknown, expected: string) => EligoError.of('invalid', { code, field, value, expected });

function oneOf(value: unknown, field: string, codes: readonly string[], code: string): string {
  if (typeof value !== 'string' || !codes.includes(value)) throw invalid(code, field, value, `one of ${codes.join(', ')}`);
  return value;
}

export function checkTerm(value: unknown): CtcaeTermEntry {
  const entry = typeof value === 'string' ? ctcaeTerm(value) : undefined;
  if (entry) return entry;
  const suggestions = typeof value === 'string' ? closeTerms(value) : [];
  throw invalid('unknown_term', 'term', value, `a term as written in CTCAE v5.0${suggestions.length ? ` (closest: ${suggestions.join(', ')})` : ''}`);
}

/** The event's fields checked; `products` are those the subject's arm gives, `enrolledOn` the enrollment date. */
export function checkEvent(input: AdverseEventFieldsInput, context: { products: readonly string[]; enrolledOn: string; now: Date }): CheckedEvent {
  const entry = checkTerm(input.term);
  const description = optionalText(input.description, 'description', 4000);
  const onsetOn = checkDate(input.onsetOn, 'onsetOn', context.now, { notBefore: { date: context.enrolledOn, what: 'the enrollment date' } });
  const resolvedOn = input.resolvedOn === undefined || input.resolvedOn === null || input.resolvedOn === '' ? null : checkDate(input.resolvedOn, 'resolvedOn', context.now);
  if (resolvedOn !== null && resolvedOn < onsetOn) throw invalid('resolved_before_onset', 'resolvedOn', resolvedOn, `a date on or after the onset (${onsetOn})`);
  if (typeof input.serious !== 'boolean') throw invalid('invalid_boolean', 'serious', input.serious, 'true or false');
  const seriousness = checkSeriousness(input.serious, input.seriousness);
  let awareAt: Date | null = null;
  if (input.serious) {
    if (input.awareAt === undefined || input.awareAt === null || input.awareAt === '') throw invalid('aware_at_required', 'awareAt', input.awareAt, 'for a serious event, the date-time the site learnt of it (the 24-hour clock starts there)');
    awareAt = checkDateTime(input.awareAt, 'awareAt', context.now);
    // A day's slack: the site records local time (UTC+8), the date is UTC.
    if (daysBetween(onsetOn, awareAt.toISOString().slice(0, 10)) < -1) throw invalid('aware_before_onset', 'awareAt', input.awareAt, `a date-time on or after the onset (${onsetOn})`);
  }
  const relatedness = checkRelatedness(input.relatedness, context.products);
  const actionTaken = oneOf(input.actionTaken, 'actionTaken', codesOf(ACTIONS_TAKEN), 'unknown_action');
  const outcome = oneOf(input.outcome, 'outcome', codesOf(OUTCOMES), 'unknown_outcome');
  if (outcome === 'fatal' && !seriousness.includes('death')) throw invalid('fatal_not_serious', 'seriousness', seriousness, 'a fatal outcome makes the event serious with the criterion "death"');
  if (outcome === 'recovered' && resolvedOn === null) throw invalid('resolution_date_required', 'resolvedOn', null, 'the date the event resolved (outcome is recovered)');
  return { entry, description, onsetOn, resolvedOn, serious: input.serious, seriousness, relatedness, actionTaken, outcome, awareAt };
}

function checkSeriousness(serious: boolean, value: unknown): string[] {
  const given = value === undefined || value === null ? [] : value;
  if (!Array.isArray(given)) throw invalid('invalid_seriousness', 'seriousness', value, 'a list of seriousness criteria');
  const codes = codesOf(SERIOUSNESS_CRITERIA);
  given.forEach((criterion, i) => oneOf(criterion, `seriousness.${i}`, codes, 'unknown_seriousness'));
  if (serious && given.length === 0) throw invalid('seriousness_required', 'seriousness', [], `at least one criterion for a serious event: ${codes.join(', ')}`);
  if (!serious && given.length > 0) throw invalid('seriousness_not_serious', 'seriousness', given.join(','), 'no criteria for an event that is not serious (or mark it serious)');
  return [...new Set(given as string[])];
}

function checkRelatedness(value: unknown, products: readonly string[]): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('invalid_relatedness', 'relatedness', undefined, `causality to each product: {${products.map((p) => `"${p}": level`).join(', ')}}`);
  const given = value as Record<string, unknown>;
  const levels = codesOf(RELATEDNESS_LEVELS);
  for (const key of Object.keys(given)) {
    if (!products.includes(key)) throw invalid('unknown_product', `relatedness.${key}`, key, `a product of the subject's arm: ${products.join(', ') || '(none)'}`);
    oneOf(given[key], `relatedness.${key}`, levels, 'unknown_relatedness');
  }
  const missing = products.find((product) => given[product] === undefined);
  if (missing) throw invalid('relatedness_required', `relatedness.${missing}`, undefined, `the causality to ${missing}: one of ${levels.join(', ')}`);
  return Object.fromEntries(products.map((product) => [product, given[product] as string]));
}

export function checkGradeValue(value: unknown, field = 'grade'): 1 | 2 | 3 | 4 | 5 {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) throw invalid('grade_out_of_range', field, value, 'a CTCAE grade: an integer from 1 to 5');
  return value as 1 | 2 | 3 | 4 | 5;
}

