// parseCriteria: free-text eligibility criteria → criteria of the rule language, each with an honest
// status. Pure: text in, data out. Every rule and every comparison carries the [start, end) span of the
// text it came from, as JavaScript string indices into the input.
import type { AgeRule, Comparison, ConditionRule, CriterionKind, Duration, ObservationRule, ParseStatus, QualitativeRule, Rule, ScoreRule, Span } from '../rules.ts';
import { conceptById } from '../../clinical/tables/conditions.ts';
import { analyteByKey } from '../../clinical/tables/analytes.ts';
import { someRule, walkRules } from '../walk.ts';
import {
  AGE_AFTER, AGE_BEFORE, ANALYTE_FORMS, BLOOD_PRESSURE_FORM, CONDITION_FORMS, NEGATIVE_WORDS, POSITIVE_WORDS, SCALE_FORMS, SEROLOGY_FORMS,
  WINDOW_AFTER, WINDOW_BEFORE, compileForms,
} from './lexicon.ts';
import { normalizeForScanning, stripMarkup } from './normalize.ts';
import { scanComparisons, type FoundComparison } from './quantities.ts';
import { MAX_SEGMENT_LENGTH, segmentCriteria, type Segment } from './segment.ts';

export interface UnparsedPart {
  text: string;
  span: Span;
}

export interface ParsedCriterion {
  /** "inc-1", "exc-3": stable for the same text. */
  id: string;
  kind: CriterionKind;
  text: string;
  span: Span;
  status: ParseStatus;
  /** The criterion's facts; all must hold (a criterion with several rules reads as their conjunction). */
  rules: Rule[];
  unparsed: UnparsedPart[];
}

export interface ParseResult {
  criteria: ParsedCriterion[];
  warnings: string[];
}

/** The analyte key of observations the parser recognised as a comparison but could not map (see `label`). */
export const UNMAPPED_ANALYTE = 'unmapped';

const ANALYTE_PATTERN = compileForms(ANALYTE_FORMS);
const SCALE_PATTERN = compileForms(SCALE_FORMS);
const CONDITION_PATTERN = compileForms(CONDITION_FORMS);
const SEROLOGY_PATTERN = compileForms(SEROLOGY_FORMS);
const BLOOD_PRESSURE_PATTERN = new RegExp(`(?<![\\w-])(?:${BLOOD_PRESSURE_FORM})`, 'g');

export function parseCriteria(text: string): ParseResult {
  if (typeof text !== 'string') throw new TypeError(`text: expected a string of eligibility criteria, got ${text === null ? 'null' : typeof text}`);
  const stripped = stripMarkup(text);
  if (stripped === null) return parsePlainText(text);
  // Markup is parsed away, then every span is mapped back onto the text as given.
  const result = parsePlainText(stripped.text);
  const mapSpan = (span: Span): Span => (span[1] > span[0] ? [stripped.starts[span[0]], stripped.ends[span[1] - 1]] : [stripped.starts[span[0]] ?? text.length, stripped.starts[span[0]] ?? text.length]);
  for (const criterion of result.criteria) {
    criterion.span = mapSpan(criterion.span);
    criterion.text = text.slice(criterion.span[0], criterion.span[1]);
    for (const part of criterion.unparsed) {
      part.span = mapSpan(part.span);
      part.text = text.slice(part.span[0], part.span[1]);
    }
    for (const rule of criterion.rules) mapRuleSpans(rule, mapSpan);
  }
  result.warnings.push('markup (HTML or markdown) was removed before parsing');
  return result;
}

function mapRuleSpans(rule: Rule, mapSpan: (span: Span) => Span): void {
  walkRules(rule, (node) => {
    if (node.span) node.span = mapSpan(node.span);
    if ('comparison' in node && node.comparison.span) node.comparison.span = mapSpan(node.comparison.span);
  });
}

function parsePlainText(text: string): ParseResult {
  const warnings: string[] = [];
  if (text.trim() === '') return { criteria: [], warnings: ['the criteria text is empty'] };
  const normalized = normalizeForScanning(text);
  const { segments, hasHeadings, oversized } = segmentCriteria(text, normalized);
  if (!hasHeadings) warnings.push('no "Inclusion Criteria"/"Exclusion Criteria" headings found: every criterion is read as inclusion');
  if (oversized) warnings.push(`text runs longer than ${MAX_SEGMENT_LENGTH} characters without a break were cut into several criteria`);
  const notes = segments.filter((segment) => isNote(normalized.slice(segment.span[0], segment.span[1])));
  if (notes.length > 0) {
    const examples = notes.slice(0, 3).map((segment) => JSON.stringify(text.slice(segment.span[0], segment.span[1]).replace(/\s+/g, ' ').slice(0, 60)));
    warnings.push(`${notes.length} note${notes.length === 1 ? '' : 's'} without criteria content not read as criteria: ${examples.join(', ')}`);
  }
  const counters = { inclusion: 0, exclusion: 0 };
  const criteria = segments.filter((segment) => !notes.includes(segment)).map((segment) => {
    counters[segment.kind]++;
    return parseSegment(text, normalized, segment, `${segment.kind === 'inclusion' ? 'inc' : 'exc'}-${counters[segment.kind]}`);
  });
  if (segments.length === 0) warnings.push('no criteria found in the text');
  return { criteria, warnings };
}

/** Registry boilerplate that states no criterion ("Not specified", "See Disease Characteristics", "Other protocol-defined … may apply"). */
const NOTE = /^[\s(]*(?:note\s*:\s*)?(?:(?:not\s+specified|none|n\/a|not\s+applicable)\s*\.?\s*$|see\s+(?:disease|patient)\s+characteristics|other\s+protocol[-\s]defined\s+inclusion\s*\/?\s*(?:and\s+|or\s+)?exclusion\s+criteria\s+may\s+apply|the\s+above\s+information\s+is\s+not\s+intended\s+to\s+contain\s+all\s+considerations)\b/;

function isNote(normalizedSegment: string): boolean {
  return normalizedSegment.length < 300 && NOTE.test(normalizedSegment) && !/[<>≤≥]|\d/.test(normalizedSegment.replace(/\b(?:\d+)\)/g, ''));
}

interface Subject {
  kind: 'analyte' | 'scale' | 'age' | 'pressure' | 'unmapped';
  keys: string[];
  label: string;
  span: Span;
  /** "ALT or AST ≤ 2.5 × ULN": several analytes share one comparison, joined by "or". */
  joinedByOr: boolean;
}

interface Evidence {
  rule: Rule;
  span: Span;
}

function parseSegment(text: string, normalized: string, segment: Segment, id: string): ParsedCriterion {
  const [start, end] = segment.span;
  const local = normalized.slice(start, end);
  const clauses = clauseBounds(local);
  const evidence: Evidence[] = [];
  const covered: Span[] = [];
  const comparisons = scanComparisons(local).map((found) => shift(found, start));
  let previous: { subject: Subject; end: number; clause: number } | null = null;

  for (const found of comparisons) {
    const clause = clauseIndexAt(clauses, found.span[0] - start);
    const windowStart = Math.max(start + clauses[clause][0], previous && previous.clause === clause ? previous.end : start);
    let subject = subjectBefore(normalized, windowStart, found.span[0]);
    let inherited = false;
    if (!subject && previous && INHERITING_GAP.test(normalized.slice(previous.end, found.span[0])) && previous.clause === clause) {
      subject = previous.subject;
      inherited = true;
    }
    const after = normalized.slice(found.span[1], Math.min(end, found.span[1] + 60));
    const before = normalized.slice(Math.max(start + clauses[clause][0], found.span[0] - 60), found.span[0]);
    let interpreted = interpret(found, subject, before, after, normalized.slice(found.span[0], found.span[1]), segment.context);
    if (!interpreted) continue;
    // Labels were read from the folded text; show them as written.
    if (interpreted.kind === 'unmapped' && interpreted.span[0] + interpreted.label.length <= found.span[0] && !inherited) {
      interpreted = { ...interpreted, label: text.slice(interpreted.span[0], interpreted.span[0] + interpreted.label.length) };
    }
    const built = buildComparisonRule(found, interpreted, segment.kind);
    const rule: Rule = interpreted.kind === 'scale' && CLOSE_NEGATION.test(normalized.slice(start, interpreted.span[0])) ? { type: 'not', rule: built } : built;
    const ruleStart = inherited ? found.span[0] : interpreted.kind === 'age' || interpreted.kind === 'unmapped' ? Math.min(found.span[0], interpreted.span[0]) : interpreted.span[0];
    const ruleSpan: Span = [Math.min(ruleStart, found.span[0]), found.span[1]];
    rule.span = ruleSpan;
    evidence.push({ rule, span: ruleSpan });
    covered.push(ruleSpan);
    if (interpreted.kind === 'age' && AGE_AFTER.test(after)) covered.push([found.span[1], found.span[1] + (AGE_AFTER.exec(after)?.[0].length ?? 0)]);
    previous = { subject: interpreted, end: found.span[1], clause };
  }

  evidence.push(...withinNormalLimits(normalized, start, clauses, covered));
  evidence.push(...scaleGrades(normalized, start, end, covered));
  evidence.push(...qualitativeRules(normalized, start, clauses, covered));
  evidence.push(...stateRules(normalized, start, end, covered, segment.kind));
  evidence.push(...conditionRules(normalized, start, clauses, covered, segment.kind));
  evidence.push(...confirmRules(text, normalized, start, end, covered, segment.kind));
  // In an exclusion criterion a leading sex qualifies the rest ("Women: pregnant or lactating"), so only inclusions state one.
  if (segment.kind === 'inclusion') evidence.push(...sexRules(normalized, start, end));
  for (const item of evidence) covered.push(item.span);
  covered.push(...measurementQualifiers(text, normalized, start, end, evidence));
  covered.push(...negationSpans(normalized, start, end));

  evidence.sort((a, b) => a.span[0] - b.span[0]);
  const rules = combine(evidence, normalized, segment.kind);
  for (const rule of rules) fillSpans(rule, rule.span ?? [start, end]);
  const unparsed = leftovers(text, normalized, start, end, covered);
  const status = statusOf(rules, unparsed);
  return { id, kind: segment.kind, text: text.slice(start, end), span: [start, end], status, rules, unparsed };
}

/** Rules built for one phrase ("AST and ALT ≤ 2.5 × ULN" → two observations) take the phrase's span. */
function fillSpans(rule: Rule, span: Span): void {
  rule.span ??= span;
  if (rule.type === 'all' || rule.type === 'any') for (const child of rule.rules) fillSpans(child, rule.span);
  if (rule.type === 'not') fillSpans(rule.rule, rule.span);
}

function shift(found: FoundComparison, by: number): FoundComparison {
  return { ...found, span: [found.span[0] + by, found.span[1] + by] };
}

