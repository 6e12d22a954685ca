// The scanner: finds numeric comparisons in normalised criteria text ("≤ 1.5 × ULN", "at least
// 100,000/mm3", "18-65 years", "5% or more", "between 18 and 75") with the span of each. It knows
// numbers, units, operators and limits of normal; what a comparison applies to is decided later.
import type { ComparisonOp, Span } from '../rules.ts';
import { POWER_UNIT, UNIT_FORMS, parseExponent, powerUnitCode, type UnitForm } from './units.ts';

export interface Quantity {
  value: number;
  /** UCUM code, "xULN"/"xLLN", or null when the number stands alone. */
  unit: string | null;
  dimension: 'time' | 'count' | 'limit' | 'grade' | null;
  /** Where the number starts and where the quantity (number and unit) ends. */
  start: number;
  end: number;
  /** End of the number alone. */
  numberEnd: number;
  /** The second number of a blood-pressure pair ("140/90 mmHg" → 90). */
  over?: number;
  /** Written as a word ("two", "three times"). */
  word?: boolean;
}

export interface FoundComparison {
  op: ComparisonOp;
  value: number;
  high?: number;
  unit: string | null;
  dimension: Quantity['dimension'];
  span: Span;
  /** Diastolic part of a blood-pressure pair ("< 140/90 mmHg"). */
  over?: number;
  /** The (first) number was written as a word. */
  word?: boolean;
  /** The operator was written "=" where a limit is meant (an encoding loss of "≤"/"≥" in some mirrors). */
  ambiguity?: string;
}

const WORD_NUMBERS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
  half: 0.5, once: 1, twice: 2,
};

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const NUMBER = new RegExp(
  String.raw`(?<![\w.,/])(?:(\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?)|(\d+(?:\.\d+)?|\.\d+)|(${Object.keys(WORD_NUMBERS).join('|')})\b)`,
  'g',
);
/** "× 10^3" (multiplied out when no per-volume unit follows): only with an explicit power sign. */
const TIMES_POWER = new RegExp(String.raw`\s*[x×*]\s*10\s*(?:\^|\*\*|\*|e|\(|\s)\s*\(?\s*(-?\d{1,2})\)?|\s*[x×*]\s*10([${SUPERSCRIPTS}]{1,2})`, 'y');
const POWER_UNIT_AFTER = new RegExp(String.raw`\s*${POWER_UNIT}`, 'y');
/** "140/90 mmHg", "150/100": systolic over diastolic. */
const PRESSURE_PAIR = /\s*\/\s*(\d{2,3})(?![\d.,])(?:\s*mm\s*\[?hg\]?|\s*millimet(?:er|re)s?\s+of\s+mercury)?/y;
const DECIMAL_COMMA = /,(\d{1,2})(?!\d)/y;
const UNIT_AFTER = new RegExp(String.raw`(?:\s*|-)(?:${UNIT_FORMS.map((form) => `(${form.pattern})`).join('|')})`, 'y');

/** Multiples of the limits of normal: "× ULN", "times the upper limit of normal", "-fold the institutional ULN". */
const LIMIT_OF_NORMAL = new RegExp(
  String.raw`\s*(?:x|×|\*|times|fold|-fold|x\s*the|times\s+the|×\s*the|倍)?\s*(?:the\s+)?(?:\(?(?:institutional|institution's|local|site|laboratory|lab|reference|normal)\)?\s+)?` +
    String.raw`(?:(uln|unl|(?<=倍\s*)(?:正常值?|参考值)?(?:上限|高限)|iuln|upper\s+(?:limit|level|range)s?\s+(?:of\s+)?(?:the\s+)?(?:institutional\s+|reference\s+|normal\s+)?(?:normal|reference)?(?:\s+(?:range|limit|value|values))?|upper\s+normal\s+limits?|normal\s+upper\s+limits?|upper\s+limit\s+normal|institutional\s+upper\s+limits?\s+of\s+normal|upper\s+limits?|(?<=(?:times|x|×)\s*(?:the\s+)?)normal(?!\s+(?:range|limits?|lower)))` +
    String.raw`|(lln|(?<=倍\s*)(?:正常值?|参考值)?下限|lower\s+limits?\s+of\s+(?:the\s+)?(?:institutional\s+)?normal(?:\s+range)?|lower\s+normal\s+limits?|normal\s+lower\s+limits?))` +
    String.raw`(?:\s*\((?:uln|lln|iuln)\))?`,
  'y',
);

