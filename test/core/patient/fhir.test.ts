// Reading FHIR R4 into patient facts, and bad input: each problem names the resource and field,
// reading goes on, and the criteria that needed the bad value become unknown with that reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import type { EligoError } from '../../../src/core/problems.ts';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import { ruleSetSchema } from '../../../src/core/criteria/rules.ts';
import { condition, lab, L, multicenterPatient, patient, phase1Patient } from '../../eligibility/panel/builder.ts';

const AS_OF = '2026-03-01';
const MULTI = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
const PHASE1 = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT03055078.rules.json', 'utf8')));
const criterion = (result: ReturnType<typeof evaluateRuleSet>, id: string) => result.criteria.find((c) => c.id === id)!;

test('input that is not FHIR is refused with the field named', () => {
  assert.throws(() => patientFactsFromFhir('', { asOf: AS_OF }), /empty/);
  assert.throws(() => patientFactsFromFhir('{"hello": 1}', { asOf: AS_OF }), (error: EligoError) => error.problems[0].field === 'resourceType' && /expected "Bundle"/.test(error.message));
  assert.throws(() => patientFactsFromFhir('not json at all', { asOf: AS_OF }), /line 1: not JSON/);
  assert.throws(() => patientFactsFromFhir({ resourceType: 'Bundle', entry: [{ fullUrl: 'x' }] }, { asOf: AS_OF }), /Bundle\.entry\[0\]\.resource/);
  assert.throws(() => patientFactsFromFhir({ resourceType: 'Bundle', entry: 'nope' }, { asOf: AS_OF }), /Bundle\.entry: expected an array/);
});

test('NDJSON and single resources are read like a Bundle', () => {
  const lines = [JSON.stringify(patient('male', '1990-01-01')), JSON.stringify(lab(L.lvef, 55, '%'))].join('\n');
  const facts = patientFactsFromFhir(lines, { asOf: AS_OF });
  assert.equal(facts.birthDate, '1990-01-01');
  assert.equal(facts.quantities.get('lvef')?.[0].value, 55);
});

