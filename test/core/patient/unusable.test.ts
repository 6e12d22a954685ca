// Resources whose status says they must not be used are not read: an observation, medication or procedure
// entered in error or cancelled, a medication not taken or only drafted, a procedure not done or only
// prepared. Each status has its own case, so dropping one from the reader's lists fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { patientFactsFromFhir } from '../../../src/core/patient/fhir.ts';
import { bundle, lab, L, medication, patient, procedure } from '../../eligibility/panel/builder.ts';

const AS_OF = '2026-03-01';
const read = (...resources: Array<Record<string, unknown> & { resourceType: string }>) => patientFactsFromFhir(bundle([patient('female', '1988-04-02'), ...resources]), { asOf: AS_OF });

/** The statuses FHIR R4 defines for "this did not happen" or "this is wrong", per resource type. */
const UNUSABLE = {
  observation: ['entered-in-error', 'cancelled'],
  medication: ['entered-in-error', 'cancelled', 'not-taken', 'draft'],
  procedure: ['entered-in-error', 'cancelled', 'not-done', 'preparation'],
} as const;

test('an observation entered in error or cancelled is not used, and is not reported as a problem', () => {
  assert.equal(read(lab(L.lvef, 55, '%')).quantities.get('lvef')?.[0].value, 55, 'a final observation is used');
  for (const status of UNUSABLE.observation) {
    const facts = read({ ...lab(L.lvef, 55, '%'), status });
    assert.equal(facts.quantities.get('lvef'), undefined, status);
    assert.deepEqual(facts.problems, [], status);
  }
  for (const status of ['final', 'amended', 'corrected', 'preliminary']) assert.equal(read({ ...lab(L.lvef, 55, '%'), status }).quantities.get('lvef')?.length, 1, status);
});

test('a medication statement with an unusable status is not used', () => {
  const anticoagulant = () => medication('http://www.whocc.no/atc', 'B01AA03', 'warfarin');
  assert.equal(read(anticoagulant()).medications.length, 1);
  for (const status of UNUSABLE.medication) assert.equal(read({ ...anticoagulant(), status }).medications.length, 0, status);
});

test('a procedure with an unusable status is not used', () => {
  const transplant = () => procedure('http://snomed.info/sct', '234336002');
  assert.equal(read(transplant()).procedures.length, 1);
  for (const status of UNUSABLE.procedure) assert.equal(read({ ...transplant(), status }).procedures.length, 0, status);
});