/** Operators written before the number, longest first; `op` is what the words mean. */
const PREFIX_OPERATORS: Array<[string, ComparisonOp]> = [
  [String.raw`(?:greater|more|higher|larger)\s+than\s+or\s+equal(?:\s+to)?`, '>='],
  [String.raw`(?:less|lower|smaller|fewer)\s+than\s+or\s+equal(?:\s+to)?`, '<='],
  [String.raw`equal\s+(?:to\s+)?or\s+(?:greater|more|higher|larger|above|over|better)(?:\s+than)?`, '>='],
  [String.raw`equal\s+(?:to\s+)?or\s+(?:less|lower|smaller|fewer|below|under)(?:\s+than)?`, '<='],
  [String.raw`(?:greater|more|higher)\s+or\s+equal(?:\s+to)?`, '>='],
  [String.raw`(?:less|lower)\s+or\s+equal(?:\s+to)?`, '<='],
  [String.raw`(?:no|not)\s+(?:more|greater|higher|larger|older)\s+than`, '<='],
  [String.raw`(?:no|not)\s+(?:less|lower|fewer|smaller|younger)\s+than`, '>='],
  [String.raw`(?:does\s+not|do\s+not|must\s+not|not\s+to|not|never)\s+exceed(?:ing)?`, '<='],
  [String.raw`(?:not|no)\s+(?:below|under)`, '>='],
  [String.raw`(?:not|no)\s+(?:above|over)`, '<='],
  [String.raw`(?:less|lower)\s+than\s+(?:the\s+)?(?:lower\s+)?(?:limit\s+of\s+)?detection(?:\s+limit)?\s+or|undetectable\s+or|below\s+(?:the\s+)?(?:limit\s+of\s+)?detection(?:\s+limit)?\s+or`, '<'],
  [String.raw`(?:greater|more|higher|larger|older|bigger|longer)\s+than`, '>'],
  [String.raw`(?:less|lower|fewer|smaller|younger|shorter)\s+than`, '<'],
  [String.raw`大于等于|大于或等于|不低于|不少于|不小于|至少`, '>='],
  [String.raw`小于等于|小于或等于|不超过|不高于|不大于|最多`, '<='],
  [String.raw`大于|高于|超过|多于`, '>'],
  [String.raw`小于|低于|少于|不足`, '<'],
  [String.raw`minimum\s+age\s*:?`, '>='],
  [String.raw`maximum\s+age\s*:?`, '<='],
  [String.raw`at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.?|as\s+low\s+as`, '>='],
  [String.raw`at\s+most|a\s+maximum\s+of|maximum\s+of|maximum|max\.?|up\s+to(?:\s+and\s+including)?|as\s+high\s+as`, '<='],
  [String.raw`in\s+excess\s+of|exceed(?:s|ing)?|above|over|beyond`, '>'],
  [String.raw`below|under|beneath`, '<'],
  [String.raw`>\s*or\s+equal(?:\s+to)?|>\s*/\s*=|>\s*or\s*=|>\s*=|=\s*>|≥\s*=?|>\s*_|≥/=`, '>='],
  [String.raw`<\s*or\s+equal(?:\s+to)?|<\s*/\s*=|<\s*or\s*=|<\s*=|=\s*<|≤\s*=?|<\s*_|≤/=`, '<='],
  [String.raw`>|›|≻`, '>'],
  [String.raw`<|‹|≺`, '<'],
  [String.raw`=|equal\s+to|equals`, '='],
];

