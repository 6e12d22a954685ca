// Numbers, comparisons and ratios as a clinician writes them, shared by the rule printer and the
// explanation catalogues.
import type { Comparison } from '../rules.ts';
import type { Lang } from './lang.ts';
import { displayUnit } from './units.ts';

const OPS: Record<Comparison['op'], string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', between: '' };

export function opSymbol(op: Comparison['op']): string {
  return OPS[op];
}

/** Up to three decimals, no trailing zeros, no float noise: 31.5, 17.104, 1000. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number.parseFloat(value.toFixed(3)));
}

/** "≤ 1.5 × ULN", "between 14 and 60 years", "≥ 50 %". */
export function formatComparison(comparison: Comparison, lang: Lang): string {
  const unit = displayUnit(comparison.unit, lang);
  const withUnit = (value: number) => (unit ? (unit.startsWith('×') || unit === '%' ? `${formatNumber(value)}${unit === '%' ? '%' : ` ${unit}`}` : `${formatNumber(value)} ${unit}`) : formatNumber(value));
  if (comparison.op === 'between') {
    const high = comparison.high ?? comparison.value;
    return lang === 'zh' ? `${formatNumber(comparison.value)}–${withUnit(high)}` : `between ${formatNumber(comparison.value)} and ${withUnit(high)}`;
  }
  return `${OPS[comparison.op]} ${withUnit(comparison.value)}`;
}

function decimalPlaces(value: number): number {
  const text = formatNumber(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function side(a: number, b: number): number {
  const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= tolerance ? 0 : a < b ? -1 : 1;
}

/**
 * A ratio to a limit ("0.63 × ULN") to one decimal more than the limit is written with, and at least
 * two significant digits; more only where rounding would put the value on (or across) a limit it is
 * not at (1.504 against 1.5 stays 1.504).
 */
export function formatRatio(ratio: number, limits: readonly number[]): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  let digits = Math.max(0, ...limits.map(decimalPlaces)) + 1;
  if (ratio !== 0 && Math.abs(ratio) < 1) digits = Math.max(digits, 1 - Math.floor(Math.log10(Math.abs(ratio))));
  for (; digits < 9; digits++) {
    const shown = Number(ratio.toFixed(digits));
    if (limits.every((limit) => side(shown, limit) === side(ratio, limit))) break;
  }
  return String(Number(ratio.toFixed(digits)));
}
