// What may stay in Latin script in Chinese screening text: units, codes (LOINC, ICD, SNOMED, FHIR
// references), NCT ids, abbreviations clinicians use in Chinese too (ALT, LVEF, HBsAg, ECOG), and
// quoted trial text («…», “…”) and cited documents (《WS/T 405-2012》). Everything else in Latin letters is English that should be Chinese.
import { DISPLAY_UNIT_CODES, displayUnit } from '../../src/core/criteria/explain/units.ts';
import { ANALYTES } from '../../src/core/clinical/tables/analytes.ts';

const UNITS = new Set([...DISPLAY_UNIT_CODES.flatMap((code) => displayUnit(code, 'zh').split(' ')), ...ANALYTES.flatMap((analyte) => (analyte.kind === 'quantity' && analyte.unit ? [analyte.unit, displayUnit(analyte.unit, 'zh')] : [])), 'mg/dL', 'mL', 'g/dL', 'IU/mL', 'U/L']);
// Eponymous scales keep their names in Chinese (Karnofsky功能状态评分), as do code systems' names.
const NAMES = new Set(['Karnofsky', 'Lansky', 'ICD-10-CM', 'ICD-10', 'SNOMED', 'CT', 'FHIR']);
// ICD-10, LOINC/SNOMED, LOINC answers, NCT ids, FHIR references (Observation/obs-1) and element paths (valueQuantity.unit).
const CODE = /^(?:[A-Z]\d{2}(?:\.[0-9A-Z]+)?|\d+(?:-\d+)?|LA\d+-\d|NCT\d{8}|[A-Z][a-z]+\/[\w.-]+|[a-z]+[A-Z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*|[a-z]+(?:\.[a-z][A-Za-z]*)+)$/;
// An abbreviation: short, starts with a capital and has at least two capitals (ALT, HBsAg, INR, PT).
const ABBREVIATION = /^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9]{1,6}$/;

/** The Latin-script words in `text` that are none of the allowed kinds. */
export function disallowedLatin(text: string): string[] {
  const unquoted = text.replace(/«[^»]*»/g, ' ').replace(/“[^”]*”/g, ' ').replace(/《[^》]*》/g, ' ');
  const runs = unquoted.match(/[A-Za-z0-9µ×⁰¹²³⁴⁵⁶⁷⁸⁹°%/._*{}[\]-]+/g) ?? [];
  const tokens = runs.map((run) => run.replace(/^[/.\-]+|[/.\-]+$/g, '')).filter((token) => /[A-Za-z]/.test(token));
  const allowed = (token: string) => UNITS.has(token) || NAMES.has(token) || CODE.test(token) || ABBREVIATION.test(token) || token.startsWith('×10');
  // Paired abbreviations (TPPA/RPR) are allowed when each part is.
  return tokens.filter((token) => !allowed(token) && !token.split('/').every(allowed));
}