/** Operators written after the quantity ("5% or more", "18 years or older", "65 and under"). */
const SUFFIX_OPERATORS: Array<[string, ComparisonOp]> = [
  [String.raw`(?:or|and)\s+(?:more|greater|higher|above|older|over|longer|larger|bigger|upward|upwards)|\+(?![\d\w])|or\s+greater\s+than|and\s+up\b|or\s+more\s+than`, '>='],
  [String.raw`(?:or|and)\s+(?:less|lower|below|younger|under|fewer|smaller|shorter)`, '<='],
  // Chinese "以上"/"以下" include the number itself (legal and clinical usage: 18岁以上 = 18 or older).
  [String.raw`及?以上`, '>='],
  [String.raw`及?以下`, '<='],
];

const FILLER_BEFORE_NUMBER = String.raw`(?:\s*(?:the\s+age\s+of|age\s+of|age|aged|a\s+(?:value|level|count|score)\s+of|a|an|of|by|to|approximately|about)\s)?\s*`;
/** Word operators must start at a word boundary ("cover" is not "over"); symbols may follow a word ("level< 10"). */
const bounded = (source: string) => (/^[<>=≥≤›‹≻≺]/.test(source) ? `(${source})` : `(?<![\w])(${source})`);
const PREFIX = new RegExp(String.raw`(?:${PREFIX_OPERATORS.map(([source]) => bounded(source)).join('|')})\s*${FILLER_BEFORE_NUMBER}$`);
const SUFFIX = new RegExp(
  String.raw`(?:\s*\(?(?:years|yrs|year)?\s*(?:of\s+age|old|in\s+age)\)?)?\s*,?\s*(?:${SUFFIX_OPERATORS.map(([source]) => `(${source})`).join('|')})(?![a-z0-9_])`,
  'y',
);
const RANGE_JOIN = /\s*(?:-|~|to|through|and|until|–|至|到)\s*(?:<\s*)?/y;
const RANGE_OPENERS = /(?<![\w])(?:between|from|range\s+(?:of|from)|ranging\s+from|within\s+the\s+range\s+of|aged|ages|age)\s+(?:the\s+ages?\s+of\s+)?$|(?:年龄|年龄在|介于|在)\s*$/;
/** Numbers after these words name a category, not a quantity ("grade 3-4", "stage II", "type 2"). */
const CATEGORY_WORDS = /(?:grade|grades|stage|stages|phase|type|types|cycle|cycles|day|days|visit|line|lines|step|level|week|weeks|month|months|tier|version|part|cohort|arm|dose|doses|step|ctcae|cd|chapter|class|classes|criteria|score|scores)\s*$/;
/** A bare number is a count of something, not a measurement, when a noun follows it ("at least 1 prior regimen"). */
const COUNT_NOUN_AFTER = /\s*(?:prior|previous|lines?|regimens?|cycles?|courses?|doses?|episodes?|times\b(?!\s*(?:the\s+)?(?:uln|upper|lower|lln|institutional|normal|iuln))|occasions?|separate|consecutive|different|measurements?|tests?|samples?|visits?|children|pregnanc|attacks?|seizures?|relapses?|lesions?|sites?|months?\s+(?:after|before|prior|since|from)|weeks?\s+(?:after|before|prior|since|from)|days?\s+(?:after|before|prior|since|from)|of\s+the\s+following|of\s+these)/y;

const PREFIX_OP_BY_GROUP = PREFIX_OPERATORS.map(([, op]) => op);
const SUFFIX_OP_BY_GROUP = SUFFIX_OPERATORS.map(([, op]) => op);

/** Roman numerals count only as the grade of a class ("ASA I-III", "NYHA class > II", "GMFCS levels I–III"). */
const ROMAN_NUMERAL = /(?<=(?:asa|class|classes|grade|grades|level|levels|nyha|gmfcs|physical\s+status|functional\s+class)\s*(?:[<>≤≥=]\s*|of\s+|(?:iv|iii|ii|i|v|ⅰ|ⅱ|ⅲ|ⅳ|ⅴ)\s*(?:-|to|or|and|~)\s*)?)(?<![\w])(iv|iii|ii|i|v|ⅰ|ⅱ|ⅲ|ⅳ|ⅴ)(?![\w])/g;
const ROMAN_VALUES: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, 'ⅰ': 1, 'ⅱ': 2, 'ⅲ': 3, 'ⅳ': 4, 'ⅴ': 5 };

