// Unit handling for patient values: FHIR units → UCUM codes → the analyte's canonical unit.
// UCUM parsing is slow next to screening itself, so every conversion factor is computed once
// per (from, to, molecular weight) and cached; all the units screening meets are linear.
import ucum from '@lhncbc/ucum-lhc';
import type { AnalyteDefinition } from '../clinical/tables/analytes.ts';

const utils = ucum.UcumLhcUtils.getInstance();

/** Spellings seen on lab reports that are not UCUM but mean one UCUM unit. */
const COMMON_SPELLINGS: Readonly<Record<string, string>> = {
  mmHg: 'mm[Hg]', 'mm Hg': 'mm[Hg]', 'mg/dl': 'mg/dL', 'g/dl': 'g/dL', 'ml/min': 'mL/min', 'umol/l': 'umol/L', 'mmol/l': 'mmol/L', 'g/l': 'g/L',
  'u/l': 'U/L', 'iu/l': 'U/L', 'IU/L': 'U/L', sec: 's', seconds: 's', 'copies/mL': '{copies}/mL', 'copies/ml': '{copies}/mL', 'IU/mL': '[IU]/mL',
  'cells/uL': '/uL', 'cells/mm3': '/mm3', bpm: '/min', 'beats/min': '/min', '/ul': '/uL', 'x10E9/L': '10*9/L', 'x10E3/uL': '10*3/uL',
  'x10^9/L': '10*9/L', '10^9/L': '10*9/L', '10^3/uL': '10*3/uL', 'x10^3/uL': '10*3/uL', '10^12/L': '10*12/L', 'mEq/L': 'meq/L', 'INR': '{INR}', ratio: '{ratio}',
};

/** Folds typographic variants (µ/μ, ×, superscript powers) and known spellings to a UCUM candidate. */
export function normalizeUnitSpelling(unit: string, analyte?: AnalyteDefinition): string {
  let text = unit.trim().replace(/[µμ]/g, 'u').replace(/×/g, 'x').replace(/⁹/g, '^9').replace(/³/g, '^3').replace(/¹²/g, '^12');
  text = text.replace(/^x?10\^?(\d+)\s*\/\s*/i, (_m, power: string) => `10*${power}/`);
  const alias = analyte?.unitAliases?.[text];
  if (alias) return alias;
  return COMMON_SPELLINGS[text] ?? text;
}

const validity = new Map<string, boolean>();

export function isUcumUnit(unit: string): boolean {
  let valid = validity.get(unit);
  if (valid === undefined) {
    valid = utils.validateUnitString(unit).status === 'valid';
    validity.set(unit, valid);
  }
  return valid;
}

const factors = new Map<string, number | null>();

/** Multiplier from `from` to `to` (null when they are not commensurable, even with the molecular weight). */
export function conversionFactor(from: string, to: string, molecularWeight?: number): number | null {
  if (from === to) return 1;
  const key = `${from}\u0000${to}\u0000${molecularWeight ?? ''}`;
  let factor = factors.get(key);
  if (factor === undefined) {
    const result = utils.convertUnitTo(from, 1, to, { molecularWeight: molecularWeight ?? null });
    factor = result.status === 'succeeded' && typeof result.toVal === 'number' && Number.isFinite(result.toVal) ? result.toVal : null;
    factors.set(key, factor);
  }
  return factor;
}

export type Conversion =
  | { ok: true; value: number; unit: string }
  | { ok: false; problem: 'unknown-unit' | 'incompatible-unit'; message: string };

/**
 * Multiplier from a UCUM unit to the analyte's canonical unit (null when not convertible). Mass
 * concentrations of an analyte with a conventional factor (bilirubin × 17.1, creatinine × 88.4,
 * clinical-domain.md §7) use that factor, as labs do when they report both units; the factor
 * derived from the molecular weight (17.104 for bilirubin) would differ in the fourth digit and
 * decide values within 0.02 % of a limit differently from the lab's own SI report.
 */
export function canonicalFactor(unitCode: string, analyte: AnalyteDefinition): number | null {
  const target = analyte.unit ?? '1';
  if (unitCode === target) return 1;
  const conventional = analyte.conventionalFactor;
  if (conventional) {
    const toConventional = conversionFactor(unitCode, conventional.from);
    if (toConventional !== null) return toConventional * conventional.factor;
  }
  return conversionFactor(unitCode, target, analyte.molecularWeight);
}

/** A value in `unit` expressed in the analyte's canonical unit. */
export function toCanonicalUnit(value: number, unit: string, analyte: AnalyteDefinition): Conversion {
  const target = analyte.unit ?? '1';
  const code = normalizeUnitSpelling(unit, analyte);
  if (code === target) return { ok: true, value, unit: target };
  if (!isUcumUnit(code)) {
    return { ok: false, problem: 'unknown-unit', message: `unit ${JSON.stringify(unit)} is not a UCUM unit; expected ${analyte.label.en} in ${target} or a convertible unit` };
  }
  const factor = canonicalFactor(code, analyte);
  if (factor === null) {
    return { ok: false, problem: 'incompatible-unit', message: `unit ${JSON.stringify(unit)} cannot be converted to ${target} for ${analyte.label.en}` };
  }
  return { ok: true, value: roundFloat(value * factor), unit: target };
}

/**
 * Removes binary floating-point noise (0.9999999999999999 → 1; 1.842 × 17.1 = 31.498199999999997
 * → 31.4982) without losing real precision: 12 significant digits keep every digit a laboratory
 * reports (at most 5–6) and drop the last 3–4 of a double, where conversion noise lives.
 */
export function roundFloat(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}
