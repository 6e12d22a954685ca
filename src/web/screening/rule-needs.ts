// What a trial's rules ask of a patient record, so that the hand-entry form offers exactly those
// fields: the diagnoses (with the concepts a group such as "bone-marrow failure" includes), the
// measurements and whether a limit of normal is needed for them, the tests, the scales, pregnancy,
// medications and procedures. Pure.
import { analyteByKey, type AnalyteDefinition } from '../../core/clinical/tables/analytes.ts';
import { conceptById, type ConceptDefinition } from '../../core/clinical/tables/conditions.ts';
import type { Rule, SCALES } from '../../core/criteria/rules.ts';
import { forEachLeaf, type LeafRule } from '../../core/criteria/walk.ts';

export type ScaleId = (typeof SCALES)[number];

export interface MeasurementNeed {
  analyte: AnalyteDefinition;
  /** A rule compares it with a multiple of the upper (or lower) limit of normal. */
  needsUpperLimit: boolean;
  needsLowerLimit: boolean;
}

export interface RuleNeeds {
  age: boolean;
  sex: boolean;
  conditions: ConceptDefinition[];
  measurements: MeasurementNeed[];
  tests: AnalyteDefinition[];
  scales: ScaleId[];
  pregnancy: boolean;
  lactation: boolean;
  medications: ConceptDefinition[];
  procedures: ConceptDefinition[];
  allergy: boolean;
}

/** The needs of a whole rule set, each item once, in the order the rules first mention it. */
export function ruleNeeds(rules: readonly Rule[]): RuleNeeds {
  const conditions = new Map<string, ConceptDefinition>();
  const measurements = new Map<string, MeasurementNeed>();
  const tests = new Map<string, AnalyteDefinition>();
  const scales = new Set<ScaleId>();
  const medications = new Map<string, ConceptDefinition>();
  const procedures = new Map<string, ConceptDefinition>();
  const needs = { age: false, sex: false, pregnancy: false, lactation: false, allergy: false };

  const addConcept = (target: Map<string, ConceptDefinition>, id: string): void => {
    const concept = conceptById(id);
    if (!concept || target.has(id)) return;
    target.set(id, concept);
    // A group is recorded as one of its members: offer them too.
    for (const member of concept.includes ?? []) addConcept(target, member);
  };

  const visit = (rule: LeafRule): void => {
    switch (rule.type) {
      case 'observation': {
        const analyte = analyteByKey(rule.analyte);
        if (!analyte || analyte.kind !== 'quantity') return;
        const need = measurements.get(analyte.key) ?? { analyte, needsUpperLimit: false, needsLowerLimit: false };
        if (rule.comparison.unit === 'xULN') need.needsUpperLimit = true;
        if (rule.comparison.unit === 'xLLN') need.needsLowerLimit = true;
        measurements.set(analyte.key, need);
        return;
      }
      case 'qualitative': {
        const analyte = analyteByKey(rule.analyte);
        if (analyte && !tests.has(analyte.key)) tests.set(analyte.key, analyte);
        return;
      }
      case 'age':
        needs.age = true;
        return;
      case 'sex':
        needs.sex = true;
        return;
      case 'condition':
        addConcept(conditions, rule.condition.concept);
        for (const exception of rule.except ?? []) addConcept(conditions, exception.concept);
        return;
      case 'score':
        scales.add(rule.scale);
        return;
      case 'pregnancy':
        if (rule.state === 'pregnant') needs.pregnancy = true;
        else needs.lactation = true;
        return;
      case 'medication':
        addConcept(medications, rule.medication.concept);
        return;
      case 'procedure':
        addConcept(procedures, rule.procedure.concept);
        return;
      case 'allergy':
        needs.allergy = true;
        return;
      case 'confirm':
        return;
    }
  };
  for (const rule of rules) forEachLeaf(rule, (leaf) => visit(leaf));

  return {
    ...needs,
    conditions: [...conditions.values()],
    measurements: [...measurements.values()],
    tests: [...tests.values()],
    scales: [...scales],
    medications: [...medications.values()],
    procedures: [...procedures.values()],
  };
}
