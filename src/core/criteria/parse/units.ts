// Written forms of the units that eligibility criteria use, mapped to UCUM codes. Matching runs on the
// normalised text (lower case, "µ"/"μ" folded to "u"), so each pattern is lower case. Sources: UCUM
// (https://ucum.org/ucum, common-units table) for the codes; the written forms were collected from
// ClinicalTrials.gov criteria (ctgov-4868 corpus, LCT corpus). Order matters only for readability: the
// scanner tries longer patterns first.

export interface UnitForm {
  /** Regular-expression source matched against normalised text (lower case, no anchors). */
  pattern: string;
  /** UCUM code, or "xULN"/"xLLN" for multiples of the limits of normal. */
  ucum: string;
  /** Time units make a number a duration (age, window) rather than a measurement. */
  dimension?: 'time' | 'count';
}

const PER_VOLUME = String.raw`(?:\s*(?:/|per)\s*)`;
const MICROLITRE = String.raw`(?:ul|microlit(?:er|re)s?|micro\s*l|mcl)\b`;
const CUBIC_MM = String.raw`(?:mm\s*\^?\s*3|mm³|cu\.?\s*mm|cubic\s+mm|cubic\s+millimet(?:er|re)s?)`;

export const UNIT_FORMS: UnitForm[] = [
  { pattern: String.raw`pack[-\s]?years?`, ucum: '{pack-years}' },
  { pattern: String.raw`(?:cigarettes?|cigs?)\s*(?:/|per|a|each)\s*day`, ucum: '{cigarettes}/d' },
  { pattern: String.raw`(?:cigarettes?|cigs?)\s*(?:/|per|a|each)\s*week`, ucum: '{cigarettes}/wk' },
  { pattern: String.raw`(?:drinks?|units?|glasses)\s*(?:/|per|a|each)\s*(?:day|d)\b`, ucum: '{drinks}/d' },
  { pattern: String.raw`(?:drinks?|units?|glasses)\s*(?:/|per|a|each)\s*(?:week|wk)\b`, ucum: '{drinks}/wk' },
  { pattern: String.raw`(?:h|hrs?|hours?)\s*(?:/|per|a)\s*(?:week|wk)\b`, ucum: 'h/wk' },
  { pattern: String.raw`(?:min|minutes?)\s*(?:/|per|a)\s*(?:week|wk)\b`, ucum: 'min/wk' },
  { pattern: String.raw`m\s*/\s*s\b|met(?:er|re)s?\s+per\s+second`, ucum: 'm/s' },
  { pattern: String.raw`ppm\b`, ucum: '[ppm]' },
  { pattern: String.raw`sds?\b|standard\s+deviations?`, ucum: '{SD}' },
  { pattern: String.raw`points?\b|pts\b`, ucum: '{points}' },
  { pattern: String.raw`cm\s*\^?2\b|cm²|square\s+centimet(?:er|re)s?`, ucum: 'cm2' },
  { pattern: String.raw`mm\s*\^?2\b|mm²`, ucum: 'mm2' },
  { pattern: String.raw`(?:km|kilomet(?:er|re)s?)\b`, ucum: 'km' },
  { pattern: String.raw`(?:um|microns?|micromet(?:er|re)s?)\b`, ucum: 'um' },
  { pattern: String.raw`(?:feet|foot|ft)\b`, ucum: '[ft_i]' },
  { pattern: String.raw`kpa\b`, ucum: 'kPa' },
  { pattern: String.raw`(?:l|liters?|litres?)\s*(?:/|per)\s*min(?:ute)?\b`, ucum: 'L/min' },
  { pattern: String.raw`(?:liters?|litres?)\b`, ucum: 'L' },
  { pattern: String.raw`eu\s*/\s*ml\b`, ucum: '[EU]/mL' },
  { pattern: String.raw`diopters?\b|dioptres?\b`, ucum: '[diop]' },
  { pattern: String.raw`mets?\b`, ucum: '{MET}' },
  { pattern: String.raw`(?:degrees?\s*|°\s*)(?:f|fahrenheit)\b`, ucum: '[degF]' },
  { pattern: String.raw`(?:degrees?\s*|°\s*)(?:c|celsius)\b|℃`, ucum: 'Cel' },
  { pattern: String.raw`(?:degrees|degree|°)(?![a-z])`, ucum: 'deg' },
  { pattern: String.raw`(?:times\s+)?(?:/|per|a|each)\s*(?:day|d)\b|times\s+daily`, ucum: '/d' },
  { pattern: String.raw`(?:times\s+)?(?:/|per|a|each)\s*(?:week|wk)\b|times\s+weekly`, ucum: '/wk' },
  { pattern: String.raw`(?:ml|cc)\s*/\s*min(?:ute)?\s*(?:/|per)\s*1[.,]73\s*(?:m\s*\^?\s*2|m²|square\s+met(?:er|re)s?)(?:\s*(?:bsa|body surface area))?`, ucum: 'mL/min/{1.73_m2}' },
  { pattern: String.raw`(?:ml|cc)\s*/\s*min(?:ute)?\b|ml\s+per\s+min(?:ute)?\b|ml/mn\b`, ucum: 'mL/min' },
  { pattern: String.raw`(?:cells\s*)?${PER_VOLUME}${MICROLITRE}|(?:cells\s*)?${PER_VOLUME}${CUBIC_MM}|/\s*mcl\b`, ucum: '/uL', dimension: 'count' },
  { pattern: String.raw`(?:cells\s*)?/\s*l\b|cells\s+per\s+lit(?:er|re)`, ucum: '/L', dimension: 'count' },
  // "ANC ≥ 1,500 mm3": the slash is often dropped; a count per cubic millimetre is still meant.
  { pattern: String.raw`(?:cells\s*)?${CUBIC_MM}`, ucum: '/uL', dimension: 'count' },
  { pattern: String.raw`cells\b`, ucum: '{cells}', dimension: 'count' },
  { pattern: String.raw`(?:copies|copy|copys)\s*(?:/|per)\s*ml\b`, ucum: '{copies}/mL' },
  { pattern: String.raw`(?:iu|u)\s*(?:/|per)\s*ml\b`, ucum: '[IU]/mL' },
  { pattern: String.raw`(?:iu|u|units?)\s*(?:/|per)\s*l\b|iu/liter|ui/l\b`, ucum: 'U/L' },
  { pattern: String.raw`(?:mu|miu|uiu)\s*/\s*ml\b`, ucum: 'm[IU]/mL' },
  { pattern: String.raw`(?:mg|mgs)\s*(?:/|per)\s*dl\b|mg\s*%`, ucum: 'mg/dL' },
  { pattern: String.raw`(?:g|gm|gr|gms|grams?)\s*(?:/|per)\s*dl\b`, ucum: 'g/dL' },
  { pattern: String.raw`(?:g|gm|grams?)\s*(?:/|per)\s*l\b`, ucum: 'g/L' },
  { pattern: String.raw`mg\s*(?:/|per)\s*l\b`, ucum: 'mg/L' },
  { pattern: String.raw`mg\s*(?:/|per)\s*(?:24\s*h(?:ours?|rs?)?|day|d)\b`, ucum: 'mg/(24.h)' },
  { pattern: String.raw`g\s*(?:/|per)\s*(?:24\s*h(?:ours?|rs?)?|day|d)\b`, ucum: 'g/(24.h)' },
  { pattern: String.raw`mg\s*(?:/|per)\s*g\b`, ucum: 'mg/g' },
  { pattern: String.raw`mg\s*(?:/|per)\s*kg\b`, ucum: 'mg/kg' },
  { pattern: String.raw`mg\s*(?:/|per)\s*m\s*\^?\s*2|mg/m²`, ucum: 'mg/m2' },
  { pattern: String.raw`(?:ng|nanograms?)\s*(?:/|per)\s*ml\b`, ucum: 'ng/mL' },
  { pattern: String.raw`(?:ng|nanograms?)\s*(?:/|per)\s*dl\b`, ucum: 'ng/dL' },
  { pattern: String.raw`(?:ug|mcg)\s*(?:/|per)\s*ml\b`, ucum: 'ug/mL' },
  { pattern: String.raw`(?:ug|mcg)\s*(?:/|per)\s*dl\b`, ucum: 'ug/dL' },
  { pattern: String.raw`(?:ug|mcg)\s*(?:/|per)\s*l\b`, ucum: 'ug/L' },
  { pattern: String.raw`pg\s*(?:/|per)\s*ml\b`, ucum: 'pg/mL' },
  { pattern: String.raw`(?:umol|micromol(?:es?)?)\s*(?:/|per)\s*l\b|umol/liter`, ucum: 'umol/L' },
  { pattern: String.raw`(?:nmol)\s*(?:/|per)\s*l\b`, ucum: 'nmol/L' },
  { pattern: String.raw`(?:pmol)\s*(?:/|per)\s*l\b`, ucum: 'pmol/L' },
  { pattern: String.raw`(?:mmol|millimol(?:es?)?)\s*(?:/|per)\s*(?:l|liter|litre)\b`, ucum: 'mmol/L' },
  { pattern: String.raw`mmol\s*(?:/|per)\s*mol\b`, ucum: 'mmol/mol' },
  { pattern: String.raw`(?:meq|mequiv)\s*(?:/|per)\s*l\b`, ucum: 'meq/L' },
  { pattern: String.raw`(?:kg|kilograms?)\s*(?:/|per)\s*(?:m\s*\^?\s*2|m²|square\s+met(?:er|re)s?|sq\.?\s*m|m\s*sq)|kg\.m-?2|kg\s*m-2`, ucum: 'kg/m2' },
  { pattern: String.raw`(?:m\s*\^?\s*2|m²)\b`, ucum: 'm2' },
  { pattern: String.raw`mm\s*\[?\s*hg\]?|millimet(?:er|re)s?\s+of\s+mercury`, ucum: 'mm[Hg]' },
  { pattern: String.raw`(?:beats|bpm|b)\s*(?:/|per)\s*min(?:ute)?\b|bpm\b|beats\s+per\s+minute`, ucum: '/min' },
  { pattern: String.raw`(?:breaths)\s*(?:/|per)\s*min(?:ute)?\b`, ucum: '/min' },
  { pattern: String.raw`(?:kg|kgs|kilograms?|kilos?)\b`, ucum: 'kg' },
  { pattern: String.raw`(?:lbs?|pounds?)\b`, ucum: '[lb_av]' },
  { pattern: String.raw`(?:mg|milligrams?)\b`, ucum: 'mg' },
  { pattern: String.raw`(?:mcg|ug|micrograms?)\b`, ucum: 'ug' },
  { pattern: String.raw`(?:g|gm|grams?)\b`, ucum: 'g' },
  { pattern: String.raw`(?:cm|centimet(?:er|re)s?)\b`, ucum: 'cm' },
  { pattern: String.raw`(?:mm|millimet(?:er|re)s?)\b`, ucum: 'mm' },
  { pattern: String.raw`(?:ml|millilit(?:er|re)s?|cc)\b`, ucum: 'mL' },
  { pattern: String.raw`(?:fl|femtolit(?:er|re)s?)\b`, ucum: 'fL' },
  { pattern: String.raw`(?:msec|ms|milliseconds?)\b`, ucum: 'ms' },
  { pattern: String.raw`(?:sec|secs|seconds?)\b`, ucum: 's' },
  { pattern: String.raw`(?:gy)\b`, ucum: 'Gy' },
  { pattern: String.raw`(?:cgy)\b`, ucum: 'cGy' },
  { pattern: String.raw`(?:db)\b`, ucum: 'dB' },
  { pattern: String.raw`(?:meters?|metres?)\b`, ucum: 'm' },
  { pattern: String.raw`%|percent\b|per\s*cent\b`, ucum: '%' },
  { pattern: String.raw`周岁|岁`, ucum: 'a', dimension: 'time' },
  { pattern: String.raw`个月`, ucum: 'mo', dimension: 'time' },
  { pattern: String.raw`周`, ucum: 'wk', dimension: 'time' },
  { pattern: String.raw`天`, ucum: 'd', dimension: 'time' },
  { pattern: String.raw`小时`, ucum: 'h', dimension: 'time' },
  { pattern: String.raw`(?:years?|yrs?|y/o|yo|y)\b|(?:yr)s?\.?`, ucum: 'a', dimension: 'time' },
  { pattern: String.raw`(?:months?|mos?|mths?)\b`, ucum: 'mo', dimension: 'time' },
  { pattern: String.raw`(?:weeks?|wks?)\b`, ucum: 'wk', dimension: 'time' },
  { pattern: String.raw`(?:days?)\b`, ucum: 'd', dimension: 'time' },
  { pattern: String.raw`(?:hours?|hrs?|h)\b`, ucum: 'h', dimension: 'time' },
  { pattern: String.raw`(?:minutes?|mins?)\b`, ucum: 'min', dimension: 'time' },
];