/** Finds every number in `text` with the unit that follows it. */
export function scanQuantities(text: string): Quantity[] {
  const quantities: Quantity[] = [];
  if (/asa|class|grade|level|nyha|gmfcs|status/.test(text)) {
    for (const match of text.matchAll(ROMAN_NUMERAL)) {
      const end = match.index + match[0].length;
      quantities.push({ value: ROMAN_VALUES[match[1]], unit: null, dimension: 'grade', start: match.index, end, numberEnd: end });
    }
  }
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index;
    let numberEnd = start + match[0].length;
    let value: number;
    if (match[1] !== undefined) value = Number(match[1].replace(/,/g, ''));
    else if (match[2] !== undefined) {
      value = Number(match[2]);
      DECIMAL_COMMA.lastIndex = numberEnd;
      const decimal = DECIMAL_COMMA.exec(text);
      if (decimal && !match[2].includes('.') && unitAt(text, numberEnd + decimal[0].length)) {
        value = Number(`${match[2]}.${decimal[1]}`);
        numberEnd += decimal[0].length;
      }
    } else value = WORD_NUMBERS[match[3]];
    if (!Number.isFinite(value)) continue;
    const quantity = withUnit(text, start, numberEnd, value, match[3] !== undefined);
    if (match[3] !== undefined) quantity.word = true;
    quantities.push(quantity);
  }
  return quantities.sort((a, b) => a.start - b.start);
}

function withUnit(text: string, start: number, numberEnd: number, value: number, isWord: boolean): Quantity {
  if (!isWord) {
    POWER_UNIT_AFTER.lastIndex = numberEnd;
    const power = POWER_UNIT_AFTER.exec(text);
    if (power) {
      return { value, unit: powerUnitCode(parseExponent(power[1]), power[2]), dimension: 'count', start, end: numberEnd + power[0].length, numberEnd };
    }
    TIMES_POWER.lastIndex = numberEnd;
    const times = TIMES_POWER.exec(text);
    if (times) {
      const exponent = parseExponent(times[1] ?? times[2]);
      if (exponent >= -12 && exponent <= 15) {
        const multiplied = Number((value * 10 ** exponent).toPrecision(12));
        const after = numberEnd + times[0].length;
        const unit = unitAt(text, after);
        return { value: multiplied, unit: unit?.form.ucum ?? null, dimension: unit?.form.dimension ?? null, start, end: unit ? unit.end : after, numberEnd: after };
      }
    }
  }
  PRESSURE_PAIR.lastIndex = numberEnd;
  const pair = isWord ? null : PRESSURE_PAIR.exec(text);
  if (pair && value >= 60 && value <= 300) {
    return { value, over: Number(pair[1]), unit: 'mm[Hg]', dimension: null, start, end: numberEnd + pair[0].length, numberEnd };
  }
  LIMIT_OF_NORMAL.lastIndex = numberEnd;
  const limit = LIMIT_OF_NORMAL.exec(text);
  if (limit) return { value, unit: limit[1] !== undefined ? 'xULN' : 'xLLN', dimension: 'limit', start, end: numberEnd + limit[0].length, numberEnd };
  const unit = unitAt(text, numberEnd);
  if (unit) return { value, unit: unit.form.ucum, dimension: unit.form.dimension ?? null, start, end: unit.end, numberEnd };
  return { value, unit: null, dimension: null, start, end: numberEnd, numberEnd };
}

function unitAt(text: string, at: number): { form: UnitForm; end: number } | null {
  UNIT_AFTER.lastIndex = at;
  const match = UNIT_AFTER.exec(text);
  if (!match) return null;
  for (let group = 1; group < match.length; group++) {
    if (match[group] !== undefined) return { form: UNIT_FORMS[group - 1], end: at + match[0].length };
  }
  return null;
}

/** How far back an operator may sit before its number (longest operator phrase plus fillers). */
const PREFIX_WINDOW = 60;

/**
 * Comparisons in the text: prefix operators ("≥ 100"), suffix operators ("5% or more"), ranges
 * ("18-65 years", "between 18 and 65"), and limits of normal alone ("≤ ULN", "above the upper limit of normal").
 */