/** Clauses inside a criterion: split at ";", sentence ends and line breaks between sentences. */
function clauseBounds(local: string): Span[] {
  const bounds: Span[] = [];
  let clauseStart = 0;
  for (const match of local.matchAll(/;|\.(?=\s+[a-z(])(?<!\d\.)|\n\s*\n/g)) {
    bounds.push([clauseStart, match.index]);
    clauseStart = match.index + match[0].length;
  }
  bounds.push([clauseStart, local.length]);
  return bounds;
}

function clauseIndexAt(clauses: Span[], at: number): number {
  for (let i = 0; i < clauses.length; i++) if (at < clauses[i][1] || i === clauses.length - 1) return i;
  return clauses.length - 1;
}

interface LexiconHit {
  kind: 'analyte' | 'scale' | 'pressure';
  key: string;
  start: number;
  end: number;
}

function hitsIn(pattern: RegExp, kind: LexiconHit['kind'], keys: string[], source: string, offset: number): LexiconHit[] {
  const hits: LexiconHit[] = [];
  pattern.lastIndex = 0;
  for (const match of source.matchAll(pattern)) {
    let group = 1;
    while (group < match.length && match[group] === undefined) group++;
    hits.push({ kind, key: keys[group - 1] ?? keys[0], start: offset + match.index, end: offset + match.index + match[0].length });
  }
  return hits;
}

const ANALYTE_KEYS = ANALYTE_FORMS.map((form) => form.key);
const SCALE_KEYS = SCALE_FORMS.map((form) => form.key);

/** The analyte(s), scale or blood pressure named closest before a comparison, within its clause. */
function subjectBefore(normalized: string, windowStart: number, at: number): Subject | null {
  if (at <= windowStart) return null;
  const window = normalized.slice(windowStart, at);
  const hits = [
    ...hitsIn(ANALYTE_PATTERN, 'analyte', ANALYTE_KEYS, window, windowStart),
    ...hitsIn(SCALE_PATTERN, 'scale', SCALE_KEYS, window, windowStart),
    ...hitsIn(BLOOD_PRESSURE_PATTERN, 'pressure', ['bp'], window, windowStart),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  if (hits.length === 0) return null;
  // Overlapping hits: keep the longest ("creatinine clearance" over "creatinine").
  const kept: LexiconHit[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) continue;
    kept.push(hit);
  }
  const last = kept[kept.length - 1];
  // Too far from the number, with other words in between: not what the number applies to.
  const between = normalized.slice(last.end, at);
  // "urine protein:creatinine ratio > 1.0" is not creatinine.
  if (between.length > 80 || /\b(?:who|which|that|whose|because|unless|except|if|when|while|after|before|ratio)\b/.test(between)) return null;
  const group = [last];
  let joinedByOr = false;
  for (let i = kept.length - 2; i >= 0; i--) {
    const gap = normalized.slice(kept[i].end, group[0].start);
    if (!/^[\s,/&+():]*(?:and\/or|or|and|和|或|及|与)?[\s,/&+():]*$/.test(gap) || kept[i].kind !== last.kind) break;
    if ((/\bor\b/.test(gap) && !/and\/or/.test(gap)) || gap.includes('或')) joinedByOr = true;
    group.unshift(kept[i]);
  }
  const keys = [...new Set(group.map((hit) => hit.key))];
  // "Hemoglobin (Hb)" names one analyte twice; an "or" between them is the abbreviation's, not a choice.
  if (keys.length === 1) joinedByOr = false;
  return { kind: last.kind, keys, label: normalized.slice(group[0].start, last.end), span: [group[0].start, last.end], joinedByOr };
}

/**
 * Between two comparisons, what lets the second apply to the first one's subject: a connector ("or", ",")
 * or a group the first is for ("<11 g/dL in females and <12 g/dL in males", "≥2 for male and ≥3 for female").
 */
const INHERITING_GAP = /^[\s,;:()/]*(?:(?:in|for)\s+(?:males?|females?|men|women|boys|girls|children|adults|adolescents|infants)[\s,;)]*)?(?:or|and|and\/or|but|to)?[\s,;:()/]*$/;

const LABEL_STOPWORDS = new Set(['they', 'he', 'she', 'it', 'we', 'you', 'i', 'a', 'an', 'the', 'of', 'with', 'and', 'or', 'must', 'be', 'have', 'has', 'is', 'are', 'was', 'were', 'should', 'patients', 'patient', 'subjects', 'subject', 'participants', 'in', 'on', 'at', 'to', 'for', 'by', 'as', 'if', 'than', 'who', 'their', 'his', 'her', 'any', 'all', 'no', 'not', 'value', 'values', 'level', 'levels', 'e.g', 'i.e', 'eg', 'ie']);

/** What a comparison applies to, and whether it is one at all (a time window is not). */
function interpret(found: FoundComparison, subject: Subject | null, before: string, after: string, written: string, context: string[]): Subject | null {
  const isTime = found.dimension === 'time';
  const ageContext =
    AGE_BEFORE.test(before) || AGE_AFTER.test(after) || /\bages?\b|\baged\b/.test(before.slice(-25)) || /\bages?d?\b|\b(?:older|younger|old)\b/.test(written);
  const contextHeading = (context[context.length - 1] ?? '').toLowerCase();
  if (/gestation/.test(before.slice(-40)) || /^\s?(?:of\s+)?gestation/.test(after)) return unmappedSubject(found, /gestation/.test(before.slice(-40)) ? before : '', 'gestational age');
  if ((isTime && (found.unit === 'a' || found.unit === 'mo' || found.unit === 'wk' || found.unit === 'd')) || found.unit === null) {
    const windowLike = WINDOW_BEFORE.test(before) || WINDOW_AFTER.test(after);
    if (ageContext && !subject && (found.unit === null || !windowLike || AGE_AFTER.test(after))) {
      if (found.unit === null && !(found.value >= 0 && found.value <= 130)) return null;
      return { kind: 'age', keys: [], label: 'age', span: found.span, joinedByOr: false };
    }
  }
  if (isTime) {
    // "Weight stable for at least one year": a duration near an analyte's name is not its value.
    if (subject && (subject.kind === 'unmapped' || subject.kind === 'age') && !WINDOW_BEFORE.test(before) && !WINDOW_AFTER.test(after)) return subject;
    // A duration is a measurement only where it is a prognosis ("life expectancy > 3 months"); otherwise
    // it is a window or a history length, which the condition rules read, not a comparison.
    const label = labelBefore(before);
    if (DURATION_OBSERVATIONS.test(label)) return unmappedSubject(found, before, label);
    if (DURATION_OBSERVATIONS.test(contextHeading)) return { kind: 'unmapped', keys: [], label: contextHeading.replace(/:$/, ''), span: found.span, joinedByOr: false };
    if (WINDOW_BEFORE.test(before) || WINDOW_AFTER.test(after)) return null;
    // "More than 2 years of handball", "> 10 years for colonoscopy": how long something lasted, not an age.
    const durationOfSomething = /^\s?(?:of(?!\s+age)|in|with|for|since|on|at|experience|duration|history)\b/.test(after);
    if (/^age/.test(contextHeading) || (found.unit === 'a' && !label && !durationOfSomething)) return { kind: 'age', keys: [], label: 'age', span: found.span, joinedByOr: false };
    return null;
  }
  // "at least one" near an analyte's name counts something; a value is written in digits.
  if (subject) return found.word && found.unit === null ? null : subject;
  if (/^age/.test(contextHeading) && found.unit === null) return { kind: 'age', keys: [], label: 'age', span: found.span, joinedByOr: false };
  const unmapped = unmappedSubject(found, before, contextHeading.replace(/:$/, ''));
  // A bare number with nothing named before it, or with a noun after it, is a count ("at least one",
  // "2 or more antiepileptic drugs"), not a measurement.
  if (found.unit === null && (unmapped.label === UNSPECIFIED || found.word || countedNounAfter(after))) return null;
  // "(n=16)": a one-letter label is a sample size or a variable, not a measurement.
  if (/^[a-z]$/.test(unmapped.label)) return null;
  // Calendar years ("from 2008 to 2015") are dates.
  if (found.unit === null && found.value >= 1900 && found.value <= 2100 && (found.high === undefined || found.high <= 2100)) return null;
  // A dose of something not named as a measurement is a medication dose, not an observation.
  if (found.unit !== null && DOSE_UNITS.has(found.unit) && !MEASURED_AMOUNTS.test(unmapped.label)) return null;
  return unmapped;
}

const UNSPECIFIED = 'unspecified quantity';
/** Words that may follow a threshold without making it a count. */
const AFTER_THRESHOLD = new Set(['and', 'or', 'to', 'in', 'on', 'at', 'for', 'with', 'if', 'of', 'during', 'within', 'before', 'after', 'prior', 'per', 'as', 'by', 'on', 'is', 'are', 'was', 'were', 'be', 'inclusive', 'but', 'unless', 'except', 'when', 'while', 'despite', 'according', 'using', 'measured', 'assessed', 'determined', 'calculated', 'based', 'from', 'the', 'at', 'over', 'without', 'not', 'no', 'than', 'either', 'both', 'ie', 'i', 'e', 'eg', 'who', 'which', 'that']);

