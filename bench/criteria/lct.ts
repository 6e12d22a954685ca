// Scoring the parser's numeric comparisons against the LCT corpus (brat standoff annotations).
//
// Gold: every `Eq-Comparison` event linked through `Numeric-Filter` from an `Observation` or `Age` event,
// once per comparison, with its operator (the linked `Operator`, else an `Eq-Operator` inside the
// comparison's span) and its numeric `Value`/`Value2` (digits, word numbers or Roman numerals).
// Comparisons without an operator or without a numeric value cannot be scored; predictions that overlap
// them are neither counted right nor wrong.
//
// A gold comparison is found when a predicted comparison's span overlaps it with the same operator class
// (upper bound < ≤, lower bound > ≥, between, equal) and the same value(s).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type OperatorClass = 'upper' | 'lower' | 'between' | 'equal';

export interface GoldComparison {
  doc: string;
  category: 'observation' | 'age';
  subject: string;
  span: [number, number];
  text: string;
  operator: string;
  operatorClass: OperatorClass;
  values: number[];
}

export interface LctDocument {
  id: string;
  text: string;
  gold: GoldComparison[];
  /** Annotated comparisons on observations/ages that lack an operator or a numeric value. */
  unscorable: Array<[number, number]>;
}

export interface PredictedComparison {
  op: string;
  value: number;
  high?: number;
  span: [number, number];
  /** What the comparison applies to, for reading the error listing. */
  subject?: string;
}

const CLASS_OF_OPERATOR: Record<string, OperatorClass> = {
  GT: 'lower', GTEQ: 'lower', LT: 'upper', LTEQ: 'upper', BETWEEN: 'between', EQ: 'equal',
};

const CLASS_OF_OP: Record<string, OperatorClass> = {
  '<': 'upper', '<=': 'upper', '>': 'lower', '>=': 'lower', between: 'between', '=': 'equal',
};

const WORD_VALUES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, hundred: 100,
};
const ROMAN_VALUES: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, 'ⅰ': 1, 'ⅱ': 2, 'ⅲ': 3, 'ⅳ': 4, 'ⅴ': 5 };

/** The number an annotated value stands for ("50,000" → 50000, "7,0" → 7, "three" → 3, "III" → 3). */
export function goldValue(written: string): number | null {
  const text = written.trim().toLowerCase().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+,\d{1,2}$/.test(text)) return Number(text.replace(',', '.'));
  const power = /^(\d+(?:\.\d+)?)\s*[x×*]\s*10\s*[\^*]?\s*\(?(-?\d+)\)?$/.exec(text);
  if (power) return Number(power[1]) * 10 ** Number(power[2]);
  if (/^[\d.]+$/.test(text) && Number.isFinite(Number(text))) return Number(text);
  if (text in WORD_VALUES) return WORD_VALUES[text];
  if (text in ROMAN_VALUES) return ROMAN_VALUES[text];
  return null;
}

interface TextBound { id: string; type: string; start: number; end: number; text: string }
interface BratEvent { type: string; trigger: string; args: Array<[string, string]> }