export function scanComparisons(text: string, quantities: Quantity[] = scanQuantities(text)): FoundComparison[] {
  const found: FoundComparison[] = [];
  const used = new Set<number>();
  for (let i = 0; i < quantities.length; i++) {
    if (used.has(i)) continue;
    const quantity = quantities[i];
    const before = text.slice(Math.max(0, quantity.start - PREFIX_WINDOW), quantity.start);
    const prefix = PREFIX.exec(before);
    const prefixStart = prefix ? quantity.start - prefix[0].length : quantity.start;
    const prefixOp = prefix ? opOfGroups(prefix, PREFIX_OP_BY_GROUP) : null;

    const range = rangeFrom(text, quantities, i, before, prefixOp);
    if (range) {
      found.push(range.comparison);
      used.add(range.secondIndex);
      continue;
    }

    SUFFIX.lastIndex = quantity.end;
    const suffix = SUFFIX.exec(text);
    if (suffix) {
      const op = opOfGroups(suffix, SUFFIX_OP_BY_GROUP);
      if (op && !(prefixOp && prefixOp !== '=' && prefixOp !== op)) {
        found.push(comparison(op, quantity, prefixOp ? prefixStart + leadingSpace(prefix![0]) : quantity.start, quantity.end + suffix[0].length));
        continue;
      }
    }
    if (prefixOp && prefix) {
      if (prefixOp === '=' && !/^\s*(?:=|equal|equals)/.test(prefix[0])) continue;
      if (prefixOp === '=' && quantity.unit === null && !/=/.test(prefix[0])) continue;
      if (isCount(text, quantity)) continue;
      const written = comparison(prefixOp, quantity, prefixStart + leadingSpace(prefix[0]), quantity.end);
      if (prefixOp === '=' && quantity.dimension === 'limit') {
        written.op = quantity.unit === 'xLLN' ? '>=' : '<=';
        written.ambiguity = `written "=" before a multiple of the ${quantity.unit === 'xLLN' ? 'lower' : 'upper'} limit of normal; read as "${written.op}" (some registry mirrors render "≤"/"≥" as "=")`;
      } else if (prefixOp === '=') {
        written.ambiguity = 'written "="; some registry mirrors render "≤"/"≥" as "=", so check the source';
      }
      found.push(written);
    }
  }
  found.push(...alternativeLimits(text, quantities, used, found));
  found.push(...limitsWithoutNumber(text, found));
  found.sort((a, b) => a.span[0] - b.span[0]);
  return found;
}

function rangeFrom(text: string, quantities: Quantity[], i: number, before: string, prefixOp: ComparisonOp | null): { comparison: FoundComparison; secondIndex: number } | null {
  const first = quantities[i];
  const second = quantities[i + 1];
  if (!second) return null;
  RANGE_JOIN.lastIndex = first.end;
  const join = RANGE_JOIN.exec(text);
  if (!join || first.end + join[0].length !== second.start) return null;
  const joiner = join[0].trim().replace(/<\s*$/, '').trim();
  const opener = RANGE_OPENERS.exec(before.replace(/\s+$/, ' '));
  if (joiner === 'and' && !opener) return null;
  if (prefixOp && prefixOp !== '=' && !opener) return null;
  // Both ends must be in the same unit family: "18 years - 65 years", "18-65 years", "10 mg to 20 mg".
  if (first.unit && second.unit && first.unit !== second.unit) return null;
  if (first.unit && !second.unit && first.dimension !== 'time') return null;
  if (second.value < first.value) return null;
  const unit = second.unit ?? first.unit;
  if (!opener && unit === null && first.dimension !== 'grade' && CATEGORY_WORDS.test(before)) return null;
  if (!opener && (joiner === '-' || joiner === '–') && /[\d.]-$/.test(text.slice(first.start, first.end + 1)) && /\d[-/]\d+[-/]\d/.test(text.slice(first.start, second.end + 3))) return null;
  let start = first.start;
  if (opener) start = first.start - (before.length - before.trimEnd().length) - opener[0].trimEnd().length;
  const end = second.end;
  const dimension = second.dimension ?? first.dimension;
  const range: FoundComparison = { op: 'between', value: first.value, high: second.value, unit, dimension, span: [start, end] };
  if (first.word) range.word = true;
  return {
    comparison: range,
    secondIndex: i + 1,
  };
}

