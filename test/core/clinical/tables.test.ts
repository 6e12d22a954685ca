// The clinical tables are data: these checks keep them consistent with each other and with the rule language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ANALYTES, analyteByLoinc } from '../../../src/core/clinical/tables/analytes.ts';
import { CONCEPTS, conceptById, conceptCodes } from '../../../src/core/clinical/tables/conditions.ts';
import { DEFAULT_REFERENCE_RANGES } from '../../../src/core/clinical/tables/reference-ranges.ts';
import { parseGrade, scaleById } from '../../../src/core/clinical/tables/scales.ts';
import { isUcumUnit } from '../../../src/core/patient/units.ts';
import type { Rule } from '../../../src/core/criteria/rules.ts';

test('every analyte has a unique key and LOINC codes, and quantities a valid canonical UCUM unit', () => {
  const keys = new Set<string>();
  const codes = new Set<string>();
  for (const analyte of ANALYTES) {
    assert.ok(!keys.has(analyte.key), analyte.key);
    keys.add(analyte.key);
    for (const code of analyte.loinc) {
      assert.match(code, /^\d{1,6}-\d$/, `${analyte.key} ${code}`);
      assert.ok(!codes.has(code), `LOINC ${code} is listed twice`);
      codes.add(code);
    }
    if (analyte.kind === 'quantity') assert.ok(analyte.unit && isUcumUnit(analyte.unit), `${analyte.key} unit ${analyte.unit}`);
    assert.ok(analyte.label.en && analyte.label.zh, analyte.key);
  }
  assert.equal(analyteByLoinc('14631-6')?.key, 'bilirubin.total');
});

test('the analytes and concepts the parser contract names all exist', () => {
  for (const key of ['bilirubin.total', 'bilirubin.direct', 'alt', 'ast', 'alp', 'ggt', 'creatinine', 'creatinine.clearance', 'egfr', 'bun', 'albumin', 'hemoglobin', 'anc', 'platelets', 'wbc', 'lymphocytes', 'reticulocytes', 'inr', 'pt', 'aptt', 'fibrinogen', 'lvef', 'bp.systolic', 'bp.diastolic', 'heart.rate', 'bmi', 'weight', 'height', 'hba1c', 'glucose', 'potassium', 'sodium', 'calcium', 'magnesium', 'tsh', 'qtc', 'spo2', 'hbv.dna', 'hcv.rna', 'cd4', 'hbsag', 'hbcab', 'hbsab', 'hcv.ab', 'hiv', 'syphilis', 'pregnancy.test']) {
    assert.ok(ANALYTES.some((analyte) => analyte.key === key), key);
  }
  for (const id of ['aplastic-anemia', 'aplastic-anemia.severe', 'pure-red-cell-aplasia', 'paroxysmal-nocturnal-hemoglobinuria', 'myelodysplastic-syndrome', 'immune-related-pancytopenia', 'acute-arrest-of-hemopoiesis', 'cytopenia-of-unknown-significance', 'bone-marrow-failure', 'malignancy', 'skin-squamous-cell-carcinoma', 'skin-basal-cell-carcinoma', 'melanoma', 'cervical-carcinoma-in-situ', 'hiv', 'hepatitis-b', 'hepatitis-c', 'syphilis', 'tuberculosis', 'heart-failure', 'hypertension', 'severe-mental-illness', 'infection', 'hemorrhage', 'iron-deficiency-anemia', 'pregnancy', 'hsct', 'anticoagulant']) {
    assert.ok(conceptById(id), id);
  }
});

test('concept groups include their members; every include names a concept', () => {
  for (const concept of CONCEPTS) for (const included of concept.includes ?? []) assert.ok(conceptById(included), `${concept.id} includes ${included}`);
  const bmf = conceptCodes('bone-marrow-failure');
  assert.ok(bmf.some((c) => c.code === 'D61.9' && c.prefix));
  assert.ok(bmf.some((c) => c.code === 'D46'));
  assert.ok(bmf.some((c) => c.code === 'acute-arrest-of-hemopoiesis'));
});

test('default reference ranges name a source, use the canonical unit and have low ≤ high', () => {
  for (const range of DEFAULT_REFERENCE_RANGES) {
    const analyte = ANALYTES.find((a) => a.key === range.analyte);
    assert.ok(analyte, range.analyte);
    assert.equal(range.unit, analyte.unit, range.analyte);
    assert.ok(range.source.length > 0);
    if (range.low !== undefined && range.high !== undefined) assert.ok(range.low <= range.high);
  }
  // Coagulation times have no default ULN (reagent-dependent, clinical-domain.md §6b).
  assert.ok(!DEFAULT_REFERENCE_RANGES.some((r) => r.analyte === 'pt' || r.analyte === 'aptt'));
});

test('scale grades parse from numbers and Roman numerals', () => {
  const nyha = scaleById('NYHA');
  assert.equal(parseGrade(nyha, 'Class III'), 3);
  assert.equal(parseGrade(nyha, 'IV'), 4);
  assert.equal(parseGrade(nyha, '5'), undefined);
  assert.equal(parseGrade(scaleById('ECOG'), 'ECOG 2'), 2);
});

test('the seed rule sets only name analytes, concepts and scales that exist', () => {
  for (const id of ['NCT05794425', 'NCT03055078']) {
    const ruleSet = JSON.parse(readFileSync(`data/seed-trials/${id}.rules.json`, 'utf8')) as { criteria: Array<{ rule: Rule }> };
    const visit = (rule: Rule): void => {
      if (rule.type === 'all' || rule.type === 'any') rule.rules.forEach(visit);
      else if (rule.type === 'not') visit(rule.rule);
      else if (rule.type === 'observation' || rule.type === 'qualitative') assert.ok(ANALYTES.some((a) => a.key === rule.analyte), rule.analyte);
      else if (rule.type === 'condition') for (const ref of [rule.condition, ...(rule.except ?? [])]) assert.ok(conceptById(ref.concept), ref.concept);
      else if (rule.type === 'medication') assert.ok(conceptById(rule.medication.concept));
      else if (rule.type === 'procedure') assert.ok(conceptById(rule.procedure.concept));
      else if (rule.type === 'allergy' && rule.substance) assert.ok(conceptById(rule.substance.concept));
      else if (rule.type === 'score') assert.ok(scaleById(rule.scale));
    };
    for (const criterion of ruleSet.criteria) visit(criterion.rule);
  }
});
