// Protocol dosing rules of the seed studies (clinical-domain.md §0 and §8a): the allowed range of
// each product's dose, per infusion or per day, as total amount or per kg of the day's body weight.
// study/dosing.ts checks a recorded dose against them. Units are UCUM ("10*6.{cells}" = 10⁶ cells).
export const DOSING_TABLE_VERSION = 'dosing-2026-12.1';

export interface DoseRule {
  id: string;
  study: string;
  /** Arm the rule belongs to (absent: every arm giving the product). */
  arm?: string;
  product: string;
  /** Whether the range is on the total dose or on the dose per kg of body weight. */
  basis: 'total' | 'per-kg';
  per: 'infusion' | 'day';
  /** Inclusive range in `unit`. */
  min: number;
  max: number;
  unit: string;
  /** The same dose as total and per kg, for deriving one from the other with the day's weight. */
  totalUnit: string;
  perKgUnit: string;
  /** How the total and per-kg units read to a person ("×10⁶ cells", "×10⁶ cells/kg"). */
  totalLabel: string;
  perKgLabel: string;
  sourceRef: string;
  confidence: 'V' | 'M';
}

export const DOSE_RULES: readonly DoseRule[] = [
  {
    id: 'nct03055078-ucmsc', study: 'NCT03055078', product: 'UC-MSC', basis: 'total', per: 'infusion', min: 100, max: 300,
    unit: '10*6.{cells}', totalUnit: '10*6.{cells}', perKgUnit: '10*6.{cells}/kg', totalLabel: '×10⁶ cells', perKgLabel: '×10⁶ cells/kg',
    sourceRef: 'NCT03055078 arm description: UC-MSC 100–300 ×10⁶ cells IV (clinical-domain.md §0, §8a)', confidence: 'V',
  },
  {
    id: 'nct05794425-csa', study: 'NCT05794425', arm: 'cyclosporine A', product: 'cyclosporine A', basis: 'per-kg', per: 'day', min: 3, max: 5,
    unit: 'mg/kg/d', totalUnit: 'mg/d', perKgUnit: 'mg/kg/d', totalLabel: 'mg/day', perKgLabel: 'mg/kg/day',
    sourceRef: 'NCT05794425 arm (a): cyclosporine A 3–5 mg/kg/day (clinical-domain.md §0)', confidence: 'V',
  },
];

export function doseRulesFor(study: string, product: string): DoseRule[] {
  const wanted = product.trim().toLowerCase();
  return DOSE_RULES.filter((rule) => rule.study === study && rule.product.toLowerCase() === wanted);
}
