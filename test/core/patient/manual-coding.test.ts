// How the hand-entry builder codes what a person says: a resolved condition is resolved (and not read as
// active), an active one active; a severe allergy is high-criticality and any other low — each down to what
// the FHIR reader and the evaluator make of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bundleFromManualRecord } from '../../../src/core/patient/manual.ts';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { evaluateRuleSet } from '../../../src/core/criteria/evaluate.ts';
import { ruleSetSchema } from '../../../src/core/criteria/rules.ts';

const AS_OF = '2026-03-01';
const MULTI = ruleSetSchema.parse(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')));
type Resource = Record<string, unknown>;
const resources = (input: unknown) => bundleFromManualRecord(input).entry.map((entry) => entry.resource as Resource);
const clinicalStatus = (resource: Resource) => (resource.clinicalStatus as { coding: Array<{ code: string }> }).coding[0].code;

test('a condition is active unless it is said to be inactive or given a resolution date', () => {
  const [, active, inactive, resolved] = resources({ conditions: [
    { concept: 'aplastic-anemia', onset: '2025-12-01' },
    { concept: 'malignancy', onset: '2015-01-01', active: false },
    { concept: 'infection', onset: '2025-01-01', resolved: '2025-02-01' },
  ] });
  assert.equal(clinicalStatus(active), 'active');
  assert.equal(clinicalStatus(inactive), 'resolved');
  assert.equal(clinicalStatus(resolved), 'resolved');
  assert.equal(resolved.abatementDateTime, '2025-02-01');
  assert.equal(inactive.abatementDateTime, undefined);
  const facts = patientFactsFromFhir(bundleFromManualRecord({ conditions: [{ concept: 'infection', active: true }, { concept: 'infection', active: false }, { concept: 'infection', resolved: '2025-02-01' }] }), { asOf: AS_OF });
  assert.deepEqual(facts.conditions.map((condition) => condition.active), [true, false, false]);
  assert.throws(() => bundleFromManualRecord({ conditions: [{ concept: 'infection', active: true, resolved: '2025-02-01' }] }), /conditions[\s\S]*active/);
});

test('a resolved severe mental illness does not exclude the patient; an active one does', () => {
  const exc3 = (condition: Record<string, unknown>) => {
    const facts = patientFactsFromFhir(bundleFromManualRecord({ sex: 'female', birthDate: '1988-04-02', conditions: [{ concept: 'severe-mental-illness', onset: '2025-12-01', ...condition }] }), { asOf: AS_OF });
    return evaluateRuleSet(MULTI, facts, { asOf: AS_OF }).criteria.find((criterion) => criterion.id === 'exc-3')!.status;
  };
  assert.equal(exc3({}), 'fail');
  assert.equal(exc3({ active: false }), 'pass');
  assert.equal(exc3({ resolved: '2026-01-15' }), 'pass');
});

test('only a severe allergy is high-criticality; a severe one excludes, another does not', () => {
  const allergies = resources({ allergies: [{ severe: true, substance: 'penicillin' }, { severe: false }] }).filter((resource) => resource.resourceType === 'AllergyIntolerance');
  assert.deepEqual(allergies.map((resource) => resource.criticality), ['high', 'low']);
  assert.deepEqual(allergies.map((resource) => resource.code), [{ text: 'penicillin' }, undefined]);
  const exc7 = (severe: boolean) => {
    const facts = patientFactsFromFhir(bundleFromManualRecord({ sex: 'female', birthDate: '1988-04-02', allergies: [{ severe }] }), { asOf: AS_OF });
    assert.equal(facts.allergies[0].criticality, severe ? 'high' : 'low');
    return evaluateRuleSet(MULTI, facts, { asOf: AS_OF }).criteria.find((criterion) => criterion.id === 'exc-7')!.status;
  };
  assert.equal(exc7(true), 'fail');
  assert.notEqual(exc7(false), 'fail');
});