/**
 * Counts written with a power of ten that belongs to the unit ("× 10^9/L", "x 10(9)/l", "×10⁹/L", and
 * "x 109/L" where the superscript was lost in export): the number before it is kept as written and the
 * unit becomes UCUM "10*9/L".
 */
export const POWER_UNIT = String.raw`[x×*]\s*10\s*(?:\^|\*|\*\*|e|\()?\s*(-?\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\)?\s*(?:cells\s*)?(?:/|per)\s*(l|liter|litre|ul|mcl|mm3|mm\^3|mm³|cumm|ml)\b`;

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function parseExponent(written: string): number {
  let digits = '';
  for (const char of written) {
    const superscript = SUPERSCRIPT_DIGITS.indexOf(char);
    digits += superscript >= 0 ? String(superscript) : char;
  }
  return Number(digits);
}

/** The UCUM code of "10^exponent per volume", e.g. (9, 'l') → "10*9/L", (3, 'ul') → "10*3/uL". */
export function powerUnitCode(exponent: number, volume: string): string {
  const volumeCode = volume === 'l' || volume === 'liter' || volume === 'litre' ? 'L' : volume === 'ml' ? 'mL' : volume === 'ul' || volume === 'mcl' ? 'uL' : 'mm3';
  return `10*${exponent}/${volumeCode}`;
}