/** "≤ 2.5 × ULN (5 × ULN if liver metastases)": a second limit without an operator takes the first one's. */
function alternativeLimits(text: string, quantities: Quantity[], used: Set<number>, found: FoundComparison[]): FoundComparison[] {
  const added: FoundComparison[] = [];
  for (let i = 0; i < quantities.length; i++) {
    const quantity = quantities[i];
    if (quantity.dimension !== 'limit' || used.has(i)) continue;
    if (found.some((other) => other.span[0] <= quantity.start && quantity.end <= other.span[1])) continue;
    const previous = found.filter((other) => other.span[1] <= quantity.start && other.dimension === 'limit').pop();
    if (!previous || !/^\s*(?:\(|,|;|or)\s*(?:or\s+)?$/.test(text.slice(previous.span[1], quantity.start))) continue;
    added.push({ op: previous.op, value: quantity.value, unit: quantity.unit, dimension: 'limit', span: [quantity.start, quantity.end], ambiguity: `no operator written: "${previous.op}" carried over from the limit before it` });
  }
  return added;
}

/** "≤ ULN", "above the upper limit of normal", "< LLN": a comparison with the limit itself (1 × ULN). */
const LIMIT_ALONE = new RegExp(
  String.raw`(?:${PREFIX_OPERATORS.slice(0, -1).map(([source]) => bounded(source)).join('|')})\s*(?:the\s+)?(?:\(?(?:institutional|local|site|laboratory|normal)\)?\s+)?(?:(uln|iuln|upper\s+limits?\s+of\s+(?:the\s+)?(?:institutional\s+)?normal(?:\s+range)?|upper\s+normal\s+limits?|normal\s+upper\s+limits?)|(lln|lower\s+limits?\s+of\s+(?:the\s+)?(?:institutional\s+)?normal(?:\s+range)?|lower\s+normal\s+limits?))`,
  'g',
);

function limitsWithoutNumber(text: string, already: FoundComparison[]): FoundComparison[] {
  if (!/uln|lln|limit|normal/.test(text)) return [];
  const found: FoundComparison[] = [];
  for (const match of text.matchAll(LIMIT_ALONE)) {
    const span: Span = [match.index, match.index + match[0].length];
    if (already.some((other) => other.span[0] < span[1] && span[0] < other.span[1])) continue;
    const op = opOfGroups(match, PREFIX_OP_BY_GROUP.slice(0, -1));
    if (!op) continue;
    const lower = match[match.length - 1] !== undefined;
    // "6x above the upper limit of normal": the multiple is written before the operator.
    const multiple = /(\d+(?:\.\d+)?)\s*(?:x|×|times|-?fold)\s*$/.exec(text.slice(Math.max(0, match.index - 20), match.index));
    if (multiple) span[0] = match.index - multiple[0].length;
    found.push({ op, value: multiple ? Number(multiple[1]) : 1, unit: lower ? 'xLLN' : 'xULN', dimension: 'limit', span });
  }
  return found;
}

function comparison(op: ComparisonOp, quantity: Quantity, start: number, end: number): FoundComparison {
  const found: FoundComparison = { op, value: quantity.value, unit: quantity.unit, dimension: quantity.dimension, span: [start, end] };
  if (quantity.over !== undefined) found.over = quantity.over;
  if (quantity.word) found.word = true;
  return found;
}

function opOfGroups(match: RegExpExecArray | RegExpMatchArray, ops: ComparisonOp[]): ComparisonOp | null {
  for (let group = 0; group < ops.length; group++) if (match[group + 1] !== undefined) return ops[group];
  return null;
}

function leadingSpace(written: string): number {
  return written.length - written.trimStart().length;
}

function isCount(text: string, quantity: Quantity): boolean {
  if (quantity.unit !== null) return false;
  COUNT_NOUN_AFTER.lastIndex = quantity.end;
  return COUNT_NOUN_AFTER.test(text);
}
