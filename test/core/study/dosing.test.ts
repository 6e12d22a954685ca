// Dose checks against the seed studies' dosing rules (clinical-domain.md §0, §8a) at their bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDose, doseUnitCode } from '../../../src/core/study/dosing.ts';

const msc = (value: number, unit: string, weight?: number) => checkDose({ study: 'NCT03055078', product: 'UC-MSC', dose: { value, unit }, ...(weight ? { weight: { value: weight, unit: 'kg' } } : {}) });
const csa = (value: number, unit: string, weight?: number) => checkDose({ study: 'NCT05794425', product: 'cyclosporine A', arm: 'cyclosporine A', dose: { value, unit }, ...(weight ? { weight: { value: weight, unit: 'kg' } } : {}) });

test('NCT03055078 UC-MSC: 100–300 ×10⁶ cells per infusion, both ends allowed', () => {
  assert.deepEqual([99.9, 100, 300, 300.1].map((v) => msc(v, '10^6 cells').status), ['warning', 'ok', 'ok', 'warning']);
  assert.equal(msc(100_000_000, 'cells').status, 'ok');
  assert.equal(msc(99_999_999, 'cells').status, 'warning');
  const high = msc(350, '×10⁶ cells', 70);
  assert.match(high.message, /UC-MSC 350 ×10⁶ cells \(= 350 ×10⁶ cells = 5 ×10⁶ cells\/kg at 70 kg\): above the allowed 100–300 ×10⁶ cells per infusion/);
  assert.match(msc(50, '10*6.{cells}').message, /below the allowed 100–300/);
});

test('a per-kg cell dose is checked through the day\'s weight; without it the check says what it needs', () => {
  assert.deepEqual([msc(2, '10^6 cells/kg', 60).status, msc(2, '10^6 cells/kg', 60).total], ['ok', 120]);
  assert.equal(msc(5.1, '10^6 cells/kg', 60).status, 'warning');
  assert.equal(msc(1.5, '10^6 cells/kg', 140, ).status, 'ok', '210 ×10⁶ cells');
  const noWeight = msc(2, '10^6 cells/kg');
  assert.equal(noWeight.status, 'unchecked');
  assert.match(noWeight.message, /the day's weight is needed/);
});

test('NCT05794425 cyclosporine A: 3–5 mg/kg/day; mg/day divided by the day\'s weight', () => {
  assert.deepEqual([2.9, 3, 5, 5.1].map((v) => csa(v, 'mg/kg/day').status), ['warning', 'ok', 'ok', 'warning']);
  assert.equal(csa(350, 'mg/day', 70).status, 'ok');
  assert.equal(csa(357, 'mg/day', 70).status, 'warning');
  assert.equal(csa(210, 'mg/d', 70).status, 'ok');
  assert.equal(csa(350, 'mg/day').status, 'unchecked');
  assert.match(csa(5.5, 'mg').message, /unit "mg" cannot be converted to mg\/day or mg\/kg\/day/);
});

test('a product without a rule is unchecked, saying so', () => {
  const result = checkDose({ study: 'NCT05794425', product: 'UC-MSC', dose: { value: 1, unit: '10^6 cells/kg' } });
  assert.equal(result.status, 'unchecked');
  assert.match(result.message, /NCT05794425 has no dosing rule for UC-MSC/);
});

test('dose units people write become UCUM', () => {
  assert.equal(doseUnitCode('10^6 cells'), '10*6.{cells}');
  assert.equal(doseUnitCode('×10⁶ cells/kg'), '10*6.{cells}/kg');
  assert.equal(doseUnitCode('10*6.{cells}'), '10*6.{cells}');
  assert.equal(doseUnitCode('cells/kg'), '{cells}/kg');
  assert.equal(doseUnitCode('mg/kg/day'), 'mg/kg/d');
});
