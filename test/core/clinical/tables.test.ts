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

test('conversion constants are those of clinical-domain.md §7', () => {
  const bilirubin = ANALYTES.find((a) => a.key === 'bilirubin.total')!;
  const creatinine = ANALYTES.find((a) => a.key === 'creatinine')!;
  assert.deepEqual([bilirubin.molecularWeight, bilirubin.conventionalFactor?.factor, bilirubin.conventionalFactor?.from], [584.66, 17.1, 'mg/dL']);
  assert.deepEqual([creatinine.molecularWeight, creatinine.conventionalFactor?.factor, creatinine.conventionalFactor?.from], [113.12, 88.4, 'mg/dL']);
  // The conventional factor is the molecular-weight factor to three significant digits.
  for (const analyte of [bilirubin, creatinine]) {
    const derived = 10_000 / analyte.molecularWeight!;
    assert.equal(Number(derived.toPrecision(3)), analyte.conventionalFactor!.factor, analyte.key);
  }
});

test('codes marked unverified are codes of their own entry', () => {
  for (const analyte of ANALYTES) for (const code of analyte.unverified ?? []) assert.ok(analyte.loinc.includes(code), `${analyte.key} ${code}`);
  // The codes the shared fixtures use are the checked ones.
  for (const code of ['14631-6', '1742-6', '1920-8', '6768-6', '14682-9', '5902-2', '3173-2', '6301-6', '10230-1', '8480-6', '8462-4', '5196-1', '16933-4', '29615-2', '16128-1', '7917-8', '20507-0', '751-8', '777-3', '718-7']) {
    const analyte = analyteByLoinc(code);
    assert.ok(analyte && !(analyte.unverified ?? []).includes(code), code);
  }
});

test('default ranges follow clinical-domain.md §6: WS/T values for adults 20–79, sex- and age-split where the standard is', () => {
  const find = (analyte: string, sex: string, ageFrom?: number) => DEFAULT_REFERENCE_RANGES.filter((r) => r.analyte === analyte && r.sex === sex && (ageFrom === undefined || r.ageFrom === ageFrom));
  for (const range of DEFAULT_REFERENCE_RANGES) {
    // The published standard is cited, never a section of an internal reference document.
    assert.match(range.source, /WS\/T \d|MSD Manual/, `${range.analyte} cites its published source`);
    assert.doesNotMatch(range.source, /§|\.md/, `${range.analyte} cites no internal document`);
    assert.ok(range.confidence === 'V' || range.confidence === 'M', range.analyte);
    if (range.source.startsWith('WS/T')) assert.ok(range.ageFrom !== undefined && range.ageFrom >= 20 && range.ageTo !== undefined && range.ageTo <= 80, `${range.analyte} ${range.sex} limited to the adult band`);
  }
  assert.deepEqual(find('bilirubin.total', 'male').map((r) => r.high), [26]);
  assert.deepEqual(find('bilirubin.total', 'female').map((r) => r.high), [21]);
  assert.deepEqual(find('bilirubin.total', 'any').map((r) => r.high), [23]);
  assert.deepEqual(find('creatinine', 'male', 20).map((r) => [r.high, r.ageTo]), [[97, 60]]);
  assert.deepEqual(find('creatinine', 'male', 60).map((r) => [r.high, r.ageTo]), [[111, 80]]);
  assert.deepEqual(find('creatinine', 'female', 20).map((r) => [r.high, r.ageTo]), [[73, 60]]);
  assert.deepEqual(find('creatinine', 'female', 60).map((r) => [r.high, r.ageTo]), [[81, 80]]);
  assert.deepEqual(find('alp', 'female', 20).map((r) => [r.high, r.ageTo]), [[100, 50]]);
  assert.deepEqual(find('alp', 'female', 50).map((r) => [r.high, r.ageTo]), [[135, 80]]);
  assert.deepEqual(find('alt', 'male').map((r) => [r.low, r.high]), [[9, 50]]);
  assert.deepEqual(find('ast', 'female').map((r) => [r.low, r.high]), [[13, 35]]);
  assert.deepEqual(find('inr', 'any').map((r) => r.high), [1.2]);
  assert.ok(!DEFAULT_REFERENCE_RANGES.some((r) => r.analyte === 'ggt'), 'GGT has no value in clinical-domain.md');
});

test('scales: ECOG 0–5 and NYHA I–IV', () => {
  assert.deepEqual(scaleById('ECOG').grades, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(scaleById('NYHA').grades, [1, 2, 3, 4]);
  assert.deepEqual([1, 2, 3, 4].map(scaleById('NYHA').gradeLabel), ['I', 'II', 'III', 'IV']);
  assert.equal(parseGrade(scaleById('NYHA'), '0'), undefined);
  assert.equal(parseGrade(scaleById('ECOG'), '6'), undefined);
});