/** "2 or more antiepileptic drugs", "at least 3 lesions": a plural noun within the next two words. */
function countedNounAfter(after: string): boolean {
  const next = /^\s?\(?([a-z][a-z-]*)(?:\s([a-z][a-z-]*))?/.exec(after);
  if (next === null || AFTER_THRESHOLD.has(next[1])) return false;
  return [next[1], next[2]].some((word) => word !== undefined && word.length > 3 && /[^s]s$/.test(word) && !AFTER_THRESHOLD.has(word));
}
const DURATION_OBSERVATIONS = /life[-\s]+expectancy|expected\s+survival|survival|prognosis|gestation/;
const DOSE_UNITS = new Set(['mg', 'g', 'ug', 'mg/kg', 'mg/m2', 'mg/(24.h)', 'g/(24.h)']);
const MEASURED_AMOUNTS = /protein|urine|albumin|alcohol|weight|proteinuria|excretion/;

function unmappedSubject(found: FoundComparison, before: string, fallback: string): Subject {
  const label = labelBefore(before) || fallback || UNSPECIFIED;
  const at = before.lastIndexOf(label);
  const span: Span = at >= 0 ? [found.span[0] - (before.length - at), found.span[0]] : found.span;
  return { kind: 'unmapped', keys: [], label, span, joinedByOr: false };
}

/** The last few content words before a comparison: "life expectancy", "IQ", "Mini-Mental State Examination score". */
function labelBefore(before: string): string {
  // "T-MoCA score (<20)": the name sits before the opening parenthesis.
  const trimmed = before.replace(/[\s(]+$/, '');
  const clause = trimmed.split(/[;:,.(\n]|\band\b|\bor\b/).pop() ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  while (words.length > 0 && LABEL_STOPWORDS.has(words[0])) words.shift();
  while (words.length > 0 && LABEL_STOPWORDS.has(words[words.length - 1])) words.pop();
  const label = words.slice(-5).join(' ');
  return /[a-z]/.test(label) ? label : '';
}

function toComparison(found: FoundComparison, unit: string): Comparison {
  const comparison: Comparison = { op: found.op, value: found.value, unit, span: found.span };
  if (found.high !== undefined) comparison.high = found.high;
  return comparison;
}

function buildComparisonRule(found: FoundComparison, subject: Subject, kind: CriterionKind): Rule {
  const ambiguity = found.ambiguity;
  const withAmbiguity = <R extends Rule>(rule: R): R => (ambiguity ? { ...rule, ambiguity } : rule);
  if (subject.kind === 'age') {
    const rule: AgeRule = { type: 'age', comparison: toComparison(found, found.unit ?? 'a') };
    return withAmbiguity(rule);
  }
  if (subject.kind === 'scale') {
    const rule: ScoreRule = { type: 'score', scale: subject.keys[0] as ScoreRule['scale'], comparison: toComparison(found, '1') };
    return withAmbiguity(rule);
  }
  if (subject.kind === 'pressure') {
    const systolic: ObservationRule = { type: 'observation', analyte: 'bp.systolic', comparison: toComparison(found, found.unit ?? 'mm[Hg]') };
    if (found.over === undefined) return { ...systolic, ambiguity: ambiguity ?? 'blood pressure given as one number: read as systolic' };
    const diastolic: ObservationRule = { type: 'observation', analyte: 'bp.diastolic', comparison: { ...toComparison(found, 'mm[Hg]'), value: found.over } };
    // "BP < 140/90" admits only when both are below; "BP > 160/100" is met when either is above.
    return withAmbiguity({ type: found.op === '<' || found.op === '<=' ? 'all' : 'any', rules: [systolic, diastolic] });
  }
  if (subject.kind === 'unmapped') {
    const rule: ObservationRule = { type: 'observation', analyte: UNMAPPED_ANALYTE, label: subject.label, comparison: toComparison(found, found.unit ?? '1') };
    return withAmbiguity(rule);
  }
  const observations: ObservationRule[] = subject.keys.map((key) => {
    const analyte = refineAnalyte(key, found.unit);
    const observation: ObservationRule = { type: 'observation', analyte, comparison: toComparison(found, found.unit ?? unitWhenUnwritten(analyte, found.value)) };
    if (observation.comparison.unit === UNIT_NOT_WRITTEN) observation.ambiguity = 'no unit written; a reviewer must add it before this rule can be checked';
    return observation;
  });
  if (observations.length === 1) return withAmbiguity(observations[0]);
  if (subject.joinedByOr && kind === 'inclusion') {
    return { type: 'all', rules: observations, ambiguity: ambiguity ?? `"${subject.label}" joined by "or" before one limit: read as each must meet it` };
  }
  return withAmbiguity({ type: subject.joinedByOr ? 'any' : kind === 'inclusion' ? 'all' : 'any', rules: observations });
}

/** The unit of a comparison written without one that cannot be inferred ("bilirubin < 1.5": mg/dL or µmol/L?). */
export const UNIT_NOT_WRITTEN = '1';

/** Analytes whose unit is the same wherever it is reported, so a bare number is unambiguous. */
function unitWhenUnwritten(analyte: string, value: number): string {
  if (analyte === 'inr' || analyte === 'bmi' || analyte === 'lvef' || analyte === 'spo2') return analyteByKey(analyte)?.unit ?? UNIT_NOT_WRITTEN;
  if (analyte === 'hba1c' && value < 20) return '%';
  return UNIT_NOT_WRITTEN;
}

/** Units settle which of two related analytes is meant (reticulocytes in % or per volume; HBV DNA in copies or IU). */
function refineAnalyte(key: string, unit: string | null): string {
  if (key === 'reticulocytes' && unit === '%') return 'reticulocytes.percent';
  if (key === 'hbv.dna' && unit === '[IU]/mL') return 'hbv.dna.iu';
  if (key === 'creatinine' && unit === 'mL/min') return 'creatinine.clearance';
  if (key === 'creatinine' && unit === 'mL/min/{1.73_m2}') return 'egfr';
  return key;
}

const NORMAL_PHRASE = /\b(?:within\s+(?:the\s+)?(?:institutional\s+|laboratory\s+|reference\s+)?normal\s+(?:limits|range|values)|within\s+(?:the\s+)?limits\s+of\s+normal|wnl)\b|(?<=^\s*(?:\([^)]{0,20}\)\s*)?(?:(?:level|levels|value|values|count)\s+)?(?:is\s+|are\s+|must\s+be\s+|should\s+be\s+|:\s*)?)normal\b(?!\s+(?:range|limit|upper|lower|saline|volunteers?|subjects?|controls?|function))/g;

/** Analytes whose reference range has only an upper limit that matters (WS/T 404.4 gives bilirubin as "≤ 26.0 µmol/L"). */
const UPPER_LIMIT_ONLY = new Set(['bilirubin.total', 'bilirubin.direct', 'alt', 'ast', 'alp', 'ggt', 'creatinine', 'bun', 'inr', 'pt', 'aptt']);

/**
 * "Bilirubin normal", "AST and ALT within normal limits": at least the lower and at most the upper limit
 * of normal (only the upper one for analytes without a meaningful lower limit).
 */
function withinNormalLimits(normalized: string, start: number, clauses: Span[], covered: Span[]): Evidence[] {
  const found: Evidence[] = [];
  for (const [clauseStart, clauseEnd] of clauses) {
    const from = start + clauseStart;
    const clause = normalized.slice(from, start + clauseEnd);
    if (!/normal|wnl/.test(clause)) continue;
    for (const hit of hitsIn(ANALYTE_PATTERN, 'analyte', ANALYTE_KEYS, clause, from)) {
      if (covered.some((span) => overlaps(span, [hit.start, hit.end]))) continue;
      NORMAL_PHRASE.lastIndex = 0;
      const after = normalized.slice(hit.end, Math.min(start + clauseEnd, hit.end + 60));
      const phrase = NORMAL_PHRASE.exec(after);
      if (!phrase || /\b(?:not|no|abnormal)\b/.test(after.slice(0, phrase.index))) continue;
      const phraseSpan: Span = [hit.end + phrase.index, hit.end + phrase.index + phrase[0].length];
      const subject = subjectBefore(normalized, from, phraseSpan[0]);
      if (!subject || subject.kind !== 'analyte' || covered.some((span) => overlaps(span, [subject.span[0], phraseSpan[1]]))) continue;
      const limits = (key: string): Rule =>
        UPPER_LIMIT_ONLY.has(key)
          ? { type: 'observation', analyte: key, comparison: { op: '<=', value: 1, unit: 'xULN', span: phraseSpan } }
          : {
              type: 'all',
              rules: [
                { type: 'observation', analyte: key, comparison: { op: '>=', value: 1, unit: 'xLLN', span: phraseSpan } },
                { type: 'observation', analyte: key, comparison: { op: '<=', value: 1, unit: 'xULN', span: phraseSpan } },
              ],
            };
      const span: Span = [subject.span[0], phraseSpan[1]];
      const rules = subject.keys.map(limits);
      const rule: Rule = rules.length === 1 ? { ...rules[0], span } : { type: 'all', rules, span };
      found.push({ rule, span });
      covered.push(span);
    }
  }
  return found;
}

/** A negation right before a scale's name ("no NYHA class III–IV"); "no severe impairment of … (TBIL ≤ …)" is too far to count. */
const CLOSE_NEGATION = /(?:\b(?:no|not|without)|无|非)\s*(?:[a-z-]+\s+){0,2}$/;

const ROMAN_GRADES: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, 'ⅰ': 1, 'ⅱ': 2, 'ⅲ': 3, 'ⅳ': 4 };
const GRADE_LIST = /^\s?(?:\(\w+\))?\s?(?:functional\s+)?(?:class(?:es)?|grades?|scores?|status|of|ps|performance\s+status|:|=|is)?\s?(?:of\s+)?((?:[0-5]|iv|iii|ii|i|ⅰ|ⅱ|ⅲ|ⅳ)(?:\s?(?:,|or|and|to|-|~|\/|,\s?or)\s?(?:[0-5]|iv|iii|ii|i|ⅰ|ⅱ|ⅲ|ⅳ))*)(?![\w.%])/;
const GRADE_LIST_BEFORE = /(?:grades?|class(?:es)?)\s?((?:iv|iii|ii|i|ⅰ|ⅱ|ⅲ|ⅳ|[1-4])(?:\s?(?:,|or|and|-|\/)\s?(?:iv|iii|ii|i|ⅰ|ⅱ|ⅲ|ⅳ|[1-4]))*)\s+(?:by|according\s+to|per|on)\s+(?:the\s+)?$/;

/** "ECOG 0 or 1", "NYHA class III or IV", "grade Ⅲ、Ⅳ by NYHA classification": scale grades without an operator. */
function scaleGrades(normalized: string, start: number, end: number, covered: Span[]): Evidence[] {
  const local = normalized.slice(start, end);
  const found: Evidence[] = [];
  for (const hit of hitsIn(SCALE_PATTERN, 'scale', SCALE_KEYS, local, start)) {
    if (hit.key === 'KARNOFSKY' || hit.key === 'LANSKY') continue;
    const afterText = normalized.slice(hit.end, Math.min(end, hit.end + 40));
    const list = GRADE_LIST.exec(afterText);
    let listSpan: Span | null = null;
    let written = '';
    if (list) {
      const listStart = hit.end + list[0].length - list[1].length;
      listSpan = [listStart, hit.end + list[0].length];
      written = list[1];
    } else {
      const beforeText = normalized.slice(Math.max(start, hit.start - 40), hit.start);
      const previousList = GRADE_LIST_BEFORE.exec(beforeText);
      if (previousList) {
        const listStart = hit.start - beforeText.length + previousList.index + previousList[0].indexOf(previousList[1]);
        listSpan = [listStart, listStart + previousList[1].length];
        written = previousList[1];
      }
    }
    if (!listSpan || covered.some((span) => overlaps(span, listSpan!)) || covered.some((span) => overlaps(span, [hit.start, hit.end]))) continue;
    const grades = written.split(/\s?(?:,\s?or|,|or|and|\/)\s?/).flatMap((part) => {
      const range = /^(\S+)\s?(?:to|-|~)\s?(\S+)$/.exec(part.trim());
      const values = (range ? [range[1], range[2]] : [part.trim()]).map((token) => (/^\d$/.test(token) ? Number(token) : ROMAN_GRADES[token]));
      if (values.some((value) => value === undefined)) return [NaN];
      return range ? [values[0], values[1]] : values;
    });
    if (grades.length === 0 || grades.some((grade) => Number.isNaN(grade))) continue;
    if (hit.key === 'ECOG' && grades.length === 1 && !/[-~]|to/.test(written)) continue;
    const low = Math.min(...grades);
    const high = Math.max(...grades);
    const top = hit.key === 'NYHA' ? 4 : 5;
    const bottom = hit.key === 'NYHA' ? 1 : 0;
    const comparison: Comparison =
      low === high ? { op: '=', value: low, unit: '1', span: listSpan } :
      high === top ? { op: '>=', value: low, unit: '1', span: listSpan } :
      low === bottom ? { op: '<=', value: high, unit: '1', span: listSpan } :
      { op: 'between', value: low, high, unit: '1', span: listSpan };
    const ruleSpan: Span = [Math.min(hit.start, listSpan[0]), Math.max(hit.end, listSpan[1])];
    const score: ScoreRule = { type: 'score', scale: hit.key as ScoreRule['scale'], comparison, span: ruleSpan };
    // "No NYHA class III or IV heart disease": the grade must not be reached.
    const rule: Rule = CLOSE_NEGATION.test(normalized.slice(start, ruleSpan[0])) ? { type: 'not', rule: score, span: ruleSpan } : score;
    found.push({ rule, span: ruleSpan });
    covered.push(ruleSpan);
  }
  return found;
}

const SEROLOGY_KEYS = SEROLOGY_FORMS.map((form) => form.key);

/** "HBsAg and HBcAb were negative", "test positive for HIV, HCV or syphilis": qualitative results. */
function qualitativeRules(normalized: string, start: number, clauses: Span[], covered: Span[]): Evidence[] {
  const found: Evidence[] = [];
  for (const [clauseStart, clauseEnd] of clauses) {
    const from = start + clauseStart;
    const clause = normalized.slice(from, start + clauseEnd);
    const hits = hitsIn(SEROLOGY_PATTERN, 'analyte', SEROLOGY_KEYS, clause, from).filter((hit) => !covered.some((span) => overlaps(span, [hit.start, hit.end])));
    if (hits.length === 0) continue;
    const positive = POSITIVE_WORDS.exec(clause);
    const negative = NEGATIVE_WORDS.exec(clause);
    if (!positive === !negative) continue;
    const word = (positive ?? negative)!;
    const result = positive ? 'positive' : 'negative';
    const wordSpan: Span = [from + word.index, from + word.index + word[0].length];
    // Only the tests named in the same run as the result word ("HBsAg and HBcAb … negative").
    const near = hits.filter((hit, index) => Math.abs(hit.start - wordSpan[0]) < 120 && hits.findIndex((other) => other.key === hit.key) === index);
    if (near.length === 0) continue;
    const rules = near.map((hit) => ({ type: 'qualitative' as const, analyte: hit.key, result: result as 'positive' | 'negative', span: [hit.start, hit.end] as Span }));
    const span: Span = [Math.min(wordSpan[0], ...near.map((hit) => hit.start)), Math.max(wordSpan[1], ...near.map((hit) => hit.end))];
    const gaps = normalized.slice(span[0], span[1]);
    const anyOf = /\bor\b/.test(gaps) && !/\band\b/.test(gaps);
    const tested: Rule = rules.length === 1 ? { ...rules[0], span } : { type: anyOf ? 'any' : 'all', rules, span };
    // "No HIV positivity", "not HBsAg positive": the result must not be found.
    const negated = NEGATION_BEFORE.test(normalized.slice(from, span[0])) && !/\bnot\s+(?:only|limited|required)\b/.test(normalized.slice(from, span[0]));
    const rule: Rule = negated ? { type: 'not', rule: tested, span } : tested;
    found.push({ rule, span });
    covered.push(span);
  }
  return found;
}

const CHILDBEARING_POTENTIAL = /(?:(?:women|woman|females?|girls|patients?|subjects?|participants?)\s+(?:who\s+are\s+)?(?:of\s+)?(?:child[-\s]?bearing|reproductive)\s+(?:potential|age)|\bwocbp\b|\bfocbp\b|(?:premenopausal|pre-menopausal)\s+(?:women|females?)|育龄期?(?:妇女|女性)?)/;

/** Pregnancy and breastfeeding, and the pregnancy test. */
function stateRules(normalized: string, start: number, end: number, covered: Span[], kind: CriterionKind): Evidence[] {
  const local = normalized.slice(start, end);
  const found: Evidence[] = [];
  const test = /(?:negative|positive)\s+(?:serum\s+|urine\s+)?(?:β-?|beta[-\s]?)?(?:hcg\s+)?pregnancy\s+test|pregnancy\s+test\s+(?:must\s+be\s+|is\s+|that\s+is\s+)?(?:negative|positive)/g;
  for (const match of local.matchAll(test)) {
    let span: Span = [start + match.index, start + match.index + match[0].length];
    const tested: QualitativeRule = { type: 'qualitative', analyte: 'pregnancy.test', result: /negative/.test(match[0]) ? 'negative' : 'positive', span };
    // "… pregnancy test within 7 days before the first dose": how recent the result must be.
    const window = new RegExp(`^[^;.]{0,40}?${WINDOW.source}`).exec(local.slice(match.index + match[0].length));
    if (window) {
      tested.lookback = windowDuration(window);
      covered.push([span[1] + window[0].length - (window[0].length - window[0].search(WINDOW)), span[1] + window[0].length]);
    }
    let rule: Rule = tested;
    const potential = CHILDBEARING_POTENTIAL.exec(local);
    if (potential && potential.index < match.index) {
      // Only women who can become pregnant are tested: whether the patient can is for a person to confirm.
      const potentialSpan: Span = [start + potential.index, start + potential.index + potential[0].length];
      const isPotential: Rule = { type: 'confirm', question: 'The patient is a woman of childbearing potential.', zh: { question: '患者为有生育能力的女性。' }, span: potentialSpan };
      span = [potentialSpan[0], span[1]];
      const ambiguity = 'a conditional: the pregnancy test applies only to women of childbearing potential, which a person confirms';
      rule = tested.result === 'negative'
        ? { type: 'any', rules: [{ type: 'not', rule: isPotential, span: potentialSpan }, tested], span, ambiguity }
        : { type: 'all', rules: [isPotential, tested], span, ambiguity };
      covered.push(potentialSpan);
    }
    found.push({ rule, span });
    covered.push(span);
  }
  const states = /\b(pregnan(?:t|cy)|gestation)\b(?!\s+test)|(妊娠|怀孕|孕妇)(?!试验|检测)|\b(breast[-\s]?feeding|breastfeed|lactat(?:ing|ion)|nursing(?!\s+home)|lactating)\b|(哺乳期?)/g;
  const stateRulesFound: Array<{ state: 'pregnant' | 'lactating'; span: Span }> = [];
  for (const match of local.matchAll(states)) {
    const span: Span = [start + match.index, start + match.index + match[0].length];
    if (covered.some((other) => overlaps(other, span))) continue;
    const context = local.slice(Math.max(0, match.index - 40), match.index + match[0].length + 25);
    // "become pregnant", "childbearing potential", "planning a pregnancy": plans and contraception need a person.
    if (/become|potential|plan|prevent|avoid|contracept|intend|wish|desire|test|during\s+the\s+study|gestational|partner|spouse|wife/.test(context)) continue;
    stateRulesFound.push({ state: match[1] || match[2] ? 'pregnant' : 'lactating', span });
  }
  if (stateRulesFound.length > 0 && (kind === 'exclusion' || /\b(?:not|no|non)\b|非|无|未/.test(local))) {
    const rules: Rule[] = stateRulesFound.map((entry) => ({ type: 'pregnancy', state: entry.state, span: entry.span }));
    const span: Span = [stateRulesFound[0].span[0], stateRulesFound[stateRulesFound.length - 1].span[1]];
    const combined: Rule = rules.length === 1 ? rules[0] : { type: 'any', rules, span };
    const negated = kind === 'inclusion' ? ({ type: 'not', rule: combined, span } as Rule) : combined;
    found.push({ rule: negated, span });
    covered.push(span);
  }
  return found;
}

const CONDITION_KEYS = CONDITION_FORMS.map((form) => form.key);
/** A negation of what follows, with only the words of a negated history between it and the diagnosis ("no known history of active …"). */
const NEGATION_BEFORE = new RegExp(
  String.raw`(?:\b(?:no|not|without|free\s+of|absence\s+of|none\s+of|neither|nor|negative\s+for|never)\b(?:[\s,]+(?:known|history|evidence|prior|previous|active|current|clinical|clinically|significant|of|had|have|has|been|received|receive|receiving|undergone|undergo|taken|take|taking|any|a|an|the|or|and|and\/or|documented|diagnosed|diagnosis|with|concurrent|concomitant|ongoing|recent|treatment|therapy|use|uncontrolled|severe|serious|symptomatic|unstable|major|other|chronic|acute|suspected|presence|evidence|underlying|requiring|require|need|be|is|are|was|were|on|in|for|to|past|medical|personal|family|systemic|previously|currently|must|should|shall|may|e\.g\.|such|as|including|[a-z]+(?:[-\s](?:\w+))?\s*,|[a-z][a-z-]*\s+(?:or|nor|and\/or)(?=\s)))*[\s,]*|(?:无|没有|未|非)[^;，,。]{0,12})$`,
);
const TIME_ANCHOR_CONCEPT = /(?:\b(?:days?|weeks?|months?|years?|hours?)\s+(?:of|before|after|prior\s+to|from|following|preceding)\s+(?:the\s+)?(?:planned\s+|scheduled\s+)?|(?:first|last|initial|final)\s+(?:dose|administration|infusion|injection)\s+of\s+(?:the\s+)?(?:study\s+)?|(?:start|initiation|beginning|end|completion)\s+of\s+(?:the\s+)?(?:study\s+)?)$/;
const CURRENT_BEFORE = /\b(?:current(?:ly)?|ongoing|on-going|being|now|presently|still)\b/;
const HISTORY_BEFORE = /\b(?:prior|previous(?:ly)?|history\s+of|had|received|ever|pre-?treated|treated\s+with|exposure\s+to|exposed\s+to|past|former|failed|completed)\b[^;.]*$/;
const WHO_WITH_BEFORE = /\b(?:patients?|subjects?|participants?|those|individuals?)\s+(?:with|who\s+(?:have|had))\s+(?:[a-z-]+\s+){0,3}$/;
const OBLIGATION_AFTER = /^\s*(?:\([^)]*\)\s*)?,?\s*(?:must|should|need|will|may|can|are\s+(?:eligible|allowed|required|permitted)|have\s+to)\b/;
/** "If subject received major surgery, …", "(for patients with multiple myeloma)": a condition on who the rest applies to. */
const CONDITIONAL_BEFORE = /\b(?:if|in\s+case\s+of|provided|unless|whether)\b[^;.]*$|\b(?:for|in)\s+(?:patients?|subjects?|participants?|those|women|men)\s+(?:with|who)\b[^;.]{0,40}$/;
/** "Patients may not have had chemotherapy" under Exclusion: a double negative whose intent is unclear. */
const MODAL_NEGATION = /\b(?:may|must|should|can|will|shall|could)\s+not\b[^;.]*$/;
/** "More than 2 prior chemotherapy regimens", "at least one line of": how many, which a record does not count reliably. */
const COUNT_BEFORE = /(?:(?:more|fewer|less|greater)\s+than|at\s+least|at\s+most|up\s+to|maximum\s+of|no\s+more\s+than|[≥>≤<])?\s*\b(?:\d+|one|two|three|four|five|six|single|multiple)\s+(?:or\s+(?:more|fewer|less)\s+)?(?:(?:prior|previous|systemic|lines?|regimens?|cycles?|courses?|of)\s+)*$/;
/** "Radiotherapy for amyloidosis", "radiotherapy to the chest": what or where a therapy treated. */
const PURPOSE_AFTER = /^\s+((?:for|to|of\s+the|on\s+the)\s+(?!(?:at\s+least|more|less|a\s+(?:period|minimum|total)|the\s+duration|\d|be\b|receive|undergo|participat|enter|start|begin|sign|comply|the\s+study|this\s+study|study\b))(?:the\s+|a\s+|an\s+)?[a-z][a-z-]*(?:\s+(?!(?:or|and|within|in|prior|before|during|at|on|is|are|was|were|must|should|will)\b)[a-z][a-z-]*){0,3})/;
const DOSE_AFTER = /^\s*(?:therapy\s+|treatment\s+|use\s+)?(?:(?:at\s+)?(?:a\s+)?doses?\s+(?:of\s+)?|of\s+|equivalent\s+to\s+)?(?:[>≥<≤=]|more\s+than|greater\s+than|less\s+than|exceeding|above|up\s+to)?\s*\d+(?:\.\d+)?\s*(?:mg|µg|ug|mcg|g\b|iu|units?\b)/;
const TREATED_FOR_BEFORE = /\b(?:treatments?|therapy|therapies|regimens?|lines?|chemotherapy|radiotherapy|surgery|treated|indicated|approved)\s+(?:for|of|against)\s+(?:the\s+|their\s+|a\s+|an\s+)?(?:[a-z-]+\s+){0,3}$/;
const INDICATION_GAP = /^[\s,]*(?:[a-z-]+\s+){0,3}?(?:for|against|to\s+treat|in\s+the\s+treatment\s+of)\s+(?:the\s+|a\s+|an\s+|their\s+|this\s+)?(?:[a-z-]+\s+){0,3}$/;
const FAR_NEGATION = /\b(?:no|not|without|neither|nor|never)\b[^;]*$/;
const PLANNED = /\b(?:plan(?:s|ned|ning)?|scheduled|anticipat(?:e|es|ed)|expected\s+to\s+(?:need|require|receive)|(?:may|might|likely\s+to|will)\s+(?:need|require)|need(?:s|ing)?\s+(?:an?\s+)?(?:immediate\s+|urgent\s+)?|allocated|assigned|randomi[sz]ed\s+to|candidates?\s+for|(?:in)?eligible\s+for|donor|will\s+(?:receive|undergo)|to\s+(?:receive|undergo)|intend(?:s|ed)?|awaiting|by\s+the\s+assessment\s+of|receive)\b/;
const EXCEPT = /\b(?:other\s+than|except(?:\s+for)?|excluding|with\s+the\s+exception\s+of|apart\s+from|besides)\b/;
const WORD_AMOUNTS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, eighteen: 18, twenty: 20, 'twenty-four': 24, thirty: 30 };
/** "within 6 months", "in the past 5 years", "4 weeks prior to the first dose" (but not "at least 4 weeks prior to …", a wash-out). */
const WINDOW = /\b(?:(?:within|in\s+the\s+(?:past|last|previous|preceding|prior)|during\s+the\s+(?:past|last|previous|prior|preceding))\s+(?:the\s+(?:past|last)\s+)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|twenty-four|thirty)?\s*(years?|months?|weeks?|days?)\b|(?<!(?:at\s+least|more\s+than|over|minimum\s+of|≥|>|>=|greater\s+than|longer\s+than)\s*)(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|twenty-four|thirty)\s*(years?|months?|weeks?|days?)\s+(?:prior\s+to|before|preceding)\b)/;

