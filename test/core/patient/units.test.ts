import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyteByKey } from '../../../src/core/clinical/tables/analytes.ts';
import { conversionFactor, normalizeUnitSpelling, toCanonicalUnit } from '../../../src/core/patient/units.ts';

const analyte = (key: string) => analyteByKey(key)!;
const near = (actual: number, expected: number, tolerance = 1e-3) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
function converted(value: number, unit: string, key: string): number {
  const result = toCanonicalUnit(value, unit, analyte(key));
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
}

test('bilirubin: mg/dL → µmol/L with the conventional factor 17.1 (clinical-domain.md §7), molar units with the molecular weight 584.66', () => {
  assert.equal(converted(1, 'mg/dL', 'bilirubin.total'), 17.1);
  assert.equal(converted(1.2, 'mg/dL', 'bilirubin.total'), 20.52);
  assert.equal(converted(1.842, 'mg/dL', 'bilirubin.total'), 31.4982, 'float noise (31.498199999999997) removed');
  assert.equal(converted(12, 'mg/L', 'bilirubin.total'), 20.52, 'other mass units go through mg/dL');
  near(converted(1, 'mg/dL', 'bilirubin.direct'), 17.1);
  assert.equal(converted(21, 'umol/L', 'bilirubin.total'), 21);
  assert.equal(converted(21, 'µmol/L', 'bilirubin.total'), 21);
  near(converted(0.021, 'mmol/L', 'bilirubin.total'), 21);
});

test('creatinine: mg/dL → µmol/L with the conventional factor 88.4 (clinical-domain.md §7; MW 113.12)', () => {
  assert.equal(converted(1, 'mg/dL', 'creatinine'), 88.4);
  assert.equal(converted(0.95, 'mg/dl', 'creatinine'), 83.98);
  near(converted(0.1, 'mmol/L', 'creatinine'), 100, 1e-9);
});

test('cell counts: 10*9/L = 10*3/uL = 1000/mm3', () => {
  assert.equal(converted(20, '10*3/uL', 'platelets'), 20);
  assert.equal(converted(20000, '/uL', 'platelets'), 20);
  assert.equal(converted(20000, '/mm3', 'platelets'), 20);
  assert.equal(converted(1.5, '10^9/L', 'anc'), 1.5);
  assert.equal(converted(1.5, '×10⁹/L', 'anc'), 1.5);
  assert.equal(converted(500, 'cells/uL', 'anc'), 0.5);
});

test('hemoglobin g/dL → g/L, urea nitrogen mg/dL → mmol/L (×0.357), enzymes IU/L ≡ U/L', () => {
  assert.equal(converted(10, 'g/dL', 'hemoglobin'), 100);
  near(converted(6.2, 'mmol/L', 'hemoglobin'), 99.91, 0.01);
  near(converted(10, 'mg/dL', 'bun'), 3.5697);
  assert.equal(converted(40, 'IU/L', 'alt'), 40);
  assert.equal(converted(120, 'mmHg', 'bp.systolic'), 120);
});

test('an unknown unit and an incompatible unit are refused with a message naming the unit and what was expected', () => {
  const unknown = toCanonicalUnit(1, 'mg/dk', analyte('creatinine'));
  assert.equal(unknown.ok, false);
  assert.match(!unknown.ok ? unknown.message : '', /"mg\/dk" is not a UCUM unit; expected serum creatinine in umol\/L/);
  const incompatible = toCanonicalUnit(1, 'kg', analyte('creatinine'));
  assert.equal(incompatible.ok, false);
  assert.match(!incompatible.ok ? incompatible.message : '', /"kg" cannot be converted to umol\/L/);
  // HBV DNA IU and copies are different analytes: the conversion is assay-specific.
  assert.equal(toCanonicalUnit(100, '[IU]/mL', analyte('hbv.dna')).ok, false);
});

test('conversion factors are computed once and reused', () => {
  assert.equal(conversionFactor('mg/dL', 'umol/L', 584.66), conversionFactor('mg/dL', 'umol/L', 584.66));
  assert.equal(conversionFactor('kg', 'umol/L'), null);
  assert.equal(normalizeUnitSpelling('x10^3/uL'), '10*3/uL');
});
