// A recorded dose checked against the protocol's dosing rule (clinical/tables/dosing-rules.ts).
// A dose outside the range is a warning (it was given; the record must say so), never a refusal.
// Cells per kg and total cells are derived from each other with the weight measured that day.
import { doseRulesFor, type DoseRule } from '../clinical/tables/dosing-rules.ts';
import { conversionFactor, isUcumUnit, roundFloat } from '../patient/units.ts';

export interface DoseCheckInput {
  study: string;
  product: string;
  arm?: string;
  dose: { value: number; unit: string };
  /** Body weight on the day of dosing. */
  weight?: { value: number; unit: string };
}

export interface DoseCheckResult {
  status: 'ok' | 'warning' | 'unchecked';
  message: string;
  rule?: string;
  /** The dose as total and per kg in the rule's units, when derivable. */
  total?: number;
  perKg?: number;
}

/** "10^6 cells/kg", "×10⁶ cells", "mg/kg/day" → UCUM. */
export function doseUnitCode(unit: string): string {
  return unit.trim()
    .replace(/[×x]\s*10/g, '10').replace(/⁶/g, '^6').replace(/\^/g, '*')
    .replace(/\.?\s*\{?cells\}?/g, (_m, offset: number) => (offset === 0 ? '{cells}' : '.{cells}'))
    .replace(/\/day\b/g, '/d');
}

export function checkDose(input: DoseCheckInput): DoseCheckResult {
  const rules = doseRulesFor(input.study, input.product).filter((rule) => rule.arm === undefined || input.arm === undefined || rule.arm === input.arm);
  const given = `${input.product} ${input.dose.value} ${input.dose.unit}`;
  if (rules.length === 0) return { status: 'unchecked', message: `${given}: ${input.study} has no dosing rule for ${input.product}` };
  const rule = rules[0];
  const unit = doseUnitCode(input.dose.unit);
  if (!isUcumUnit(unit)) return { status: 'unchecked', rule: rule.id, message: `dose.unit: ${JSON.stringify(input.dose.unit)} is not a dose unit; expected ${rule.basis === 'total' ? rule.totalLabel : rule.perKgLabel} (or its total / per-kg equivalent)` };
  const weightKg = input.weight ? weightInKg(input.weight) : undefined;
  const total = asUnit(input.dose.value, unit, rule.totalUnit) ?? perKgToTotal(input.dose.value, unit, rule, weightKg);
  const perKg = asUnit(input.dose.value, unit, rule.perKgUnit) ?? (total !== undefined && weightKg ? roundFloat(total / weightKg) : undefined);
  const checked = rule.basis === 'total' ? total : perKg;
  const range = `${rule.min}–${rule.max} ${rule.basis === 'total' ? rule.totalLabel : rule.perKgLabel}${rule.per === 'infusion' ? ' per infusion' : ''}`;
  const both = describe(rule, total, perKg, weightKg);
  if (checked === undefined) {
    const why = asUnit(1, unit, rule.totalUnit) === undefined && asUnit(1, unit, rule.perKgUnit) === undefined ? `unit ${JSON.stringify(input.dose.unit)} cannot be converted to ${rule.totalLabel} or ${rule.perKgLabel}` : "the day's weight is needed to compare it";
    return { status: 'unchecked', rule: rule.id, message: `${given}: ${why} (allowed: ${range}, ${rule.study})`, ...(total === undefined ? {} : { total }), ...(perKg === undefined ? {} : { perKg }) };
  }
  const inside = checked >= rule.min && checked <= rule.max;
  const verdict = inside ? `within the allowed ${range}` : `${checked < rule.min ? 'below' : 'above'} the allowed ${range}`;
  return { status: inside ? 'ok' : 'warning', rule: rule.id, message: `${given}${both}: ${verdict} (${rule.sourceRef})`, ...(total === undefined ? {} : { total }), ...(perKg === undefined ? {} : { perKg }) };
}

function asUnit(value: number, from: string, to: string): number | undefined {
  const factor = conversionFactor(from, to);
  return factor === null ? undefined : roundFloat(value * factor);
}

function perKgToTotal(value: number, unit: string, rule: DoseRule, weightKg: number | undefined): number | undefined {
  const perKg = asUnit(value, unit, rule.perKgUnit);
  return perKg === undefined || !weightKg ? undefined : roundFloat(perKg * weightKg);
}

function weightInKg(weight: { value: number; unit: string }): number | undefined {
  const kg = asUnit(weight.value, weight.unit === 'lb' ? '[lb_av]' : weight.unit, 'kg');
  return kg !== undefined && kg > 0 ? kg : undefined;
}

function describe(rule: DoseRule, total: number | undefined, perKg: number | undefined, weightKg: number | undefined): string {
  const parts = [total !== undefined ? `${round(total)} ${rule.totalLabel}` : '', perKg !== undefined ? `${round(perKg)} ${rule.perKgLabel}` : ''].filter(Boolean);
  return parts.length ? ` (= ${parts.join(' = ')}${weightKg ? ` at ${weightKg} kg` : ''})` : '';
}

const round = (value: number) => Number.parseFloat(value.toPrecision(4));