function windowDuration(match: RegExpExecArray): Duration {
  const amount = match[1] ?? match[3];
  return { amount: amount === undefined ? 1 : WORD_AMOUNTS[amount] ?? Number(amount), unit: DURATION_UNITS[match[2] ?? match[4]] };
}
const DURATION_UNITS: Record<string, Duration['unit']> = { year: 'a', years: 'a', month: 'mo', months: 'mo', week: 'wk', weeks: 'wk', day: 'd', days: 'd' };

const AMOUNT = String.raw`(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|twenty-four|thirty)`;
/** "At least 4 weeks since prior …", "≥ 28 days must have elapsed since …": a wash-out, read as none within it. */
const SINCE = new RegExp(String.raw`(?<!\bfor\s+)(?:\bat\s+least|≥|>=?|\bmore\s+than|\bminimum\s+of|\bgreater\s+than|\blonger\s+than)\s*${AMOUNT}\s*(years?|months?|weeks?|days?)\s+(?:(?:must\s+have\s+|have\s+|has\s+)?(?:elapsed\s+|passed\s+)?(?:since|from|after)\s+(?:the\s+)?(?:last\s+|prior\s+|previous\s+|any\s+|completion\s+of\s+(?:prior\s+)?|end\s+of\s+(?:prior\s+)?)?|(prior\s+to|before))`);
const UNREAD_DURATION = new RegExp(String.raw`(?:\b(?:days|weeks|months|years)\s+(?:following|after|before|prior|from)\b|\b(?:${AMOUNT.slice(1, -1)}|a|an|the\s+(?:prior|past|last|previous|preceding))\s*-?\s*(?:hours?|days?|weeks?|months?|years?)\b|\d\s*(?:h|d|wk|mo|yr)s?\b)(?!\s*(?:of\s+age|old|or\s+(?:older|younger)))`);
/** Exceptions ("… are allowed") turn a clause into a permission the rule language cannot state. */
const PERMITTED = /\b(?:allowed|allowable|allowing|permitted|acceptable|provided\s+that|may\s+have|(?:will\s+be\s+)?able\s+to\s+(?:use|continue|take)|(?:may|can)\s+(?:use|continue|take|receive)|rescue\s+medications?|(?:is|are)\s+eligible|may\s+(?:be\s+)?(?:enrolled|included|eligible|participate))\b/;
const OTHER_PERSON = /\b(?:family\s+history|first[-\s]degree\s+relatives?|relatives?|partners?|spouses?|siblings?|parents?|mothers?|donors?)\b|家族史/;
/** "Despite transfusion", "refractory to chemotherapy", "progressed after radiotherapy": how a disease answered a therapy, not whether it was given. */
const RESPONSE_TO = /\b(?:despite|regardless\s+of|even\s+(?:with|after)|independent(?:ly)?\s+of|without\s+the\s+need\s+for|(?:un)?responsive\s+to|response\s+to|refractory\s+to|resistant\s+to|resistance\s+to|fail(?:ed|ure|ing)?\s+(?:of|to|on|with)|relapsed?\s+(?:after|following|on)|progress(?:ed|ion|ing)?\s+(?:on|after|following|during)|intoleran(?:t|ce)\s+(?:to|of)|suitable\s+for|candidates?\s+for|non-?response|inadequate\s+response|toxicit(?:y|ies)\s+(?:to|from|of|due\s+to)|toxic\s+effects?\s+(?:of|from)|(?:side|adverse)\s+effects?\s+(?:of|from|to)|(?:cannot|can\s*not|unable\s+to|not\s+able\s+to)\s+tolerate|refus(?:e|es|ed|al)(?:\s+to)?|transformation\s+(?:of|from)|transformed\s+from|while\s+(?:receiving|on|taking)|(?:un)?respon(?:ded|sive))\s+(?:[a-z-]+[\s,]+){0,8}$/;
/** "Aspirin, ticagrelor or clopidogrel allergies". */
const ALLERGY_AFTER = /^[^;.]{0,40}?\b(?:allerg|hypersensitiv|intoleran|contraindicat)/;
const ALLERGY_BEFORE = /allerg|hypersensitiv|intoleran|contraindicat|sensitivity|过敏/;
/**
 * Words that narrow a diagnosis beyond what a record codes ("uncontrolled hypertension", "clinically
 * significant cardiac disease", "major surgery", "autoimmune disease requiring systemic treatment"): the
 * diagnosis is checked from the record and the qualifier is asked of a person, so a patient without the
 * diagnosis is settled by data and one with it is not wrongly excluded or admitted.
 */
