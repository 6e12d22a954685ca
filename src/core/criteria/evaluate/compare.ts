// How values meet thresholds: tolerant comparison, censored values, rule units to canonical units.
import type { AnalyteDefinition } from '../../clinical/tables/analytes.ts';
import type { QuantityFact } from '../../patient/facts.ts';
import { canonicalFactor, normalizeUnitSpelling } from '../../patient/units.ts';
import type { Comparison } from '../rules.ts';

/**
 * How values meet limits. Every converted value and every computed threshold (1.5 × ULN, a limit in
 * another unit) is first rounded to 12 significant digits (roundFloat), and two numbers that then
 * agree to 1 part in 10⁹ are equal. Labs report at most 5–6 significant digits and a double's
 * conversion noise sits in the 16th, so a value exactly at the limit after conversion is at the
 * limit (1.5 × 21 = 31.5; 1.8 mg/dL against a 1.2 mg/dL ULN is exactly 1.5 × ULN), while any
 * difference a lab could report (31.5001) still decides. Values are compared as reported, never
 * rounded to the limit's precision: TBIL 32 µmol/L is above a 31.5 limit.
 */
export function compareNumbers(a: number, b: number): number {
  const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= tolerance ? 0 : a < b ? -1 : 1;
}

export function holds(op: Comparison['op'], value: number, threshold: number, high?: number): boolean {
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
export function holdsCensored(op: Comparison['op'], fact: { value: number; comparator?: QuantityFact['comparator'] }, threshold: number, high?: number): boolean | undefined {
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
export function thresholdFactor(unit: string, analyte: AnalyteDefinition): number | null {
  const key = `${analyte.key}\u0000${unit}`;
  let factor = thresholdFactors.get(key);
  if (factor === undefined) {
    factor = analyte.unit ? canonicalFactor(normalizeUnitSpelling(unit, analyte), analyte) : unit === '1' ? 1 : null;
    thresholdFactors.set(key, factor);
  }
  return factor;
}
