// Limits of normal: the result's own range, then the site's range (sex, age band, effective dates), then the default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexSiteRanges, resolveLimit, type SiteReferenceRange } from '../../../src/core/patient/limits.ts';
import type { QuantityFact } from '../../../src/core/patient/facts.ts';

const fact = (analyte: string, date: string, referenceRange?: QuantityFact['referenceRange']): QuantityFact => ({ analyte, value: 10, unit: 'umol/L', recorded: { value: 10, unit: 'umol/L' }, date, source: 'Observation/x', referenceRange });
const site = (range: Partial<SiteReferenceRange>): SiteReferenceRange => ({ siteId: 's1', analyte: 'creatinine', sex: 'any', unit: 'umol/L', source: 'site lab', effectiveFrom: '2025-01-01', ...range });

test('the result\'s own reference range comes first', () => {
  const ranges = indexSiteRanges([site({ high: 90 })]);
  const limit = resolveLimit(fact('creatinine', '2026-02-01', { high: 84 }), 'high', { sex: 'male', birthDate: '1980-01-01' }, ranges);
  assert.deepEqual([limit?.value, limit?.source], [84, 'observation']);
});

test('then the site range for the sex and age band in force on the collection date', () => {
  const ranges = indexSiteRanges([
    site({ sex: 'any', high: 100 }),
    site({ sex: 'male', ageTo: 60, high: 97 }),
    site({ sex: 'male', ageFrom: 60, high: 111 }),
    site({ sex: 'male', ageTo: 60, high: 95, effectiveFrom: '2026-01-01' }),
    site({ sex: 'female', high: 1.0, unit: 'mg/dL' }),
  ]);
  const male40 = { sex: 'male' as const, birthDate: '1986-01-01' };
  assert.equal(resolveLimit(fact('creatinine', '2025-06-01'), 'high', male40, ranges)?.value, 97);
  assert.equal(resolveLimit(fact('creatinine', '2026-02-01'), 'high', male40, ranges)?.value, 95, 'the newer range in force');
  assert.equal(resolveLimit(fact('creatinine', '2026-02-01'), 'high', { sex: 'male', birthDate: '1960-01-01' }, ranges)?.value, 111);
  const female = resolveLimit(fact('creatinine', '2026-02-01'), 'high', { sex: 'female', birthDate: '1960-01-01' }, ranges);
  assert.equal(female!.value, 88.4, 'converted from mg/dL with the conventional factor 88.4');
  assert.equal(female?.source, 'site');
  assert.equal(resolveLimit(fact('creatinine', '2026-02-01'), 'high', { sex: undefined, birthDate: undefined }, ranges)?.value, 100);
  assert.equal(resolveLimit(fact('creatinine', '2024-06-01'), 'high', male40, ranges)?.source, 'default', 'no site range in force before 2025');
});

test('then the documented default (WS/T first), which says where it came from', () => {
  const male = resolveLimit(fact('creatinine', '2026-02-01'), 'high', { sex: 'male', birthDate: '1990-01-01' });
  assert.deepEqual([male?.value, male?.source], [97, 'default']);
  assert.match(male!.detail, /WS\/T 404\.5-2015/);
  assert.equal(resolveLimit(fact('creatinine', '2026-02-01'), 'high', { sex: 'female', birthDate: '1950-01-01' })?.value, 81);
  assert.equal(resolveLimit(fact('bilirubin.total', '2026-02-01'), 'high', { sex: 'female', birthDate: '1990-01-01' })?.value, 21);
  assert.equal(resolveLimit(fact('bilirubin.total', '2026-02-01'), 'high', { sex: 'male', birthDate: '1990-01-01' })?.value, 26);
  assert.equal(resolveLimit(fact('bilirubin.total', '2026-02-01'), 'high', { sex: 'unknown', birthDate: '1990-01-01' })?.value, 23, 'sex-combined');
  assert.equal(resolveLimit(fact('pt', '2026-02-01'), 'high', { sex: 'male', birthDate: '1990-01-01' }), undefined, 'no default ULN for PT');
  assert.equal(resolveLimit(fact('aptt', '2026-02-01'), 'high', { sex: 'male', birthDate: '1990-01-01' }), undefined, 'no default ULN for APTT');
  assert.equal(resolveLimit(fact('inr', '2026-02-01'), 'high', { sex: 'male', birthDate: '2012-01-01' })?.value, 1.2, 'INR ULN defaults to 1.2 at any age');
  assert.equal(resolveLimit(fact('hemoglobin', '2026-02-01'), 'low', { sex: 'female', birthDate: '1990-01-01' })?.value, 115);
});

test('default creatinine and ALP limits change at the age boundaries of WS/T 404 (birthday on the collection date)', () => {
  const limit = (analyte: string, sex: 'female' | 'male', birthDate: string) => resolveLimit(fact(analyte, '2026-02-01'), 'high', { sex, birthDate })?.value;
  assert.equal(limit('creatinine', 'male', '1966-02-02'), 97, '59, 60th birthday tomorrow');
  assert.equal(limit('creatinine', 'male', '1966-02-01'), 111, '60 today');
  assert.equal(limit('creatinine', 'female', '1966-02-02'), 73);
  assert.equal(limit('creatinine', 'female', '1966-02-01'), 81);
  assert.equal(limit('alp', 'female', '1976-02-02'), 100, '49');
  assert.equal(limit('alp', 'female', '1976-02-01'), 135, '50');
  assert.equal(limit('alp', 'male', '1976-02-01'), 125, 'the male ALP range is not age-split');
});

test('the WS/T defaults cover adults 20–79 only: a teenager or an 80-year-old needs the lab\'s or the site\'s range', () => {
  const limit = (analyte: string, birthDate: string | undefined) => resolveLimit(fact(analyte, '2026-02-01'), 'high', { sex: 'female', birthDate });
  assert.equal(limit('alp', '2010-06-01'), undefined, '15-year-old: adolescent ALP is far above the adult range');
  assert.equal(limit('bilirubin.total', '2006-02-02'), undefined, '19');
  assert.equal(limit('bilirubin.total', '2006-02-01')?.value, 21, '20');
  assert.equal(limit('creatinine', '1946-02-02')?.value, 81, '79');
  assert.equal(limit('creatinine', '1946-02-01'), undefined, '80');
  assert.equal(limit('alt', undefined), undefined, 'no birth date: the age band cannot be chosen');
});