const QUALIFIER_BEFORE = /(?:^|[\s,(])((?:uncontrolled|poorly[-\s]controlled|inadequately[-\s]controlled|symptomatic|unstable|clinically[-\s](?:significant|relevant|important|active|evident)|significant|severe|serious|major|untreated|progressive|decompensated|refractory|recurrent|chronic|acute|life[-\s]threatening|medically\s+significant)(?:\s*(?:,|or|and|and\/or|\/)\s*(?:uncontrolled|symptomatic|unstable|severe|significant|serious|progressive|untreated|active|chronic|acute))*)\s+(?:[a-z-]+\s+(?:or|and|and\/or)\s+|or\s+)?$/;
const OTHER_BEFORE = /(?:^|[\s,(])(?:other|another|second|additional)(?:\s+(?:primary|invasive|active|concurrent|known))?\s+$/;
/** Qualifiers that say the disease is present now (the others — severe, chronic, major — may describe a history). */
const ACTIVITY_QUALIFIER = /uncontrolled|controlled|symptomatic|unstable|untreated|progressive|decompensated|refractory|life[-\s]threatening|active/;

/** Up to three words right before a concept that are neither filler nor history words: they narrow the concept. */
function narrowingWords(before: string): RegExpExecArray | null {
  const match = /(?:^|[\s,(:;])((?:\(?[a-z][a-z-]*\)?\s+){1,3})$/.exec(before);
  if (!match) return null;
  const words = match[1].trim().split(/\s+/).map((word) => word.replace(/[()]/g, ''));
  let kept = 0;
  for (let i = words.length - 1; i >= 0 && !CONCEPT_NEUTRAL.has(words[i]); i--) kept++;
  if (kept === 0) return null;
  return new RegExp(String.raw`(?:^|[\s,(:;])((?:\(?[a-z][a-z-]*\)?\s+){${kept}})$`).exec(before);
}

/** Words before a concept that do not narrow it: history, auxiliaries, determiners, who the criterion is about. */
const CONCEPT_NEUTRAL = new Set(['known', 'diagnosis', 'diagnosed', 'documented', 'active', 'current', 'presence', 'evidence', 'post', 'status', 's/p', 'suffering', 'suffer', 'from', 'confirmed', 'proven', 'clinical', 'clinically', 'significant', 'severe', 'serious', 'chronic', 'acute', 'uncontrolled', 'symptomatic', 'unstable', 'untreated', 'major', 'any', 'all', 'new', 'newly', 'existing', 'pre-existing', 'preexisting', 'underlying', 'concomitant', 'recent', 'recently', 'ongoing', 'persistent', 'use', 'using', 'taking', 'treatment', 'therapy', 'exposure', 'prior', 'previous', 'previously', 'history', 'with', 'without', 'have', 'has', 'had', 'having', 'been', 'be', 'being', 'is', 'are', 'was', 'were', 'who', 'which', 'that', 'patient', 'patients', 'subject', 'subjects', 'participant', 'participants', 'individuals', 'people', 'women', 'men', 'female', 'male', 'females', 'males', 'adults', 'children', 'must', 'should', 'will', 'may', 'can', 'not', 'no', 'of', 'or', 'and', 'and/or', 'the', 'a', 'an', 'for', 'to', 'in', 'on', 'by', 'at', 'as', 'e.g', 'such', 'including', 'other', 'another', 'received', 'receiving', 'receive', 'undergone', 'underwent', 'undergo', 'concurrent', 'standard', 'last', 'after', 'before', 'since', 'following', 'documented', 'suspected', 'either', 'both', 'also', 'requiring', 'required', 'requires', 'need', 'needing', 'due', 'secondary', 'evidence', 'signs', 'sign', 'symptoms', 'definite', 'probable', 'established', 'ever', 'currently', 'already', 'on-going', 'treated', 'pretreated', 'failed', 'completed', 'systemic', 'oral', 'intravenous', 'iv', 'any']);
const ACTIVE_BEFORE = /(?:^|[\s,(])(?:active|current|ongoing|concurrent|existing)\s+(?:or\s+[a-z-]+\s+)?$/;
const REQUIRING_AFTER = /^\s*,?\s*(?:(?:exacerbations?\s+|flares?\s+|episodes?\s+|attacks?\s+)?(?:that\s+(?:is\s+|are\s+)?|which\s+(?:is\s+|are\s+)?)?(?:requir(?:ing|es|ed)|needing|under(?:going)?)\s+(?:current\s+|ongoing\s+|active\s+|chronic\s+)?(?:systemic\s+|medical\s+|iv\s+|intravenous\s+)?(?:treatment|therapy|medications?|steroids|hospitali[sz]ation|intervention|antibiotics|insulin|oxygen|dialysis|transfusions?|intubation|surgery)|(?:that|which)\s+(?:would|could|might|may|is\s+likely\s+to|are\s+likely\s+to|in\s+the\s+opinion\s+of\s+the\s+investigator\s+would)\s+[a-z]+(?:\s+(?:with\s+)?[a-z]+){0,5})/;

function qualified(rule: Rule, label: string, normalized: string, from: number, to: number, hit: LexiconHit, covered: Span[]): Rule {
  const before = normalized.slice(Math.max(from, hit.start - 80), hit.start);
  const after = normalized.slice(hit.end, Math.min(to, hit.end + 90));
  if (rule.type === 'medication' || rule.type === 'procedure') {
    const counted = COUNT_BEFORE.exec(before) ?? (/^\s*(?:regimens?|lines?|cycles?|courses?)\b/.test(after) ? /(?:\d+|one|two|three)\b[^;.]{0,40}$/.exec(before) : null);
    const count = counted && /\S/.test(counted[0]) ? counted : null;
    const narrowing = count ? null : narrowingWords(before);
    const purpose = PURPOSE_AFTER.exec(after);
    if (count || narrowing || purpose) {
      const leading = count ? count[0].trim() : narrowing ? narrowing[1].trim() : '';
      const words = [leading, label, purpose?.[1]].filter(Boolean).join(' ').replace(/\s+/g, ' ');
      const leadStart = count ? hit.start - count[0].trimStart().length : narrowing ? hit.start - before.length + narrowing.index + narrowing[0].search(/\S/) : rule.span![0];
      const span: Span = [Math.min(leadStart, rule.span![0]), purpose ? hit.end + purpose[0].length : rule.span![1]];
      covered.push(span);
      const what = rule.type === 'medication' ? '该用药' : '该治疗或操作';
      return { type: 'all', rules: [rule, { type: 'confirm', question: `The ${rule.type} matches the criterion as written: "${words}".`, zh: { question: `${what}与标准原文所述相符：“${words}”。` }, span }], span };
    }
  }
  if (rule.type !== 'condition' && rule.type !== 'procedure') return rule;
  // "Prior chest radiotherapy", "CNS lymphoma", "metastatic breast cancer": words the concept does not hold narrow it.
  const qualifier = QUALIFIER_BEFORE.exec(before) ?? narrowingWords(before);
  const requiring = rule.type === 'condition' ? REQUIRING_AFTER.exec(after) : null;
  const active = rule.type === 'condition' ? ACTIVE_BEFORE.exec(before) : null;
  if (active && !qualifier && rule.type === 'condition') {
    rule.status = 'active';
    rule.span = [hit.start - (active[0].length - (active[0].length - active[0].trimStart().length)), rule.span![1]];
    covered.push(rule.span);
  }
  const other = rule.type === 'condition' ? OTHER_BEFORE.exec(before) : null;
  if (other && !qualifier && !requiring) {
    const span: Span = [hit.start - (before.length - other.index) + other[0].search(/\S/), rule.span![1]];
    covered.push(span);
    const labelZh = conceptById(rule.type === 'condition' ? rule.condition.concept : rule.procedure.concept)?.label.zh;
    const confirm: Rule = { type: 'confirm', question: `The ${label} is another than the one the trial studies.`, span };
    if (labelZh) confirm.zh = { question: `该${labelZh}不是本研究所研究的那一种。` };
    return { type: 'all', rules: [rule, confirm], span };
  }
  if (!qualifier && !requiring) return rule;
  const words = [qualifier?.[1].trim().replace(/\s+/g, ' '), requiring?.[0].trim().replace(/^,\s*/, '').replace(/\s+/g, ' ')].filter(Boolean).join(', ');
  const spanStart = qualifier ? hit.start - before.length + qualifier.index + qualifier[0].search(/\S/) : rule.span![0];
  const spanEnd = requiring ? hit.end + requiring[0].length : rule.span![1];
  if (rule.type === 'condition' && !active && qualifier && ACTIVITY_QUALIFIER.test(qualifier[1])) rule.status = 'active';
  const span: Span = [Math.min(spanStart, rule.span![0]), Math.max(spanEnd, rule.span![1])];
  covered.push(span);
  const subject = rule.type === 'procedure' ? `The ${label}` : `The patient's ${label}`;
  const concept = conceptById(rule.type === 'procedure' ? rule.procedure.concept : rule.condition.concept);
  const confirm: Rule = { type: 'confirm', question: `${subject} is as the criterion qualifies it: "${words}".`, span };
  // The qualifying words are quoted from the (English) source: the Chinese question quotes them as they are.
  if (concept) confirm.zh = { question: `${rule.type === 'procedure' ? '该' : '患者的'}${concept.label.zh}符合标准原文的限定：“${words}”。` };
  return { type: 'all', rules: [rule, confirm], span };
}

/** Diagnoses, transplants and drug classes named in the criterion, with negation, exceptions and time windows. */
function conditionRules(normalized: string, start: number, clauses: Span[], covered: Span[], kind: CriterionKind): Evidence[] {
  const found: Evidence[] = [];
  for (const [clauseStart, clauseEnd] of clauses) {
    const from = start + clauseStart;
    const clause = normalized.slice(from, start + clauseEnd);
    const hits = hitsIn(CONDITION_PATTERN, 'analyte', CONDITION_KEYS, clause, from)
      .filter((hit) => !covered.some((span) => overlaps(span, [hit.start, hit.end])))
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .filter((hit, index, all) => index === 0 || hit.start >= all[index - 1].end)
      .reduce<LexiconHit[]>((kept, hit) => {
        // "Severe aplastic anemia (SAA)": a name and its abbreviation are one mention.
        const last = kept[kept.length - 1];
        if (last && last.key === hit.key && /^\s*\(?\s*$/.test(normalized.slice(last.end, hit.start))) last.end = hit.end + (normalized[hit.end] === ')' ? 1 : 0);
        else kept.push({ ...hit });
        return kept;
      }, []);
    if (hits.length === 0) continue;
    const exceptMatch = EXCEPT.exec(clause);
    const exceptAt = exceptMatch ? from + exceptMatch.index : Infinity;
    const windowMatch = WINDOW.exec(clause);
    const clauseWindow: Duration | undefined = windowMatch ? windowDuration(windowMatch) : undefined;
    const sinceMatch = SINCE.exec(clause);
    const sinceWindow: Duration | undefined = sinceMatch ? { amount: WORD_AMOUNTS[sinceMatch[1]] ?? Number(sinceMatch[1]), unit: DURATION_UNITS[sinceMatch[2]] } : undefined;
    // The wash-out applies to the therapy named right after "since" — or, in "… at least 4 weeks before entry", right before it.
    const sinceTargets = new Set(!sinceMatch ? [] : sinceMatch[3] ? hits.filter((hit) => hit.end <= from + sinceMatch.index) : hits.filter((hit) => hit.start >= from + sinceMatch.index + sinceMatch[0].length));
    const onsetWords = windowMatch !== null && /^within/.test(windowMatch[0]) && /\b(?:diagnos|onset|suffer|duration|disease\s+course)/.test(clause);
    const mainHits = hits.filter((hit) => hit.start < exceptAt);
    const exceptions = hits.filter((hit) => hit.start > exceptAt);
    // A time window belongs to the diagnosis named just before it (or, if none is, just after it).
    const windowAt = windowMatch ? from + windowMatch.index : -1;
    // "Chemotherapy, immunotherapy or radiotherapy within 4 weeks": the window closes the whole list before it (or, if none is, the diagnosis just after it).
    // Therapies before a window always take it; diagnoses only when the item nearest the window is a diagnosis
    // ("diagnosed with immunodeficiency or receiving steroids within 7 days": the 7 days are the steroids').
    const listBefore = mainHits.filter((hit) => hit.end <= windowAt);
    const nearestIsDiagnosis = listBefore.length > 0 && conceptById(listBefore[listBefore.length - 1].key)?.domain === 'condition';
    const windowedHits = new Set(windowMatch ? (listBefore.length > 0 ? listBefore.filter((hit) => nearestIsDiagnosis || conceptById(hit.key)?.domain !== 'condition') : mainHits.filter((hit) => hit.start >= windowAt).slice(0, 1)) : []);
    // "Steroids for symptom control are allowed": an exception the rules cannot state; left for a reviewer.
    if (PERMITTED.test(clause)) continue;
    // "… except for stable doses of prednisone": an exception no concept names would be lost, so the clause is left whole.
    if (exceptMatch && !exceptions.some((hit) => conceptById(hit.key)?.domain === 'condition')) continue;
    if (exceptions.some((other) => mainHits.some((hit) => hit.key === other.key))) continue;
    // Two windows in one clause ("≤ 4 weeks … or … ≤ 1 week"): which closes what is for a reviewer.
    if (windowMatch && new Set([...clause.matchAll(new RegExp(WINDOW.source, 'g'))].map((match) => JSON.stringify(windowDuration(match)))).size > 1) continue;
    // A time span the window patterns did not read ("2 weeks after the last dose"): a rule without it would say "ever".
    if (!windowMatch && !sinceMatch && UNREAD_DURATION.test(clause)) continue;
    const seenConcepts = new Set<string>();
    let produced = false;
    for (const hit of mainHits) {
      const within = windowedHits.has(hit) ? clauseWindow : undefined;
      const concept = conceptById(hit.key);
      if (!concept) continue;
      const before = normalized.slice(from, hit.start);
      const previousHit = mainHits[mainHits.indexOf(hit) - 1];
      // A relative's diagnosis is not the patient's; an allergy to a drug is not taking it; a hit inside a
      // qualifier already read ("pneumonitis that required steroids") is part of it; the same concept twice
      // in a clause ("… or has not recovered from such surgery") is one mention.
      if (CONDITIONAL_BEFORE.test(before) || (kind === 'exclusion' && MODAL_NEGATION.test(before))) continue;
      // A heading ("Myelosuppressive chemotherapy: …") or a point in time ("first dose of investigational product") is not a fact.
      if (/^\s*:/.test(normalized.slice(hit.end, hit.end + 3)) || TIME_ANCHOR_CONCEPT.test(before.slice(-60))) continue;
      // "Patients with brain metastases must have …": who the rest of the criterion applies to.
      if (WHO_WITH_BEFORE.test(before.slice(-60)) && OBLIGATION_AFTER.test(normalized.slice(hit.end, hit.end + 40))) continue;
      if (OTHER_PERSON.test(before) || RESPONSE_TO.test(before) || covered.some((other) => overlaps(other, [hit.start, hit.end]))) continue;
      if (seenConcepts.has(concept.id)) continue;
      seenConcepts.add(concept.id);
      if (concept.domain === 'medication' && (ALLERGY_BEFORE.test(before) || ALLERGY_AFTER.test(normalized.slice(hit.end, hit.end + 60)))) continue;
      // "Steroids > 5 mg/day": a dose the rule cannot state.
      if (concept.domain === 'medication' && DOSE_AFTER.test(normalized.slice(hit.end, hit.end + 40))) continue;
      // "Chemotherapy for metastatic NSCLC": the diagnosis after a therapy is what it treated, not an item of its own.
      if (concept.domain === 'condition' && previousHit && conceptById(previousHit.key)?.domain !== 'condition' && INDICATION_GAP.test(normalized.slice(previousHit.end, hit.start))) continue;
      // "More than one prior line of treatment for advanced NSCLC": the disease treated, not a diagnosis to screen on.
      if (concept.domain === 'condition' && TREATED_FOR_BEFORE.test(before.slice(-80))) continue;
      const ref = { concept: concept.id, label: concept.label.en };
      const span: Span = [hit.start, hit.end];
      let rule: Rule;
      if ((concept.domain === 'procedure' || concept.domain === 'medication') && PLANNED.test(clause)) {
        // "Scheduled to receive chemoradiation within 12 weeks of surgery": the plan is for something else.
        if (!PLANNED.test(before.slice(-60))) continue;
        // "no plans for stem cell transplantation", "will receive HSCT by the investigators' assessment": a plan, not a record.
        const negated = NEGATION_BEFORE.test(normalized.slice(from, hit.start));
        const question = negated ? `The patient has no plans for ${concept.label.en}.` : `${concept.label.en[0].toUpperCase()}${concept.label.en.slice(1)} is planned for the patient.`;
        const questionZh = negated ? `患者没有${concept.label.zh}的计划。` : `患者计划接受${concept.label.zh}。`;
        const planSpan: Span = [from + clause.search(PLANNED), hit.end];
        const evidenceSpan: Span = [Math.min(planSpan[0], hit.start), hit.end];
        found.push({ rule: { type: 'confirm', question, zh: { question: questionZh }, span: evidenceSpan }, span: evidenceSpan });
        covered.push(evidenceSpan);
        continue;
      }
      if (concept.domain === 'procedure') rule = { type: 'procedure', procedure: ref, span };
      else if (concept.domain === 'condition' && /^(?:active|acute)\s/.test(normalized.slice(hit.start, hit.end))) rule = { type: 'condition', condition: ref, span, status: 'active' };
      else if (concept.domain === 'medication') rule = { type: 'medication', medication: ref, span };
      else {
        const condition: ConditionRule = { type: 'condition', condition: ref, span };
        if (within) {
          if (onsetWords) condition.onsetWithin = within;
          else condition.within = within;
        }
        if (exceptions.length > 0 && hit === mainHits[mainHits.length - 1]) {
          condition.except = exceptions.map((other) => conceptById(other.key)).filter((other) => other !== undefined && other.domain === 'condition').map((other) => ({ concept: other!.id, label: other!.label.en }));
          if (condition.except.length === 0) delete condition.except;
          condition.span = [hit.start, exceptions[exceptions.length - 1].end];
        }
        rule = condition;
      }
      if ((rule.type === 'procedure' || rule.type === 'medication') && within) rule.within = within;
      // "Prior chemotherapy": a history, not only what is taken now.
      if (rule.type === 'medication' && !within && HISTORY_BEFORE.test(before.slice(-80)) && !CURRENT_BEFORE.test(before.slice(-80))) rule.ever = true;
      if (sinceWindow && (!sinceTargets.has(hit) || kind === 'exclusion')) continue;
      if (sinceTargets.has(hit) && sinceWindow && (rule.type === 'procedure' || rule.type === 'medication' || rule.type === 'condition')) {
        // "At least 4 weeks since prior radiotherapy": none within those 4 weeks.
        if (rule.type === 'medication') delete rule.ever;
        if (rule.type === 'condition') {
          const recent: ConditionRule = { ...rule, onsetWithin: sinceWindow };
          rule = { type: 'all', rules: [rule, { type: 'not', rule: recent, span: rule.span }], span: rule.span };
        } else {
          rule.within = sinceWindow;
          rule = { type: 'not', rule, span: rule.span };
        }
      }
      // Only the last words before the diagnosis can negate it; a short window also keeps the pattern fast.
      const negation = NEGATION_BEFORE.exec(before.slice(-160));
      // "Has not recovered from … surgery": a negation that qualifies something else; too far to read safely.
      if (negation === null && FAR_NEGATION.test(before)) continue;
      rule = qualified(rule, concept.label.en, normalized, from, start + clauseEnd, hit, covered);
      if (negation && !/\bnot\s+(?:only|limited|required)\b/.test(negation[0])) rule = { type: 'not', rule, span: rule.span };
      found.push({ rule, span: rule.span! });
      covered.push(rule.span!);
      produced = true;
    }
    // The window, wash-out and exception words are read only where a rule took them.
    if (!produced) continue;
    if (windowMatch) covered.push([from + windowMatch.index, from + windowMatch.index + windowMatch[0].length]);
    if (sinceMatch) covered.push([from + sinceMatch.index, from + sinceMatch.index + sinceMatch[0].length]);
    if (exceptMatch) covered.push([from + exceptMatch.index, from + exceptMatch.index + exceptMatch[0].length]);
  }
  return found;
}

/**
 * "Women aged 18–45", "Male patients", "Postmenopausal women": a criterion that opens by naming one sex.
 * "Women of childbearing potential must …" and "men and women" say nothing about who may enter.
 */
const SEX_OPENING = /^\s*((?:healthy|adult|postmenopausal|post-menopausal|premenopausal|pre-menopausal|ambulatory)\s+)?(?:(females?|women|woman|girls)|(males?|men|man|boys))(?:\s+(?:only|patients?|subjects?|participants?|volunteers?))?(?=\s*(?:[,;.:]|aged\b|ages?\b|between\b|\d|[≥>]|$))/;
const CHINESE_SEX_OPENING = /^\s*()(?:(女性|女)|(男性|男))(?:患者|受试者)?(?=\s*(?:[,;.:]|年龄|\d|$))/;

function sexRules(normalized: string, start: number, end: number): Evidence[] {
  const local = normalized.slice(start, end);
  const match = SEX_OPENING.exec(local) ?? CHINESE_SEX_OPENING.exec(local);
  if (!match || /\b(?:or|and)\s+(?:fe)?males?\b|\bmen\s+(?:and|or)\s+women\b|\bwomen\s+(?:and|or)\s+men\b|both\s+sex/.test(local)) return [];
  // A qualifier before the sex ("postmenopausal") is left unparsed: it is a criterion of its own.
  const leading = match[0].length - match[0].trimStart().length + (match[1]?.length ?? 0);
  const span: Span = [start + leading, start + match[0].length];
  return [{ rule: { type: 'sex', sex: match[2] ? 'female' : 'male', span }, span }];
}

/**
 * Facts only a person can establish: consent, willingness, investigator judgement, plans, contraception,
 * hypersensitivity to the study drug, the ability to swallow, living near the site. Each has the question
 * for the fact as written and for its negation ("inability to comply", "unwilling to use contraception"),
 * so that the criterion's kind keeps its meaning.
 */
interface ConfirmPattern {
  pattern: RegExp;
  question: (written: string) => string;
  negated?: string;
  /** The same questions in Simplified Chinese (a quoted source phrase stays as written). */
  zh: { question: (written: string) => string; negated?: string };
}
const CONFIRM_PATTERNS: ConfirmPattern[] = [
  {
    pattern: /(?:(?:the\s+)?(?:ability|able|capable|willing(?:ness)?)\s+(?:and\s+(?:the\s+)?(?:ability|able|willing(?:ness)?)\s+)?to\s+)?(?:signed?|sign|provide|give|gave|obtain(?:ed)?|written|voluntar(?:y|ily)|understand)[^;.]{0,60}informed\s+consent(?:\s+(?:document|form|statement))?|informed\s+consent[^;.]{0,60}(?:signed|obtained|provided|form|document|given|prior|before)|capable\s+of\s+(?:giving|providing)[^;.]{0,30}consent|(?:ability|able|willing(?:ness)?)\s+to\s+(?:provide|give|sign)\s+(?:written\s+)?(?:informed\s+)?consent|consent\s+form|\binformed\s+consent\b|(?:签署|签订|签)?[^;.,]{0,6}知情同意(?:书)?/,
    question: () => 'The patient (or guardian) has given written informed consent.',
    negated: 'The patient (or guardian) cannot or will not give informed consent.',
    zh: { question: () => '患者（或其监护人）已签署书面知情同意书。', negated: '患者（或其监护人）不能或不愿签署知情同意书。' },
  },
  {
    pattern: /(?:(?:willing|willingness|able|ability|capable|agree(?:s|ment)?)\s+(?:and\s+(?:able|willing)\s+)?to\s+(?:comply|participate|follow|complete|adhere|attend|return|cooperate|undergo\s+(?:all\s+)?(?:study|protocol)|be\s+followed)|(?:comply|compliance)\s+with\s+(?:the\s+)?(?:study|protocol|trial|scheduled)|(?:likely|unlikely)\s+to\s+comply|non-?complian(?:ce|t)|poor\s+compliance|follow[-\s]up\s+(?:visits|procedures|schedule))(?:\s+(?:with|to|in)\s+(?:all\s+)?(?:the\s+)?(?:study|protocol|trial|scheduled)?(?:[-\s](?:related|specific|required))?\s*(?:procedures|requirements|visits|schedule|restrictions|treatment|protocol|study|trial|instructions|follow[-\s]up|assessments)?(?:\s+(?:and|,)\s+(?:other\s+)?(?:study\s+|protocol\s+)?(?:procedures|requirements|visits|schedule|restrictions|follow[-\s]up|assessments))*)?/,
    question: () => 'The patient is willing and able to comply with the study procedures.',
    negated: 'The patient is unable or unwilling to comply with the study procedures.',
    zh: { question: () => '患者愿意并能够遵守研究方案规定的各项程序。', negated: '患者不能或不愿遵守研究方案规定的各项程序。' },
  },
  {
    pattern: /investigators?(?:'s)?\s+(?:consider|judge|judgement|judgment|opinion|assessment|discretion)|in\s+the\s+(?:opinion|judgement|judgment)\s+of\s+the\s+(?:investigator|treating|principal|study)|investigators?\s+(?:deem|believe|think|feels?)|(?:judged|deemed|considered)\s+(?:by\s+the\s+investigator\s+)?(?:to\s+be\s+)?(?:un)?suitable|unsuitable\s+for\s+(?:participation|the\s+study|this\s+study|inclusion|enrol)|would\s+(?:interfere|compromise|jeopardi[sz]e)\s+with\s+(?:the\s+)?(?:study|participation|evaluation|interpretation|patient'?s?\s+safety)/,
    question: () => 'The investigator judges that this criterion holds for the patient.',
    zh: { question: () => '经研究者判断，患者符合本条标准所述情况。' },
  },
  {
    pattern: /(?:ha(?:ve|s|ving)\s+)?(?:a\s+)?(?:childbirth|pregnancy|birth|family)\s+plans?(?:\s+in\s+the\s+near\s+future)?|plan(?:s|ning)?\s+(?:to\s+)?(?:become\s+pregnant|get\s+pregnant|conceive|a\s+pregnancy|pregnancy|childbirth|have\s+(?:a\s+)?(?:child|baby)|father\s+a\s+child)|(?:intend|intending|wish|wishing|desire)\s+to\s+(?:become\s+pregnant|get\s+pregnant|conceive)|(?:becom(?:e|ing)|get(?:ting)?)\s+pregnant\s+during\s+the\s+(?:study|trial|course)/,
    question: () => 'The patient plans a pregnancy or childbirth during the study period.',
    zh: { question: () => '患者在研究期间有妊娠或生育计划。' },
  },
  {
    pattern: /(?:use|using|practi[cs]e|practi[cs]ing|agree(?:s|d)?\s+to\s+(?:use|practi[cs]e)|employ(?:ing)?|commit\s+to|remain\s+on)\s+(?:an?\s+|two\s+|one\s+)?(?:(?:highly\s+)?(?:effective|adequate|acceptable|reliable|medically\s+acceptable|approved|appropriate|barrier|double[-\s]barrier|hormonal)\s+)*(?:(?:forms?|methods?|means)\s+of\s+)?(?:contraception|contraceptives?|contraceptive\s+(?:methods?|measures?)|birth\s+control|abstinence)|(?:contraception|contraceptive\s+(?:methods?|measures?)|birth\s+control)\s+(?:during|throughout|for\s+the\s+duration)|(?:effective|adequate|acceptable|reliable|highly\s+effective)\s+(?:methods?\s+of\s+|forms?\s+of\s+)?(?:contraception|birth\s+control)|避孕/,
    question: () => 'The patient uses effective contraception as the protocol requires.',
    negated: 'The patient does not use the contraception the protocol requires.',
    zh: { question: () => '患者按研究方案要求采取有效避孕措施。', negated: '患者未按研究方案要求采取避孕措施。' },
  },
  {
    pattern: /(?:known\s+|documented\s+|history\s+of\s+)?(?:hypersensitivity|allerg(?:y|ies|ic\s+reactions?)|intolerance|contraindications?)\s+(?:to|with)\s+(?:any\s+(?:of\s+)?(?:the\s+)?)?(?:components?\s+of\s+)?(?:the\s+)?(?:study|investigational|trial)\s+(?:drugs?|medications?|products?|treatments?|agents?|therapy|interventions?)(?:\s+or\s+(?:its|their|any\s+of\s+(?:its|their))\s+(?:excipients|components|ingredients))?/,
    question: () => 'The patient has a known hypersensitivity or contraindication to the study treatment.',
    negated: 'The patient has no known hypersensitivity or contraindication to the study treatment.',
    zh: { question: () => '患者已知对研究治疗过敏或存在禁忌。', negated: '患者无已知的研究治疗过敏或禁忌。' },
  },
  {
    pattern: /(?:able|ability)\s+to\s+swallow(?:\s+(?:oral\s+)?(?:medications?|tablets?|capsules?|pills?))?|swallow(?:ing)?\s+(?:oral\s+)?(?:medications?|tablets?|capsules?|pills?)/,
    question: () => 'The patient is able to swallow oral medication.',
    negated: 'The patient is unable to swallow oral medication.',
    zh: { question: () => '患者能够吞服口服药物。', negated: '患者无法吞服口服药物。' },
  },
  {
    pattern: /(?:live|living|reside|residing|resident)\s+(?:with)?in\s+(?:a\s+)?(?:reasonable\s+)?(?:\d+\s*(?:km|miles?|hours?)|commuting\s+distance|driving\s+distance|travel(?:l)?ing\s+distance|the\s+(?:catchment|study)\s+area)|geographic(?:al(?:ly)?)?\s+(?:proximity|accessib|inaccessib)/,
    question: () => 'The patient lives close enough to attend the study site.',
    negated: 'The patient lives too far from the study site to attend.',
    zh: { question: () => '患者居住地距研究中心足够近，能够按时随访。', negated: '患者居住地距研究中心太远，无法按时随访。' },
  },
  { pattern: /according\s+to\s+(?:the\s+)?[^;.\n]{0,40}?criteria(?:\s+(?:in|of|from)\s+(?:19|20)\d\d)?/, question: (written) => `The diagnosis meets the criteria cited: "${written}".`, zh: { question: (written) => `诊断符合原文所引用的标准：“${written}”。` } },
];

/** Words that turn an ability or willingness into its absence ("inability to", "unwilling", "not able"). */
const UNABLE = /(?:\b(?:no|not|without)\b|\b(?:limit|interfere|impair|preclude|prevent|compromise|affect|jeopardi[sz]e)s?\b|\b(?:in|un)(?:ability|able|willing(?:ness)?|capable|reliab(?:le|ility))|\bnot\s+(?:be\s+)?(?:willing|able|capable)|\bno\s+(?:willingness|ability)|\b(?:lack\s+of|refus(?:e|es|al|ing)\s+(?:to)?|cannot|can\s*not|unlikely|non-?complian|poor\s+compliance|without\s+(?:the\s+)?(?:willingness|ability)|fail(?:s|ure)?\s+to|do(?:es)?\s+not\s+(?:agree|consent|use|practi[cs]e|wish))|拒绝|不能|不愿)[^;.]{0,40}$/;

/** "Within 30 days prior to signing informed consent": a point in time, not a fact to confirm. */
const TIME_ANCHOR_BEFORE = /(?:prior\s+to|before|after|since|from|until|of|at|following|preceding|time\s+of|date\s+of|day\s+of)\s+(?:the\s+)?(?:patient'?s?\s+)?$/;

function confirmRules(text: string, normalized: string, start: number, end: number, covered: Span[], kind: CriterionKind): Evidence[] {
  const local = normalized.slice(start, end);
  const found: Evidence[] = [];
  for (const { pattern, question, negated, zh } of CONFIRM_PATTERNS) {
    const match = pattern.exec(local);
    if (!match) continue;
    let span: Span = [start + match.index, start + match.index + match[0].length];
    if (covered.some((other) => overlaps(other, span))) continue;
    if (TIME_ANCHOR_BEFORE.test(local.slice(Math.max(0, match.index - 40), match.index))) continue;
    const lead = UNABLE.exec(local.slice(Math.max(0, match.index - 50), match.index + Math.min(match[0].length, 12)));
    const isNegated = lead !== null || /^(?:non-?complian|poor\s+compliance|unlikely)/.test(match[0]);
    // Having consented never excludes: in an exclusion criterion, consent is a point in time or a negation read wrongly.
    if (kind === 'exclusion' && pattern === CONFIRM_PATTERNS[0].pattern && !isNegated) continue;
    // An ability the criterion denies with a question that has no negative form stays for a reviewer.
    if (isNegated && !negated && pattern !== CONFIRM_PATTERNS[2].pattern) continue;
    if (lead) span = [Math.min(span[0], start + Math.max(0, match.index - 50) + lead.index), span[1]];
    const written = text.slice(span[0], span[1]).replace(/\s+/g, ' ');
    const asked = isNegated && negated ? negated : question(written);
    // A negated question without its own Chinese gets none: the positive one would say the opposite.
    const askedZh = isNegated && negated ? zh.negated : zh.question(written);
    found.push({ rule: askedZh ? { type: 'confirm', question: asked, zh: { question: askedZh }, span } : { type: 'confirm', question: asked, span }, span });
  }
  return found;
}

/** How a value is to be measured: shown with the rule, not computed ("by echocardiography", "by Cockcroft-Gault"). */
const MEASUREMENT_METHOD = /\b(?:(?:as\s+)?(?:measured|assessed|determined|calculated|estimated|documented)\s+)?(?:by|using|per|with|via|according\s+to)\s+(?:the\s+)?(?:(?:cardiac|transthoracic|2d)\s+)?(?:(?:echo(?:cardiogram)?|echocardiography)\s+or\s+muga(?:\s+scan)?|echocardiogra(?:phy|m)|echo\b|muga(?:\s+scan)?|multi-?gated\s+acquisition(?:\s+scan)?|cockcroft[-\s]and[-\s]gault|cockcroft[-\s]?gault|mdrd|ckd[-\s]epi|(?:12-lead\s+)?ecg|(?:12-lead\s+)?electrocardiogra(?:m|phy))(?:\s+(?:formula|equation|method|scan))?/g;

function measurementQualifiers(text: string, normalized: string, start: number, end: number, evidence: Evidence[]): Span[] {
  const local = normalized.slice(start, end);
  if (!/echo|muga|gault|mdrd|ckd|ecg|electrocardiogra|acquisition/.test(local)) return [];
  const spans: Span[] = [];
  for (const match of local.matchAll(MEASUREMENT_METHOD)) {
    const span: Span = [start + match.index, start + match.index + match[0].length];
    const measured = evidence.filter((item) => item.span[1] <= span[0] && span[0] - item.span[1] <= 30 && hasObservation(item.rule)).pop();
    if (!measured || /[;.]/.test(normalized.slice(measured.span[1], span[0]))) continue;
    setQualifier(measured.rule, text.slice(span[0], span[1]).replace(/\s+/g, ' '));
    spans.push(span);
  }
  return spans;
}

function hasObservation(rule: Rule): boolean {
  if (rule.type === 'observation') return true;
  if (rule.type === 'all' || rule.type === 'any') return rule.rules.some(hasObservation);
  return false;
}

function setQualifier(rule: Rule, qualifier: string): void {
  if (rule.type === 'observation') rule.qualifier = qualifier;
  if (rule.type === 'all' || rule.type === 'any') for (const child of rule.rules) setQualifier(child, qualifier);
}

function negationSpans(normalized: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  for (const match of normalized.slice(start, end).matchAll(/\b(?:no|not|without|free\s+of|absence\s+of|none\s+of|negative\s+for)\b/g)) {
    spans.push([start + match.index, start + match.index + match[0].length]);
  }
  return spans;
}

/**
 * How the rules of one criterion combine, from the words between them:
 * 1. "or", lists of diagnoses ("aplastic anemia, PNH, MDS"), "If any of the above is positive, …" and a
 *    parenthesised second limit ("(5 × ULN if …)") make alternatives: `any`.
 * 2. An elaboration ("heart failure (e.g. NYHA III–IV)", "SAA with severe infection") narrows what
 *    precedes it: `all`.
 * 3. What remains are separate items: all must hold in an inclusion criterion; in an exclusion criterion
 *    each is a reason to exclude on its own (`any`), flagged where they were joined by "and".
 */
function combine(evidence: Evidence[], normalized: string, kind: CriterionKind): Rule[] {
  const alternatives = groupRuns(evidence, (last, item) => alternativeJoin(last, item, normalized, kind));
  const refined = groupRuns(alternatives, (last, item) => (ELABORATION.test(normalized.slice(last.span[1], item.span[0])) ? { join: 'all' } : null));
  if (kind === 'inclusion' || refined.length < 2) return refined.map((item) => item.rule);
  const span: Span = [refined[0].span[0], refined[refined.length - 1].span[1]];
  const any: Rule = { type: 'any', rules: refined.map((item) => item.rule), span };
  const gaps = refined.slice(1).map((item, index) => normalized.slice(refined[index].span[1], item.span[0]));
  if (gaps.some((gap) => /\band\b/.test(gap))) any.ambiguity = 'separate items of an exclusion criterion (joined by "and" or listed) read as each excluding on its own';
  return [any];
}

type Join = { join: 'any' | 'all'; ambiguity?: string } | null;

/** Merges runs of consecutive evidence that `joinOf` joins into one `any`/`all` rule each. */
function groupRuns(evidence: Evidence[], joinOf: (last: Evidence, item: Evidence) => Join): Evidence[] {
  const merged: Evidence[] = [];
  let run: Evidence[] = [];
  let join: 'any' | 'all' = 'any';
  let ambiguity: string | undefined;
  const flush = () => {
    if (run.length === 1) merged.push(run[0]);
    else if (run.length > 1) {
      const span: Span = [run[0].span[0], run[run.length - 1].span[1]];
      const rule: Rule = { type: join, rules: run.map((item) => item.rule), span };
      if (ambiguity) rule.ambiguity = ambiguity;
      merged.push({ rule, span });
    }
    run = [];
    ambiguity = undefined;
  };
  for (const item of evidence) {
    const last = run[run.length - 1];
    const joined = last ? joinOf(last, item) : null;
    if (last && (!joined || (run.length > 1 && joined.join !== join))) flush();
    if (joined) {
      join = joined.join;
      ambiguity ??= joined.ambiguity;
    }
    run.push(item);
  }
  flush();
  return merged;
}

function alternativeJoin(last: Evidence, item: Evidence, normalized: string, kind: CriterionKind): Join {
  const gap = normalized.slice(last.span[1], item.span[0]);
  // "No stroke or myocardial infarction", "since prior radiotherapy or surgery": under one negation, "or" means neither.
  if (last.rule.type === 'not' && item.rule.type === 'not' && /^[\s,]*(?:or|nor|and\/or)?[\s,]*$/.test(gap)) return { join: 'all' };
  const joinedByOr = /^[\s,)(]*(?:or|\/|或)[\s,(]*$/.test(gap) && !/and\/or/.test(gap);
  const listed = isDiagnosis(last.rule) && isDiagnosis(item.rule) && /^[\s,;)(]*(?:(?:and|or|and\/or|including|such\s+as|e\.g\.|i\.e\.|as\s+well\s+as|和|或|及|与|包括)[\s,:(]*)*$/.test(gap);
  const conditionalLimit = /^\s*[(,;]\s*$/.test(gap) && sameSubject(last.rule, item.rule) && /^[^)]{0,12}\b(?:if|in|for|when|with)\b/.test(normalized.slice(item.span[1], item.span[1] + 40));
  if (conditionalLimit) return { join: 'any', ambiguity: 'a second limit that applies only in some patients (in parentheses, "if …"): read as either limit; a reviewer should add the condition' };
  if (ALTERNATIVE_AFTER.test(gap)) return { join: 'any', ambiguity: `"${gap.trim().replace(/\s+/g, ' ').slice(0, 80)}" read as: either what precedes holds, or what follows does` };
  if (listed && kind === 'inclusion' && /\band\b/.test(gap) && !/\bor\b/.test(gap)) return { join: 'any', ambiguity: 'a list of diagnoses read as alternatives (any one of them)' };
  return joinedByOr || listed ? { join: 'any' } : null;
}

/** "(e.g. …", "(", "with", "who have": what follows narrows what precedes. */
const ELABORATION = /^[\s,:)]*(?:\(\s*(?:e\.g\.?|i\.e\.?|eg|ie|such\s+as|defined\s+as|as\s+defined\s+by|including)?[\s,:]*(?:[a-z]+\s+){0,2}|(?:with|who\s+(?:has|have|had)|having|accompanied\s+by|complicated\s+by)\s+(?:an?\s+|the\s+)?|\s*(?:合并|伴有|伴)\s*)$/;

const ALTERNATIVE_AFTER = /如果|若|\bif\s+(?:any|either|one|both|the\s+(?:above|latter|former))\b[^;]*\b(?:positive|abnormal|elevated|present|not\s+met)\b|\botherwise\b/;

/** Two comparison rules on the same analytes (or both on age). */
function sameSubject(a: Rule, b: Rule): boolean {
  const subjects = (rule: Rule): string => {
    if (rule.type === 'observation') return rule.analyte;
    if (rule.type === 'age') return 'age';
    if (rule.type === 'all' || rule.type === 'any') return rule.rules.map(subjects).join(',');
    return '';
  };
  const left = subjects(a);
  return left !== '' && left === subjects(b);
}

function isDiagnosis(rule: Rule): boolean {
  return rule.type === 'condition' || (rule.type === 'any' && rule.rules.every(isDiagnosis));
}

/** Words that carry no criterion of their own: who the criterion is about, auxiliaries, generic nouns. */
const FILLER_WORDS = new Set(
  ('a an the of in on at to for by as and or nor with must should shall will would can could may might be been being is are was were ' +
    'have has had having do does did patient patients subject subjects participant participants individual individuals person persons people volunteer volunteers ' +
    'men women male males female females adult adults child children who which that whose their his her its this these those ' +
    'either both all any each following than then also only defined per level levels value values count counts concentration concentrations result results ' +
    'serum plasma blood test tests testing tested laboratory lab labs measured measurement measurements documented known history evidence diagnosis diagnosed ' +
    'criteria criterion inclusion exclusion eligible eligibility study trial screening baseline time enrollment entry function adequate normal range limit limits ' +
    'upper lower institutional total absolute year years old age aged ages inclusive e.g eg i.e ie etc from between greater less more than equal ' +
    'if present current currently active clinically significant confirmed proven has have include including includes such like ' +
    'within past last prior previous months month weeks week days day following: them they he she it so ' +
    'no not without none free absence negative positive result status score class grade scale performance ' +
    'were was signed provide consent informed written voluntarily participate willing able agree agreed ' +
    // Words around a therapy or a time window that add nothing once the rule holds the drug class and the window.
    'receiving received receive treated treatment treatments therapy therapies taking use using used administration administered exposure previously recent ' +
    'ongoing concurrent concomitant presence randomization randomisation randomized dose dosing first start registration enrollment enrolment visit day ' +
    'drug drugs medication medications agent agents product products study-related completed completion').split(/\s+/),
);

/** Chinese words that carry no criterion of their own (Chinese has no spaces, so they are removed as substrings). */
const CHINESE_FILLER = /合并|伴有|患者|受试者|病人|妇女|女性|男性|年龄|的|且|和|或|须|需|应|者|在|为|是|有|以内|之间|范围|符合|要求|必须|能够|分/g;

function leftovers(text: string, normalized: string, start: number, end: number, covered: Span[]): UnparsedPart[] {
  const sorted = covered.filter((span) => span[1] > start && span[0] < end).sort((a, b) => a[0] - b[0]);
  const parts: UnparsedPart[] = [];
  let cursor = start;
  const visit = (from: number, to: number) => {
    if (to <= from) return;
    const slice = normalized.slice(from, to);
    const words = slice.replace(CHINESE_FILLER, ' ').match(/[\p{L}][\p{L}\p{N}'-]*/gu) ?? [];
    if (words.every((word) => FILLER_WORDS.has(word.replace(/[-']+$/, '')) || word.length === 1)) return;
    const leading = slice.length - slice.trimStart().length;
    const trailing = slice.length - slice.trimEnd().length;
    const spanStart = from + leading;
    const spanEnd = to - trailing;
    if (spanEnd > spanStart) parts.push({ text: text.slice(spanStart, spanEnd), span: [spanStart, spanEnd] });
  };
  for (const span of sorted) {
    if (span[0] > cursor) visit(cursor, Math.min(span[0], end));
    cursor = Math.max(cursor, span[1]);
  }
  visit(cursor, end);
  return parts;
}

function statusOf(rules: Rule[], unparsed: UnparsedPart[]): ParseStatus {
  const computableRules = rules.filter((rule) => !onlyConfirm(rule));
  // Wholly a question for a person ("signed informed consent"): settled, but not by data; coverage counts it apart.
  if (computableRules.length === 0) return rules.length > 0 && unparsed.length === 0 ? 'computable' : 'needs_review';
  if (unparsed.length > 0 || rules.some(hasUnmapped)) return 'partial';
  return 'computable';
}

/** A rule only a person can settle: a confirmation, or a combination of confirmations. */
export function onlyConfirm(rule: Rule): boolean {
  if (rule.type === 'confirm') return true;
  if (rule.type === 'all' || rule.type === 'any') return rule.rules.every(onlyConfirm);
  if (rule.type === 'not') return onlyConfirm(rule.rule);
  return false;
}

/** An observation the evaluator cannot check yet: not mapped to an analyte, or without a unit. */
function hasUnmapped(rule: Rule): boolean {
  return someRule(rule, (node) => node.type === 'observation' && (node.analyte === UNMAPPED_ANALYTE || node.comparison.unit === UNIT_NOT_WRITTEN));
}

function overlaps(a: Span, b: Span): boolean {
  return a[0] < b[1] && b[0] < a[1];
}
