import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageRangeFromDisplay,
  allocationFromDisplay,
  dateFromDisplay,
  enrollmentFromDisplay,
  healthyVolunteersFromDisplay,
  interventionFromDisplay,
  interventionModelFromDisplay,
  maskingFromDisplay,
  overallStatusFromDisplay,
  phasesFromDisplay,
  primaryPurposeFromDisplay,
} from '../../../src/registry/listing/display-values.ts';

test('statuses as the website writes them', () => {
  assert.equal(overallStatusFromDisplay('Not yet recruiting'), 'NOT_YET_RECRUITING');
  assert.equal(overallStatusFromDisplay('Active, not recruiting'), 'ACTIVE_NOT_RECRUITING');
  assert.equal(overallStatusFromDisplay('Unknown'), 'UNKNOWN');
  assert.equal(overallStatusFromDisplay('Unknown status'), 'UNKNOWN');
  assert.equal(overallStatusFromDisplay('Open'), null);
});

test('phases', () => {
  assert.deepEqual(phasesFromDisplay('Phase 1/Phase 2'), ['PHASE1', 'PHASE2']);
  assert.deepEqual(phasesFromDisplay('Phase 2/3'), ['PHASE2', 'PHASE3']);
  assert.deepEqual(phasesFromDisplay('Phase 1'), ['PHASE1']);
  assert.deepEqual(phasesFromDisplay('Early Phase 1'), ['EARLY_PHASE1']);
  assert.deepEqual(phasesFromDisplay('Phase 0'), ['EARLY_PHASE1']);
  assert.deepEqual(phasesFromDisplay('N/A'), ['NA']);
  assert.deepEqual(phasesFromDisplay('Phase II'), ['PHASE2']);
  assert.equal(phasesFromDisplay('Phase 5'), null);
});

test('ages', () => {
  assert.deepEqual(ageRangeFromDisplay('14 to 60 years old'), { minimumAge: '14 Years', maximumAge: '60 Years' });
  assert.deepEqual(ageRangeFromDisplay('6 months to 17 years old'), { minimumAge: '6 Months', maximumAge: '17 Years' });
  assert.deepEqual(ageRangeFromDisplay('18+ years old'), { minimumAge: '18 Years' });
  assert.deepEqual(ageRangeFromDisplay('18 Years and older'), { minimumAge: '18 Years' });
  assert.deepEqual(ageRangeFromDisplay('Up to 1 year old'), { maximumAge: '1 Year' });
  assert.equal(ageRangeFromDisplay('adults'), null);
});

test('design values', () => {
  assert.equal(allocationFromDisplay('N/A'), 'NA');
  assert.equal(allocationFromDisplay('Non-Randomized'), 'NON_RANDOMIZED');
  assert.equal(interventionModelFromDisplay('Single Group Assignment'), 'SINGLE_GROUP');
  assert.equal(primaryPurposeFromDisplay('Supportive Care'), 'SUPPORTIVE_CARE');
  assert.deepEqual(maskingFromDisplay('None (Open label)'), { masking: 'NONE', whoMasked: [] });
  assert.deepEqual(maskingFromDisplay('Single (Care Provider)'), { masking: 'SINGLE', whoMasked: ['CARE_PROVIDER'] });
});

test('enrollment, dates, volunteers, interventions', () => {
  assert.deepEqual(enrollmentFromDisplay('10 estimated patients'), { count: 10, type: 'ESTIMATED' });
  assert.deepEqual(enrollmentFromDisplay('1,200 actual participants'), { count: 1200, type: 'ACTUAL' });
  assert.deepEqual(enrollmentFromDisplay('0'), { count: 0 });
  assert.deepEqual(dateFromDisplay('2026-04-01'), { date: '2026-04-01' });
  assert.deepEqual(dateFromDisplay('April 2026'), { date: '2026-04' });
  assert.deepEqual(dateFromDisplay('April 1, 2026 (Estimated)'), { date: '2026-04-01', type: 'ESTIMATED' });
  assert.equal(dateFromDisplay('soon'), null);
  assert.equal(healthyVolunteersFromDisplay('No Healthy Volunteers'), false);
  assert.equal(healthyVolunteersFromDisplay('Accepts Healthy Volunteers'), true);
  assert.deepEqual(interventionFromDisplay('Biological: mesenchymal stem cells'), { type: 'BIOLOGICAL', name: 'mesenchymal stem cells' });
  assert.deepEqual(interventionFromDisplay('Dietary Supplement: vitamin D'), { type: 'DIETARY_SUPPLEMENT', name: 'vitamin D' });
  assert.equal(interventionFromDisplay('Cyclosporine'), null);
});
