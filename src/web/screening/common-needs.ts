// The hand-entry fields of "check against all trials", where no single trial says what it needs: a
// common screening panel (age and sex, blood counts, liver and kidney function with their upper limits,
// LVEF, viral serology, ECOG, pregnancy and breastfeeding, bone-marrow-failure diagnoses, malignancy,
// anticoagulants, previous HSCT) — Eligo's choice, drawn from what the seed trials and the parser's
// most frequent thresholds ask for. Only entries the server's catalog knows are offered. Pure.
import { analyteByKey, type AnalyteDefinition } from '../../core/clinical/tables/analytes.ts';
import { conceptById, type ConceptDefinition } from '../../core/clinical/tables/conditions.ts';
import type { EligibilityCatalog } from '../api/eligibility.ts';
import type { MeasurementNeed, RuleNeeds, ScaleId } from './rule-needs.ts';

export const COMMON_PANEL = {
  /** Measurements; `uln` marks those usually limited as a multiple of the upper limit of normal. */
  measurements: [
    { key: 'hemoglobin' }, { key: 'anc' }, { key: 'platelets' }, { key: 'wbc' }, { key: 'reticulocytes' },
    { key: 'bilirubin.total', uln: true }, { key: 'alt', uln: true }, { key: 'ast', uln: true }, { key: 'creatinine', uln: true },
    { key: 'lvef' },
  ],
  tests: ['hbsag', 'hcv.ab', 'hiv'],
  scales: ['ECOG'] as ScaleId[],
  conditions: ['aplastic-anemia', 'aplastic-anemia.severe', 'paroxysmal-nocturnal-hemoglobinuria', 'myelodysplastic-syndrome', 'malignancy'],
  medications: ['anticoagulant'],
  procedures: ['hsct'],
} as const;

export function commonNeeds(catalog: EligibilityCatalog): RuleNeeds {
  const analyteKeys = new Set(catalog.analytes.map((analyte) => analyte.key));
  const conceptIds = new Set(catalog.concepts.map((concept) => concept.id));
  const scaleIds = new Set(catalog.scales.map((scale) => scale.id));
  const analyte = (key: string) => (analyteKeys.has(key) ? analyteByKey(key) : undefined);
  const concepts = (ids: readonly string[]) => ids.filter((id) => conceptIds.has(id)).map(conceptById).filter((concept): concept is ConceptDefinition => concept !== undefined);
  const measurements: MeasurementNeed[] = [];
  for (const entry of COMMON_PANEL.measurements) {
    const definition = analyte(entry.key);
    if (definition?.kind === 'quantity') measurements.push({ analyte: definition, needsUpperLimit: 'uln' in entry && entry.uln, needsLowerLimit: false });
  }
  return {
    age: true,
    sex: true,
    conditions: concepts(COMMON_PANEL.conditions),
    measurements,
    tests: COMMON_PANEL.tests.map(analyte).filter((definition): definition is AnalyteDefinition => definition?.kind === 'qualitative'),
    scales: COMMON_PANEL.scales.filter((scale) => scaleIds.has(scale)),
    pregnancy: true,
    lactation: true,
    medications: concepts(COMMON_PANEL.medications),
    procedures: concepts(COMMON_PANEL.procedures),
    allergy: false,
  };
}
