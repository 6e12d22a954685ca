import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, parseAgeToYears } from '../../../src/core/trial/age.ts';

test('ages convert to years in every API unit', () => {
  assert.equal(parseAgeToYears('14 Years'), 14);
  assert.equal(parseAgeToYears('1 Year'), 1);
  assert.equal(parseAgeToYears('6 Months'), 0.5);
  assert.equal(parseAgeToYears('1 Month'), 1 / 12);
  assert.equal(parseAgeToYears('2 Weeks'), 14 / 365.25);
  assert.equal(parseAgeToYears('28 Days'), 28 / 365.25);
  assert.equal(parseAgeToYears('24 Hours'), 1 / 365.25);
  assert.equal(parseAgeToYears('1440 Minutes'), 1 / 365.25);
  assert.equal(parseAgeToYears('60 years'), 60);
});

test('absent ages are null', () => {
  assert.equal(parseAgeToYears(undefined), null);
  assert.equal(parseAgeToYears(null), null);
  assert.equal(parseAgeToYears(''), null);
  assert.equal(parseAgeToYears('N/A'), null);
});

test('a malformed age throws rather than reading as "no limit"', () => {
  assert.throws(() => parseAgeToYears('fourteen years'), /fourteen years/);
  assert.throws(() => parseAgeToYears('14 Decades'), RangeError);
  assert.throws(() => parseAgeToYears('14'), RangeError);
});

test('formatAge writes the API spelling', () => {
  assert.equal(formatAge(14, 'Year'), '14 Years');
  assert.equal(formatAge(1, 'Month'), '1 Month');
});
