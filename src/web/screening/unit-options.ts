// The units the hand-entry form offers for a measurement: the analyte's canonical UCUM unit first,
// then the conventional units lab reports also use for the same quantity. The server converts them
// (core/patient/units.ts); test/browser/screening.test.ts checks that every unit offered converts.
//
// Source: clinical-domain.md §7 (mg/dL ↔ µmol/L and mmol/L through the molecular weight, g/dL ↔ g/L,
// cell counts 10⁹/L ≡ 10³/µL, 1000/mm³ ≡ 1/µL), UCUM 2.1 unit codes.
import type { AnalyteDefinition } from '../../core/clinical/tables/analytes.ts';

/** Conventional alternatives by canonical unit; mass units only where the analyte has a molecular weight. */
const ALTERNATIVES: Readonly<Record<string, { always: readonly string[]; withMolecularWeight: readonly string[] }>> = {
  'umol/L': { always: [], withMolecularWeight: ['mg/dL'] },
  'mmol/L': { always: [], withMolecularWeight: ['mg/dL'] },
  'g/L': { always: ['g/dL'], withMolecularWeight: [] },
  '10*9/L': { always: ['10*3/uL', '/uL'], withMolecularWeight: [] },
  '/uL': { always: ['10*9/L'], withMolecularWeight: [] },
  'U/L': { always: ['ukat/L'], withMolecularWeight: [] },
  'ng/mL': { always: ['ug/L'], withMolecularWeight: [] },
};

export function unitOptions(analyte: AnalyteDefinition): string[] {
  const canonical = analyte.unit ?? '1';
  const alternatives = ALTERNATIVES[canonical];
  const units = [canonical, ...(alternatives?.always ?? []), ...(analyte.molecularWeight ? alternatives?.withMolecularWeight ?? [] : [])];
  return [...new Set(units)];
}
