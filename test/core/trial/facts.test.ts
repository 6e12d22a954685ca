import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrial, type Trial } from '../../../src/core/trial/model.ts';
import { trialSummary } from '../../../src/core/trial/facts.ts';
import { readShippedSeed } from './support.ts';

function shipped(seed: 'multicenter' | 'phase1'): Trial {
  const result = parseTrial(readShippedSeed(seed));
  assert.ok(result.ok);
  return result.trial;
}

test('summary of the phase 1 seed', () => {
  const summary = trialSummary(shipped('phase1'));
  assert.equal(summary.nctId, 'NCT03055078');
  assert.equal(summary.overallStatus, 'UNKNOWN');
  assert.deepEqual(summary.phases, ['PHASE1']);
  assert.equal(summary.studyType, 'INTERVENTIONAL');
  assert.deepEqual(summary.conditions, ['Aplastic Anemia']);
  assert.deepEqual(summary.interventions, [{ type: 'BIOLOGICAL', name: 'mesenchymal stem cells' }]);
  assert.equal(summary.leadSponsor, 'Hebei Medical University');
  assert.equal(summary.leadSponsorClass, 'OTHER');
  assert.equal(summary.minimumAgeYears, 14);
  assert.equal(summary.maximumAgeYears, 60);
  assert.equal(summary.enrollment, 10);
  assert.equal(summary.enrollmentType, 'ESTIMATED');
  assert.equal(summary.healthyVolunteers, false);
  assert.equal(summary.sex, 'ALL');
  assert.equal(summary.startDate, '2017-01-01');
  assert.equal(summary.completionDate, null);
  assert.deepEqual(summary.locations, []);
});

test('summary of the multicenter seed', () => {
  const summary = trialSummary(shipped('multicenter'));
  assert.equal(summary.nctId, 'NCT05794425');
  assert.equal(summary.overallStatus, 'NOT_YET_RECRUITING');
  assert.deepEqual(summary.phases, ['PHASE1', 'PHASE2']);
  assert.equal(summary.collaborators.length, 30);
  assert.deepEqual(summary.interventions, []);
  assert.deepEqual(summary.interventionTerms, ['Cyclosporine', 'Cyclosporins']);
  assert.equal(summary.completionDate, '2026-04-01');
  assert.equal(summary.enrollment, 0);
  assert.equal(summary.minimumAgeYears, null);
});

test('a bare record gives nulls and empty lists, never undefined', () => {
  const result = parseTrial({
    protocolSection: {
      identificationModule: { nctId: 'NCT00000102' },
      contactsLocationsModule: { locations: [{ city: 'Jinan', country: 'China', geoPoint: { lat: 36.67, lon: 116.99 } }] },
      statusModule: { lastUpdateSubmitDate: '2020-01-02' },
    },
  });
  assert.ok(result.ok);
  const summary = trialSummary(result.trial);
  for (const [key, value] of Object.entries(summary)) assert.notEqual(value, undefined, key);
  assert.equal(summary.lastUpdate, '2020-01-02');
  assert.deepEqual(summary.locations, [
    { facility: null, city: 'Jinan', state: null, country: 'China', status: null, lat: 36.67, lon: 116.99 },
  ]);
});
