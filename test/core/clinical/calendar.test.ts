import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageInYears, isIsoDate, isWithin, subtractDuration } from '../../../src/core/clinical/calendar.ts';

test('"six months" is six calendar months, the first day included', () => {
  assert.equal(subtractDuration('2026-03-01', { amount: 6, unit: 'mo' }), '2025-09-01');
  assert.ok(isWithin('2025-09-01', { amount: 6, unit: 'mo' }, '2026-03-01'));
  assert.ok(!isWithin('2025-08-31', { amount: 6, unit: 'mo' }, '2026-03-01'));
  // The day is clamped to the end of a shorter month.
  assert.equal(subtractDuration('2026-08-31', { amount: 6, unit: 'mo' }), '2026-02-28');
  assert.equal(subtractDuration('2024-08-31', { amount: 6, unit: 'mo' }), '2024-02-29');
  assert.equal(subtractDuration('2026-03-01', { amount: 5, unit: 'a' }), '2021-03-01');
  assert.equal(subtractDuration('2026-03-01', { amount: 28, unit: 'd' }), '2026-02-01');
  assert.equal(subtractDuration('2026-03-01', { amount: 2, unit: 'wk' }), '2026-02-15');
  assert.ok(!isWithin('2026-03-02', { amount: 6, unit: 'mo' }, '2026-03-01'), 'a later date is not in a look-back window');
});

test('age in whole years on the screening date', () => {
  assert.equal(ageInYears('2012-03-01', '2026-03-01'), 14);
  assert.equal(ageInYears('2012-03-02', '2026-03-01'), 13);
  assert.equal(ageInYears('1966-03-01', '2026-03-01'), 60);
  assert.equal(ageInYears('1965-03-01', '2026-03-01'), 61);
  assert.equal(ageInYears('2008-02-29', '2026-02-28'), 17);
  assert.equal(ageInYears('2008-02-29', '2026-03-01'), 18);
});

test('dates are validated', () => {
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2026-02-29'));
  assert.ok(!isIsoDate('2026-13-01'));
  assert.ok(!isIsoDate('01/03/2026'));
  assert.throws(() => subtractDuration('2026/03/01', { amount: 1, unit: 'd' }), /expected a date YYYY-MM-DD/);
});