export function readLctDocument(directory: string, id: string): LctDocument {
  const text = readFileSync(join(directory, `${id}.txt`), 'utf8');
  const annotation = readFileSync(join(directory, `${id}.ann`), 'utf8');
  const textBounds = new Map<string, TextBound>();
  const events = new Map<string, BratEvent>();
  const attributes = new Map<string, string>();
  for (const line of annotation.split('\n')) {
    const fields = line.split('\t');
    if (line.startsWith('T') && fields.length >= 3) {
      const [type, ...offsets] = fields[1].split(' ');
      const fragments = offsets.join(' ').split(';').map((fragment) => fragment.split(' ').map(Number));
      textBounds.set(fields[0], { id: fields[0], type, start: fragments[0][0], end: fragments[fragments.length - 1][1], text: fields[2] });
    } else if (line.startsWith('E') && fields.length >= 2) {
      const parts = fields[1].trim().split(/\s+/).map((part) => part.split(':') as [string, string]);
      events.set(fields[0], { type: parts[0][0], trigger: parts[0][1], args: parts.slice(1) });
    } else if (line.startsWith('A') && fields.length >= 2) {
      const [, target, value] = fields[1].split(' ');
      attributes.set(target, value);
    }
  }

  const gold: GoldComparison[] = [];
  const unscorable: Array<[number, number]> = [];
  const seen = new Set<string>();
  for (const event of events.values()) {
    if (event.type !== 'Observation' && event.type !== 'Age') continue;
    for (const [role, target] of event.args) {
      if (!role.startsWith('Numeric-Filter') || seen.has(target)) continue;
      seen.add(target);
      const filter = events.get(target);
      const trigger = filter && textBounds.get(filter.trigger);
      if (!filter || !trigger) continue;
      const linked = (name: string) => filter.args.filter(([argRole]) => argRole === name).map(([, id]) => textBounds.get(id)).filter((bound): bound is TextBound => bound !== undefined);
      const operatorBound =
        linked('Operator')[0] ??
        [...textBounds.values()].find((bound) => bound.type === 'Eq-Operator' && bound.start >= trigger.start && bound.end <= trigger.end);
      const operator = operatorBound ? attributes.get(operatorBound.id) : undefined;
      const values = [...linked('Value'), ...linked('Value2')]
        .sort((a, b) => a.start - b.start)
        .map((bound) => goldValue(bound.text))
        .filter((value): value is number => value !== null);
      const span: [number, number] = [trigger.start, trigger.end];
      if (!operator || !(operator in CLASS_OF_OPERATOR) || values.length === 0) {
        unscorable.push(span);
        continue;
      }
      const subject = textBounds.get(event.trigger);
      gold.push({
        doc: id,
        category: event.type === 'Age' ? 'age' : 'observation',
        subject: subject?.text ?? '',
        span,
        text: trigger.text,
        operator,
        operatorClass: CLASS_OF_OPERATOR[operator],
        values,
      });
    }
  }
  return { id, text, gold, unscorable };
}

/** Document ids (file names without extension) sorted by name. */
export function listLctDocuments(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -4))
    .sort();
}

export interface Score {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface DocumentScore {
  found: Set<GoldComparison>;
  correctPredictions: Set<PredictedComparison>;
  ignoredPredictions: Set<PredictedComparison>;
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

export function matches(predicted: PredictedComparison, gold: GoldComparison): boolean {
  if (!overlaps(predicted.span, gold.span)) return false;
  if (CLASS_OF_OP[predicted.op] !== gold.operatorClass) return false;
  if (gold.operatorClass === 'between') {
    if (predicted.high === undefined || gold.values.length < 2) return false;
    return closeTo(predicted.value, gold.values[0]) && closeTo(predicted.high, gold.values[gold.values.length - 1]);
  }
  // "> 170/110" is annotated once with both numbers: either component's comparison finds it.
  return gold.values.some((value) => closeTo(predicted.value, value));
}

export function scoreDocument(document: LctDocument, predictions: PredictedComparison[]): DocumentScore {
  const found = new Set<GoldComparison>();
  const correctPredictions = new Set<PredictedComparison>();
  const ignoredPredictions = new Set<PredictedComparison>();
  for (const prediction of predictions) {
    const matched = document.gold.filter((gold) => matches(prediction, gold));
    for (const gold of matched) found.add(gold);
    if (matched.length > 0) correctPredictions.add(prediction);
    else if (document.unscorable.some((span) => overlaps(span, prediction.span))) ignoredPredictions.add(prediction);
  }
  return { found, correctPredictions, ignoredPredictions };
}

export function summarise(gold: number, found: number, predicted: number, correct: number): Score {
  return {
    gold,
    found,
    predicted,
    correct,
    recall: gold === 0 ? 1 : found / gold,
    precision: predicted === 0 ? 1 : correct / predicted,
  };
}
