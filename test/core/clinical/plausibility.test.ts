// Impossible clinical values: every quantitative analyte has a possible range (nothing negative for
// counts, enzymes, concentrations), checked at its limits by the FHIR reader (the value is not used,
// a problem names resource, field, value and range) and by the hand-entry schema (the field is refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ANALYTES, type AnalyteDefinition } from '../../../src/core/clinical/tables/analytes.ts';
import { PLAUSIBLE_RANGES, plausibleRange } from '../../../src/core/clinical/tables/plausibility.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { manualRecordSchema } from '../../../src/core/patient/manual.ts';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import { ruleSetSchema } from '../../../src/core/criteria/rules.ts';
import { bundle, lab, L, multicenterPatient, patient, textResult } from '../../eligibility/panel/builder.ts';

const AS_OF = '2026-03-01';
const DAY = '2026-02-24';
const MULTI = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
const QUANTITIES = ANALYTES.filter((analyte) => analyte.kind === 'quantity');

/** Just outside each limit: below the lowest, above the highest possible value. */
const below = (min: number) => min - 0.001;
const above = (max: number) => max + Math.max(0.001, max * 1e-6);

test('every quantitative analyte has one possible range with its basis, and none allows a negative value', () => {
  assert.deepEqual(PLAUSIBLE_RANGES.map((range) => range.analyte).sort(), QUANTITIES.map((analyte) => analyte.key).sort());
  for (const range of PLAUSIBLE_RANGES) {
    assert.ok(range.min >= 0, `${range.analyte}: min ${range.min}`);
    assert.ok(range.max > range.min, range.analyte);
    assert.ok(range.basis.length > 10, range.analyte);
  }
  assert.deepEqual(plausibleRange('hemoglobin'), { analyte: 'hemoglobin', min: 0, max: 250, basis: plausibleRange('hemoglobin')!.basis });
  assert.equal(plausibleRange('alt')?.min, 0);
  assert.equal(plausibleRange('hbsag'), undefined);
});

function read(analyte: AnalyteDefinition, value: number) {
  const observation = lab(analyte.loinc[0], value, analyte.unit!);
  return { facts: patientFactsFromFhir(bundle([patient('female', '1988-04-02'), observation]), { asOf: AS_OF }), ref: `Observation/${observation.id as string}` };
}

test('the FHIR reader uses a value at either limit and reports one just outside, naming resource, field, value and range', () => {
  for (const analyte of QUANTITIES) {
    const range = plausibleRange(analyte.key)!;
    for (const value of [range.min, range.max]) {
      const { facts } = read(analyte, value);
      assert.equal(facts.quantities.get(analyte.key)?.[0].value, value, `${analyte.key} ${value}`);
      assert.deepEqual(facts.problems, [], analyte.key);
    }
    for (const value of [below(range.min), above(range.max)]) {
      const { facts, ref } = read(analyte, value);
      assert.equal(facts.quantities.get(analyte.key), undefined, `${analyte.key} ${value} is used`);
      assert.equal(facts.problems.length, 1, analyte.key);
      const [problem] = facts.problems;
      assert.equal(problem.resource, ref);
      assert.equal(problem.field, 'valueQuantity.value');
      assert.deepEqual(problem.scope, { kind: 'analyte', analyte: analyte.key });
      assert.ok(problem.message.startsWith(`${ref} valueQuantity.value: ${value} ${analyte.unit}`), problem.message);
      assert.ok(problem.message.includes(`expected ${range.min}–${range.max}`), problem.message);
    }
  }
});

test('a value in another unit is judged after conversion; a text result too', () => {
  const hb = (value: number, unit: string) => patientFactsFromFhir(bundle([patient('female', '1988-04-02'), lab(L.hb, value, unit)]), { asOf: AS_OF });
  assert.equal(hb(25, 'g/dL').quantities.get('hemoglobin')?.[0].value, 250);
  assert.match(hb(25.1, 'g/dL').problems[0].message, /valueQuantity\.value: 25\.1 g\/dL \(251 g\/L\) is not a possible hemoglobin: expected 0–250 g\/L; the value is not used/);
  const text = patientFactsFromFhir(bundle([patient('female', '1988-04-02'), textResult(L.plt, '6000 10*9/L')]), { asOf: AS_OF });
  assert.equal(text.quantities.get('platelets'), undefined);
  assert.equal(text.problems[0].field, 'valueString');
});

test('ALT −25 U/L no longer makes a patient eligible: the liver criterion is unknown, naming the value and the range', () => {
  const facts = patientFactsFromFhir(multicenterPatient({ labs: { alt: lab(L.alt, -25, 'U/L', { high: 40 }) } }), { asOf: AS_OF });
  const result = evaluateRuleSet(MULTI, facts, { asOf: AS_OF });
  assert.notEqual(result.verdict, 'eligible');
  const unknown = result.criteria.filter((criterion) => criterion.status === 'unknown');
  assert.ok(unknown.length > 0);
  for (const criterion of unknown) assert.match(criterion.reason, /valueQuantity\.value: -25 U\/L is not a possible ALT \(alanine aminotransferase\): expected 0–100000 U\/L/, criterion.id);
  assert.ok(result.criteria.every((criterion) => !criterion.evidence.some((item) => item.value === -25)));
});

test('hand entry refuses a value just outside the range and takes one at either limit, in any unit', () => {
  const entry = (analyte: AnalyteDefinition, value: number, extra: Record<string, unknown> = {}) => manualRecordSchema.safeParse({ results: [{ analyte: analyte.key, value, date: DAY, ...extra }] });
  for (const analyte of QUANTITIES) {
    const range = plausibleRange(analyte.key)!;
    for (const value of [range.min, range.max]) assert.ok(entry(analyte, value).success, `${analyte.key} ${value}`);
    for (const value of [below(range.min), above(range.max)]) {
      const parsed = entry(analyte, value);
      assert.ok(!parsed.success, `${analyte.key} ${value} accepted`);
      assert.deepEqual(parsed.error.issues.map((issue) => issue.path.join('.')), ['results.0.value']);
      assert.match(parsed.error.issues[0].message, new RegExp(`^expected a possible .+: ${range.min}–${range.max}`));
    }
  }
  const hemoglobin = QUANTITIES.find((analyte) => analyte.key === 'hemoglobin')!;
  assert.ok(entry(hemoglobin, 25, { unit: 'g/dL' }).success);
  const tooHigh = entry(hemoglobin, 25.1, { unit: 'g/dL' });
  assert.equal(!tooHigh.success && tooHigh.error.issues[0].message, 'expected a possible hemoglobin: 0–250 g/L (25.1 g/dL = 251 g/L)');
});

test('hand entry refuses an unusable limit or unit, naming the field', () => {
  const issues = (result: Record<string, unknown>) => {
    const parsed = manualRecordSchema.safeParse({ results: [{ analyte: 'alt', value: 30, date: DAY, ...result }] });
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };
  assert.deepEqual(issues({ uln: 0 }), ['results.0.uln: expected a positive upper limit of normal']);
  assert.deepEqual(issues({ uln: 40, lln: 50 }), ['results.0.lln: expected a lower limit of normal below the upper limit 40']);
  assert.deepEqual(issues({ uln: 200_000 }), ['results.0.uln: expected a possible ALT (alanine aminotransferase): 0–100000 U/L']);
  assert.equal(issues({ unit: 'mg/dk' })[0].split(':')[0], 'results.0.unit');
});
