// Comparisons at a limit after a multiplication or a unit conversion: a value exactly at the limit
// is at the limit whatever binary floating point makes of the product, and any difference a
// laboratory could report still decides (evaluate.ts, compareNumbers; docs/eligibility.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import type { Rule, RuleSet } from '../../../src/core/criteria/rules.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { bundle, lab, L, patient } from '../../eligibility/panel/builder.ts';

const AS_OF = '2026-03-01';

function status(rule: Rule, resource: ReturnType<typeof lab>): string {
  const ruleSet: RuleSet = { nctId: 'NCT00000001', version: 1, review: 'reviewed', criteria: [{ id: 'c', kind: 'inclusion', text: 'c', rule }] };
  const facts = patientFactsFromFhir(bundle([patient('female', '1980-01-01'), resource]), { asOf: AS_OF });
  return evaluateRuleSet(ruleSet, facts, { asOf: AS_OF }).criteria[0].status;
}

const uln = (analyte: string, op: '<=' | '<' | '>' | '>=', value: number): Rule => ({ type: 'observation', analyte, comparison: { op, value, unit: 'xULN' } });

test('products that are not exact in binary (3 × 0.7 = 2.0999999999999996, 3 × 1.1 = 3.3000000000000003) meet a value at the limit', () => {
  assert.equal(3 * 0.7 === 2.1, false, 'the premise: the product is not exact');
  assert.equal(status(uln('inr', '<=', 3), lab(L.inr, 2.1, '{INR}', { high: 0.7 })), 'pass');
  assert.equal(status(uln('inr', '<', 3), lab(L.inr, 2.1, '{INR}', { high: 0.7 })), 'fail', 'strictly below excludes the limit itself');
  assert.equal(status(uln('inr', '<=', 3), lab(L.inr, 3.3, '{INR}', { high: 1.1 })), 'pass');
  assert.equal(status(uln('inr', '>=', 3), lab(L.inr, 3.3, '{INR}', { high: 1.1 })), 'pass');
  assert.equal(status(uln('inr', '>', 3), lab(L.inr, 3.3, '{INR}', { high: 1.1 })), 'fail');
});

test('a difference a lab could report still decides (2.1001 > 3 × 0.7)', () => {
  assert.equal(status(uln('inr', '<=', 3), lab(L.inr, 2.1001, '{INR}', { high: 0.7 })), 'fail');
  assert.equal(status(uln('inr', '<=', 3), lab(L.inr, 2.0999, '{INR}', { high: 0.7 })), 'pass');
});

test('value and ULN both in mg/dL: the ratio is the same as in mg/dL (1.8 / 1.2 = 1.5 × ULN, after × 17.1 on both)', () => {
  assert.equal(status(uln('bilirubin.total', '<=', 1.5), lab(L.tbilMass, 1.8, 'mg/dL', { high: 1.2 })), 'pass');
  assert.equal(status(uln('bilirubin.total', '>', 1.5), lab(L.tbilMass, 1.8, 'mg/dL', { high: 1.2 })), 'fail');
  assert.equal(status(uln('creatinine', '<=', 1.5), lab(L.creatMass, 1.65, 'mg/dL', { high: 1.1 })), 'pass');
  assert.equal(status(uln('creatinine', '<=', 1.5), lab(L.creatMass, 1.66, 'mg/dL', { high: 1.1 })), 'fail');
});

test('a fixed threshold: LVEF exactly 50 % meets ≥ 50 %; PLT < 20 000/µL against 20 ×10³/µL and 19.9 ×10⁹/L', () => {
  assert.equal(status({ type: 'observation', analyte: 'lvef', comparison: { op: '>=', value: 50, unit: '%' } }, lab(L.lvef, 50, '%')), 'pass');
  assert.equal(status({ type: 'observation', analyte: 'platelets', comparison: { op: '<', value: 20000, unit: '/uL' } }, lab(L.plt, 20, '10*3/uL')), 'fail');
  assert.equal(status({ type: 'observation', analyte: 'platelets', comparison: { op: '<', value: 20000, unit: '/uL' } }, lab(L.plt, 19.9, '10*9/L')), 'pass');
});
