// Checking what a panel's entry says before anything is stored: each result names an analyte of the
// panel, a finite value and a unit that converts to the analyte's canonical one (clinical-domain.md §7
// through core/patient/units.ts); refusals name results.N.<field>, the value and what was accepted.
import { analyteByKey } from '../../core/clinical/tables/analytes.ts';
import { ENTRY_UNITS, LAB_PANEL_ANALYTES, panelOf } from '../../core/clinical/tables/edit-checks.ts';
import { EligoError, notFound, type Problem, problem } from '../../core/problems.ts';
import { toCanonicalUnit } from '../../core/patient/units.ts';
import type { LabContext, LabPanel, LabResultInput } from './model.ts';

export const LAB_PANELS: readonly LabPanel[] = ['cbc', 'chemistry', 'coagulation', 'other'];

export interface ConvertedResult {
  analyte: string;
  value: number;
  unit: string;
  canonicalValue: number;
  canonicalUnit: string;
  method: 'manual' | 'automated' | null;
}

export function checkPanel(value: unknown): LabPanel {
  if (typeof value === 'string' && (LAB_PANELS as readonly string[]).includes(value)) return value as LabPanel;
  throw EligoError.of('invalid', { code: 'invalid_option', field: 'panel', value, expected: `one of ${LAB_PANELS.join(', ')}` });
}

/** The units accepted for an analyte, for messages: the usual ones, else the canonical one. */
export function acceptedUnits(analyte: string): readonly string[] {
  return ENTRY_UNITS[analyte] ?? [analyteByKey(analyte)?.unit ?? '1'];
}

/** One value in a unit → canonical, or the problem naming `field`. */
export function convertValue(analyteKey: string, value: unknown, unit: unknown, field: string): { value: number; unit: string; canonicalValue: number; canonicalUnit: string } | Problem {
  const analyte = analyteByKey(analyteKey);
  if (!analyte || analyte.kind !== 'quantity') return problem({ code: 'unknown_analyte', field: `${field}.analyte`, value: analyteKey, expected: 'an analyte key of a laboratory panel' });
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem({ code: 'invalid_value', field: `${field}.value`, value, expected: `a number (${analyte.label.en})` });
  if (typeof unit !== 'string' || unit.trim() === '') return problem({ code: 'required', field: `${field}.unit`, value: unit, expected: `a unit, one of ${acceptedUnits(analyteKey).join(', ')}` });
  const converted = toCanonicalUnit(value, unit.trim(), analyte);
  if (!converted.ok) return problem({ code: 'invalid_unit', field: `${field}.unit`, value: unit, expected: `a unit of ${analyte.label.en} (value ${value}): one of ${acceptedUnits(analyteKey).join(', ')}`, message: `${field}.unit: ${converted.message}; accepted: ${acceptedUnits(analyteKey).join(', ')}` });
  return { value, unit: unit.trim(), canonicalValue: converted.value, canonicalUnit: converted.unit };
}

/** Every result of the panel converted, or one error listing every bad field. */
export function convertPanel(panel: LabPanel, results: unknown): ConvertedResult[] {
  if (!Array.isArray(results) || results.length === 0) throw EligoError.of('invalid', { code: 'required', field: 'results', value: results, expected: 'a non-empty list of results {analyte, value, unit}' });
  const problems: Problem[] = [];
  const converted: ConvertedResult[] = [];
  const seen = new Set<string>();
  (results as LabResultInput[]).forEach((result, index) => {
    const field = `results.${index}`;
    if (typeof result !== 'object' || result === null) return void problems.push(problem({ code: 'invalid_value', field, value: result, expected: 'a result {analyte, value, unit}' }));
    const analyte = typeof result.analyte === 'string' ? result.analyte : '';
    if (panel !== 'other' && analyteByKey(analyte) && panelOf(analyte) !== panel) {
      return void problems.push(problem({ code: 'wrong_panel', field: `${field}.analyte`, value: analyte, expected: `an analyte of the ${panel} panel: ${(LAB_PANEL_ANALYTES[panel] as readonly string[]).join(', ')}` }));
    }
    if (seen.has(analyte)) return void problems.push(problem({ code: 'duplicate_analyte', field: `${field}.analyte`, value: analyte, expected: 'each analyte once per panel' }));
    seen.add(analyte);
    const method = result.method ?? null;
    if (method !== null && method !== 'manual' && method !== 'automated') return void problems.push(problem({ code: 'invalid_option', field: `${field}.method`, value: method, expected: 'manual or automated' }));
    const one = convertValue(analyte, result.value, result.unit, field);
    if ('code' in one) return void problems.push(one);
    converted.push({ analyte, ...one, method });
  });
  if (problems.length > 0) throw EligoError.all('invalid', problems[0].code, problems);
  return converted;
}

export function checkContext(value: unknown): LabContext {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw EligoError.of('invalid', { code: 'invalid_value', field: 'context', value, expected: 'an object {gcsfWithinDays?, transfusedWithinDays?, anticoagulated?}' });
  const input = value as Record<string, unknown>;
  const context: LabContext = {};
  for (const key of ['gcsfWithinDays', 'transfusedWithinDays'] as const) {
    const days = input[key];
    if (days === undefined || days === null) continue;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) throw EligoError.of('invalid', { code: 'invalid_value', field: `context.${key}`, value: days, expected: 'a whole number of days from 0 to 365' });
    context[key] = days;
  }
  if (input.anticoagulated !== undefined && input.anticoagulated !== null) {
    if (typeof input.anticoagulated !== 'boolean') throw EligoError.of('invalid', { code: 'invalid_value', field: 'context.anticoagulated', value: input.anticoagulated, expected: 'true or false' });
    context.anticoagulated = input.anticoagulated;
  }
  const unknown = Object.keys(input).find((key) => !['gcsfWithinDays', 'transfusedWithinDays', 'anticoagulated'].includes(key));
  if (unknown) throw EligoError.of('invalid', { code: 'invalid_option', field: `context.${unknown}`, value: input[unknown], expected: 'gcsfWithinDays, transfusedWithinDays or anticoagulated' });
  return context;
}

/** A row id from the path: a positive whole number, else not_found (as a missing one). */
export function recordId(value: unknown, what: string, field: string): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(id) || id < 1) throw notFound(what, field, value);
  return id;
}
