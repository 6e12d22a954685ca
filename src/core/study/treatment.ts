// A treatment administration as data the server and the browser both check: the products, routes
// and dose units people enter, the product-specific details, the protocol's dose check (dosing.ts)
// and the warnings a recorded dose carries — out of the dosing rule's range, not checkable (and why),
// or a product the subject's arm does not give. Warnings never refuse a dose: it was given.
import { ARM_PRODUCTS, PRODUCT_WORDS, type Product } from '../clinical/tables/arm-products.ts';
import { plausibleRange, describePlausibleRange, isPlausible } from '../clinical/tables/plausibility.ts';
import { EligoError } from '../problems.ts';
import { roundFloat } from '../patient/units.ts';
import { checkDose, type DoseCheckResult } from './dosing.ts';

export type { Product };

export const PRODUCTS: readonly Product[] = ['UC-MSC', 'UCB', 'cyclosporine A'];
export const ROUTES = ['IV', 'oral', 'other'] as const;
export type Route = (typeof ROUTES)[number];

/** The dose units accepted per product, as people write them. */
export const DOSE_UNITS: Readonly<Record<Product, readonly string[]>> = {
  'UC-MSC': ['cells', '10^6 cells', '10^6 cells/kg'],
  UCB: ['cells', '10^6 cells', '10^6 cells/kg'],
  'cyclosporine A': ['mg/kg/day', 'mg/day'],
};

/** Product-specific numeric details (all optional, > 0): cord blood cell doses, cyclosporine trough level. */
export const DETAIL_FIELDS: Readonly<Record<Product, readonly string[]>> = {
  'UC-MSC': [],
  UCB: ['tncPerKg', 'cd34PerKg'],
  'cyclosporine A': ['troughNgPerMl'],
};

export interface TreatmentWarning {
  code: 'dose_out_of_range' | 'dose_unchecked' | 'product_not_in_arm';
  message: string;
}

export interface TreatmentCheck {
  doseCheck: DoseCheckResult;
  warnings: TreatmentWarning[];
  /** The dose as a total (×10⁶ cells, mg/day) and per kg of the day's weight, when derivable — also without a dosing rule. */
  total?: number;
  perKg?: number;
}

/** Each dose unit as a total or per-kg amount, and its factor to ×10⁶ cells or mg (per day). */
const DOSE_UNIT_FORMS: Readonly<Record<string, { basis: 'total' | 'per-kg'; factor: number }>> = {
  cells: { basis: 'total', factor: 1e-6 },
  '10^6 cells': { basis: 'total', factor: 1 },
  '10^6 cells/kg': { basis: 'per-kg', factor: 1 },
  'mg/day': { basis: 'total', factor: 1 },
  'mg/kg/day': { basis: 'per-kg', factor: 1 },
};

/** Total and per-kg dose from the dose as given and the day's weight (×10⁶ cells or mg/day; per kg likewise). */
export function deriveDose(dose: { value: number; unit: string }, weightKg: number | undefined): { total?: number; perKg?: number } {
  const form = DOSE_UNIT_FORMS[dose.unit];
  if (!form) return {};
  const amount = roundFloat(dose.value * form.factor);
  const weighed = weightKg !== undefined && weightKg > 0;
  if (form.basis === 'total') return { total: amount, ...(weighed ? { perKg: roundFloat(amount / weightKg) } : {}) };
  return { perKg: amount, ...(weighed ? { total: roundFloat(amount * weightKg) } : {}) };
}

/** The products an arm gives: by its code (clinical/tables/arm-products.ts), else by the words of its intervention text. */
export function armProducts(arm: { code: string; intervention: string }): readonly Product[] {
  const listed = ARM_PRODUCTS[arm.code];
  if (listed) return listed;
  const text = arm.intervention.toLowerCase();
  return PRODUCT_WORDS.filter((entry) => entry.words.some((word) => text.includes(word))).map((entry) => entry.product);
}

