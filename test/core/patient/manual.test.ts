// A patient entered by hand becomes a FHIR Bundle and screens like an exported record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ZodError } from 'zod';
import { bundleFromManualRecord, type ManualRecord } from '../../../src/core/patient/manual.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import { ruleSetSchema } from '../../../src/core/criteria/rules.ts';

const MULTI = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
const AS_OF = '2026-03-01';
const day = '2026-02-24';

const record: ManualRecord = {
  sex: 'female',
  birthDate: '1988-04-02',
  conditions: [{ concept: 'aplastic-anemia', onset: '2025-12-01' }],
  results: [
    { analyte: 'bilirubin.total', value: 0.7, unit: 'mg/dL', date: day, uln: 1.2 },
    { analyte: 'alt', value: 25, date: day, uln: 40 },
    { analyte: 'ast', value: 22, date: day, uln: 35 },
    { analyte: 'alp', value: 80, date: day, uln: 125 },
    { analyte: 'creatinine', value: 60, date: day, uln: 84 },
    { analyte: 'pt', value: 12, date: day, uln: 13.5 },
    { analyte: 'aptt', value: 30, date: day, uln: 37 },
    { analyte: 'inr', value: 1, date: day, uln: 1.2 },
    { analyte: 'lvef', value: 62, date: day },
    { analyte: 'bp.systolic', value: 122, date: day },
    { analyte: 'bp.diastolic', value: 76, date: day },
  ],
  tests: ['hbsag', 'hbcab', 'hcv.ab', 'hiv', 'syphilis'].map((analyte) => ({ analyte, result: 'negative' as const, date: day })),
  scores: [{ scale: 'ECOG', grade: 1, date: day }],
  pregnancy: { pregnant: false, date: day },
};

test('a hand-entered record screens like the exported one (m-aa-ok → eligible)', () => {
  const facts = patientFactsFromFhir(bundleFromManualRecord(record), { asOf: AS_OF });
  const result = evaluateRuleSet(MULTI, facts, { asOf: AS_OF });
  assert.deepEqual(result.warnings, []);
  assert.equal(result.verdict, 'eligible', result.criteria.map((c) => `${c.id} ${c.status} ${c.reason}`).join('\n'));
  const tbil = result.criteria.find((c) => c.id === 'inc-2')!.evidence[0];
  assert.equal(tbil.recorded?.unit, 'mg/dL');
  assert.equal(tbil.limit?.source, 'observation');
});

test('hand-entered medications, procedures and allergies are matched through Eligo concept codes', () => {
  const facts = patientFactsFromFhir(bundleFromManualRecord({ ...record, procedures: [{ concept: 'hsct', date: '2020-01-01' }], allergies: [{ substance: 'penicillin', severe: true }] }), { asOf: AS_OF });
  const result = evaluateRuleSet(MULTI, facts, { asOf: AS_OF });
  assert.equal(result.criteria.find((c) => c.id === 'exc-9')!.status, 'fail');
  assert.equal(result.criteria.find((c) => c.id === 'exc-7')!.status, 'fail');
});

test('bad hand-entered fields are named', () => {
  assert.throws(() => bundleFromManualRecord({ results: [{ analyte: 'unobtainium', value: 1, date: day }] }), (error: ZodError) => error.issues[0].path.join('.') === 'results.0.analyte');
  assert.throws(() => bundleFromManualRecord({ scores: [{ scale: 'ECOG', grade: 7, date: day }] }), (error: ZodError) => error.issues[0].path.join('.') === 'scores.0.grade');
  assert.throws(() => bundleFromManualRecord({ conditions: [{ concept: 'anticoagulant' }] }), (error: ZodError) => /condition concept/.test(error.issues[0].message));
  assert.throws(() => bundleFromManualRecord({ birthDate: '1990-02-30' }), (error: ZodError) => error.issues[0].path.join('.') === 'birthDate');
});