test('a quantity with an unknown unit: the problem names resource and field, and the criterion is unknown with that reason', () => {
  const record = multicenterPatient({ labs: { creat: lab(L.creat, 1.1, 'mg/dk', { high: 84, highUnit: 'umol/L' }) } });
  const result = evaluateRuleSet(MULTI, patientFactsFromFhir(record, { asOf: AS_OF }), { asOf: AS_OF });
  assert.equal(result.verdict, 'incomplete');
  assert.ok(result.warnings.some((w) => /^Observation\/obs-\d+ valueQuantity\.unit: unit "mg\/dk" is not a UCUM unit/.test(w)), result.warnings.join('\n'));
  const inc2 = criterion(result, 'inc-2');
  assert.equal(inc2.status, 'unknown');
  assert.match(inc2.reason, /Cr not recorded in the last 28 days \(Observation\/obs-\d+ valueQuantity\.unit: unit "mg\/dk"/);
  // The other criteria are still evaluated.
  assert.equal(criterion(result, 'inc-4').status, 'pass');
});

test('a quantity with an incompatible unit is reported the same way', () => {
  const record = multicenterPatient({ labs: { lvef: lab(L.lvef, 55, 'mL') } });
  const result = evaluateRuleSet(MULTI, patientFactsFromFhir(record, { asOf: AS_OF }), { asOf: AS_OF });
  assert.equal(criterion(result, 'inc-4').status, 'unknown');
  assert.match(criterion(result, 'inc-4').reason, /unit "mL" cannot be converted to %/);
});

test('a condition in an unknown code system makes condition criteria unknown instead of "assumed absent"', () => {
  const record = phase1Patient({ diagnosis: condition('AA-01', { system: 'http://hospital.example/codes', onset: '2025-12-31' }) });
  const result = evaluateRuleSet(PHASE1, patientFactsFromFhir(record, { asOf: AS_OF }), { asOf: AS_OF });
  assert.ok(result.warnings.some((w) => /Condition\/cond-\d+ code: unknown code system \(http:\/\/hospital\.example\/codes\)/.test(w)));
  assert.equal(criterion(result, 'inc-1').status, 'unknown');
  assert.match(criterion(result, 'inc-1').reason, /unknown code system/);
  assert.equal(criterion(result, 'inc-2').status, 'pass');
});

test('a date in the future is reported and not used', () => {
  const record = multicenterPatient({ labs: { lvef: lab(L.lvef, 55, '%', { date: '2026-03-15' }) } });
  const result = evaluateRuleSet(MULTI, patientFactsFromFhir(record, { asOf: AS_OF }), { asOf: AS_OF });
  assert.ok(result.warnings.some((w) => /effectiveDateTime: 2026-03-15 is after the screening date 2026-03-01/.test(w)));
  assert.equal(criterion(result, 'inc-4').status, 'unknown');
  assert.match(criterion(result, 'inc-4').reason, /after the screening date/);
});

test('a patient without a birth date: age criteria are unknown, naming Patient.birthDate', () => {
  const result = evaluateRuleSet(PHASE1, patientFactsFromFhir(phase1Patient({ patient: patient('female', undefined) }), { asOf: AS_OF }), { asOf: AS_OF });
  assert.ok(result.warnings.includes('Patient/panel birthDate: no birth date: age cannot be computed'));
  assert.equal(criterion(result, 'inc-2').status, 'unknown');
  assert.equal(result.verdict, 'incomplete');
  assert.ok(result.missing.some((m) => m.criterion === 'inc-2' && m.what === 'date of birth'));
});

test('a record without any Patient resource is reported', () => {
  const facts = patientFactsFromFhir({ resourceType: 'Bundle', entry: [{ resource: lab(L.lvef, 55, '%') }] }, { asOf: AS_OF });
  assert.ok(facts.problems.some((p) => /no Patient resource/.test(p.message)));
});

test('refuted and entered-in-error resources are ignored; results without a value are reported', () => {
  const refuted = { ...condition('C50.9'), verificationStatus: { coding: [{ code: 'refuted' }] } };
  const noValue = { resourceType: 'Observation', id: 'x', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '10230-1' }] }, effectiveDateTime: '2026-02-20' };
  const facts = patientFactsFromFhir({ resourceType: 'Bundle', entry: [{ resource: patient('male', '1990-01-01') }, { resource: refuted }, { resource: noValue }] }, { asOf: AS_OF });
  assert.equal(facts.conditions.length, 0);
  assert.ok(facts.problems.some((p) => p.message === 'Observation/x value[x]: no value for left ventricular ejection fraction (LVEF)'));
});

test('blood pressure recorded as a panel with components is read from the components', () => {
  const panel = {
    resourceType: 'Observation', id: 'bp', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] }, effectiveDateTime: '2026-02-24T08:30:00+08:00',
    component: [
      { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 165, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
      { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 95, unit: 'mmHg' } },
      { code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, valueQuantity: { value: 80, unit: 'beats' } },
    ],
  };
  const facts = patientFactsFromFhir({ resourceType: 'Bundle', entry: [{ resource: patient('male', '1990-01-01') }, { resource: panel }] }, { asOf: AS_OF });
  assert.equal(facts.quantities.get('bp.systolic')?.[0].value, 165);
  assert.equal(facts.quantities.get('bp.diastolic')?.[0].value, 95);
  assert.equal(facts.quantities.get('bp.systolic')?.[0].date, '2026-02-24');
  assert.ok(facts.problems.some((p) => p.message.startsWith('Observation/bp component[2].valueQuantity.unit: unit "beats"')), facts.problems.map((p) => p.message).join('\n'));
});

test('a zero upper limit of normal on a result is reported and not used', () => {
  const facts = patientFactsFromFhir({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', id: 'tb', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '14631-6' }] }, effectiveDateTime: '2026-02-20', valueQuantity: { value: 12, unit: 'umol/L', system: 'http://unitsofmeasure.org', code: 'umol/L' }, referenceRange: [{ high: { value: 0, unit: 'umol/L' } }] } }] }, { asOf: '2026-03-01' });
  assert.equal(facts.quantities.get('bilirubin.total')?.[0].referenceRange, undefined);
  assert.match(facts.problems[0].message, /Observation\/tb referenceRange\.high\.value: 0 is not a usable upper limit of normal/);
});