/** The protocol's dose check and the warnings of one administration (same code in the browser). */
export function checkTreatment(input: { study: string; product: Product; dose: { value: number; unit: string }; weightKg?: number; arm?: { code: string; label: string; intervention: string } }): TreatmentCheck {
  const doseCheck = checkDose({ study: input.study, product: input.product, dose: input.dose, ...(input.weightKg === undefined ? {} : { weight: { value: input.weightKg, unit: 'kg' } }) });
  const warnings: TreatmentWarning[] = [];
  if (doseCheck.status === 'warning') warnings.push({ code: 'dose_out_of_range', message: doseCheck.message });
  if (doseCheck.status === 'unchecked') warnings.push({ code: 'dose_unchecked', message: `dose not checked — ${doseCheck.message}` });
  if (input.arm && !armProducts(input.arm).includes(input.product)) {
    warnings.push({ code: 'product_not_in_arm', message: `${input.product} is not given in the subject's arm ${input.arm.code} (${input.arm.label}: ${input.arm.intervention})` });
  }
  const derived = deriveDose(input.dose, input.weightKg);
  const total = doseCheck.total ?? derived.total;
  const perKg = doseCheck.perKg ?? derived.perKg;
  return { doseCheck, warnings, ...(total === undefined ? {} : { total }), ...(perKg === undefined ? {} : { perKg }) };
}

export function checkProduct(value: unknown): Product {
  if (typeof value !== 'string' || !(PRODUCTS as readonly string[]).includes(value)) throw EligoError.of('invalid', { code: 'unknown_product', field: 'product', value, expected: `one of ${PRODUCTS.join(', ')}` });
  return value as Product;
}

export function checkRoute(value: unknown): Route {
  if (typeof value !== 'string' || !(ROUTES as readonly string[]).includes(value)) throw EligoError.of('invalid', { code: 'unknown_route', field: 'route', value, expected: `one of ${ROUTES.join(', ')}` });
  return value as Route;
}

export function checkDoseInput(product: Product, dose: unknown): { value: number; unit: string } {
  const given = (dose ?? {}) as { value?: unknown; unit?: unknown };
  if (typeof given.value !== 'number' || !Number.isFinite(given.value) || given.value <= 0) throw EligoError.of('invalid', { code: 'invalid_dose', field: 'dose.value', value: given.value, expected: 'a number greater than 0' });
  const units = DOSE_UNITS[product];
  if (typeof given.unit !== 'string' || !units.includes(given.unit)) throw EligoError.of('invalid', { code: 'unknown_unit', field: 'dose.unit', value: given.unit, expected: `a dose unit of ${product}: ${units.join(', ')}` });
  return { value: given.value, unit: given.unit };
}

/** The day's weight in kg, within the plausible range (clinical/tables/plausibility.ts) and above 0. */
export function checkWeight(value: unknown, field = 'weightKg'): number | undefined {
  if (value === undefined || value === null) return undefined;
  const range = plausibleRange('weight')!;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || !isPlausible(range, value)) {
    throw EligoError.of('invalid', { code: 'implausible_weight', field, value, expected: `a body weight in kg above 0 and within ${describePlausibleRange(range, 'kg')} (${range.basis})` });
  }
  return value;
}

/** The product's details: only its own fields, each a number > 0. */
export function checkDetails(product: Product, details: unknown): Record<string, number> {
  if (details === undefined || details === null) return {};
  if (typeof details !== 'object' || Array.isArray(details)) throw EligoError.of('invalid', { code: 'invalid_details', field: 'details', value: details, expected: 'an object' });
  const allowed = DETAIL_FIELDS[product];
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(details)) {
    if (!allowed.includes(key)) throw EligoError.of('invalid', { code: 'unknown_detail', field: `details.${key}`, value: key, expected: allowed.length ? `a detail of ${product}: ${allowed.join(', ')}` : `no details for ${product}` });
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw EligoError.of('invalid', { code: 'invalid_detail', field: `details.${key}`, value, expected: 'a number greater than 0' });
    out[key] = value;
  }
  return out;
}
