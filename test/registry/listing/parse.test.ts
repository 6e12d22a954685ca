import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseListing } from '../../../src/registry/listing/parse.ts';
import { listingDerivedPart, supplementFromProvenance } from '../../../src/registry/listing/supplement.ts';
import { readSeedPage, readShippedSeed, SEEDS } from '../../core/trial/support.ts';

function parsed(text: string, options?: Parameters<typeof parseListing>[1]) {
  const result = parseListing(text, options);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result;
}

for (const seed of ['multicenter', 'phase1'] as const) {
  test(`${seed} seed page + its recorded supplement reproduces the shipped record exactly`, () => {
    const shipped = readShippedSeed(seed);
    const { trial } = parsed(readSeedPage(seed), {
      supplement: supplementFromProvenance(shipped as any),
      source: shipped.eligoProvenance.source,
    });
    assert.deepEqual(trial, shipped);
  });

  test(`${seed} seed page alone yields exactly the shipped record's page-derived fields`, () => {
    const shipped = readShippedSeed(seed);
    const { trial } = parsed(readSeedPage(seed), { nctId: SEEDS[seed].nctId });
    const expected = listingDerivedPart(shipped as any) as any;
    // The multicenter page does not show its NCT number: the caller gives it.
    expected.protocolSection.identificationModule.nctId = SEEDS[seed].nctId;
    assert.deepEqual(trial, expected);
  });
}

test('the brief\'s call form: nctId plus the supplement', () => {
  const shipped = readShippedSeed('multicenter');
  const { trial } = parsed(readSeedPage('multicenter'), {
    nctId: 'NCT05794425',
    supplement: supplementFromProvenance(shipped as any),
    source: shipped.eligoProvenance.source,
  });
  assert.deepEqual(trial, shipped);
});

test('the phase 1 page is read without unexplained leftovers', () => {
  const { trial, warnings } = parsed(readSeedPage('phase1'));
  assert.equal(trial.protocolSection.identificationModule.nctId, 'NCT03055078');
  assert.deepEqual(warnings, ['Trial contacts and locations: the page counts 1 location(s) but shows no location details; none imported']);
});

test('the multicenter page without an NCT number is a clear error', () => {
  const result = parseListing(readSeedPage('multicenter'));
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].path, 'protocolSection.identificationModule.nctId');
  assert.match(result.errors[0].message, /no NCT number found.*options\.nctId/);
});

test('an NCT number that contradicts the page is refused', () => {
  const result = parseListing(readSeedPage('phase1'), { nctId: 'NCT99999999' });
  assert.ok(!result.ok);
  assert.match(result.errors[0].message, /shows NCT03055078 but options\.nctId is NCT99999999/);
  const malformed = parseListing(readSeedPage('multicenter'), { nctId: 'NCT123' });
  assert.ok(!malformed.ok);
  assert.match(malformed.errors[0].message, /"NCT123" is not an NCT number/);
});

test('garbage text is a clear error, not a crash', () => {
  for (const garbage of ['', 'hello world\nthis is not a trial', '\u0000\u0001{}[]', 'x'.repeat(10_000)]) {
    const result = parseListing(garbage, { nctId: 'NCT01234567' });
    assert.ok(!result.ok, JSON.stringify(garbage.slice(0, 20)));
    assert.match(result.errors[0].message, /no listing labels found/);
  }
});

test('labels in any order, inline values, missing sections, unknown labels as warnings', () => {
  const text = [
    'Phase: Phase 2/3',
    'Identifiers:',
    'NCT01234567',
    'ABC-123',
    'EudraCT 2020-000001-11',
    'Locations:',
    'Somewhere Hospital, Jinan',
    'Status: Active, not recruiting',
    'Ages:',
    '18+ years old',
    'Participant gender:',
    'Female',
    'Favourite colour:',
    'blue',
    'Inclusion criteria',
    '',
    '  • Adults',
    '  • Platelets \\< 20 ×10⁹/L',
    '',
    'Exclusion criteria',
    '',
    '  1. Pregnancy',
  ].join('\n');
  const { trial, warnings } = parsed(text);
  const protocol = trial.protocolSection;
  assert.equal(protocol.identificationModule.nctId, 'NCT01234567');
  assert.deepEqual(protocol.identificationModule.orgStudyIdInfo, { id: 'ABC-123' });
  assert.deepEqual(protocol.identificationModule.secondaryIdInfos, [{ id: 'EudraCT 2020-000001-11' }]);
  assert.deepEqual(protocol.designModule?.phases, ['PHASE2', 'PHASE3']);
  assert.equal(protocol.statusModule?.overallStatus, 'ACTIVE_NOT_RECRUITING');
  assert.equal(protocol.eligibilityModule?.minimumAge, '18 Years');
  assert.equal(protocol.eligibilityModule?.maximumAge, undefined);
  assert.equal(protocol.eligibilityModule?.sex, 'FEMALE');
  assert.equal(
    protocol.eligibilityModule?.eligibilityCriteria,
    'Inclusion Criteria:\n\n* Adults\n* Platelets \\< 20 ×10⁹/L\n\nExclusion Criteria:\n\n1. Pregnancy',
  );
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /line 6: label not imported "Locations:"; 1 line\(s\) skipped/);
  assert.match(warnings[1], /line 13: unknown label "Favourite colour:"; 1 line\(s\) skipped: "blue"/);
});

test('values that cannot be read are warnings naming the label, not guesses', () => {
  const { trial, warnings } = parsed('Identifiers:\nNCT01234567\nStatus:\nSort of recruiting\nPhase:\nPhase 7\nAges:\nteenagers\nSex:\nAll');
  assert.equal(trial.protocolSection.statusModule, undefined);
  assert.equal(trial.protocolSection.designModule, undefined);
  assert.equal(trial.protocolSection.eligibilityModule?.sex, 'ALL');
  assert.equal(warnings.length, 3);
  assert.match(warnings[0], /line 3 \(Status\): "Sort of recruiting" not understood/);
  assert.match(warnings[1], /"Phase 7" not understood/);
  assert.match(warnings[2], /"teenagers" not understood/);
});

test('a conflicting second value keeps the first and says so', () => {
  const { trial, warnings } = parsed('Identifiers:\nNCT01234567\nStatus:\nRecruiting\nOverall status:\nCompleted');
  assert.equal(trial.protocolSection.statusModule?.overallStatus, 'RECRUITING');
  assert.match(warnings[0], /"COMPLETED" for statusModule\.overallStatus ignored: already read "RECRUITING"/);
});

test('the page wins over the supplement, and the conflict is reported', () => {
  const { trial, warnings } = parsed(readSeedPage('multicenter'), {
    nctId: 'NCT05794425',
    supplement: {
      'protocolSection.statusModule.completionDateStruct': { value: { date: '2026-04', type: 'ESTIMATED' }, source: 'registry' },
    },
  });
  assert.deepEqual(trial.protocolSection.statusModule?.completionDateStruct, { date: '2026-04-01', type: 'ESTIMATED' });
  assert.deepEqual(trial.eligoProvenance, {
    source: 'listing text',
    supplementedFrom: { 'protocolSection.statusModule.completionDateStruct': 'registry' },
  });
  assert.ok(warnings.some((warning) => /completionDateStruct\.date not used: the listing text gives "2026-04-01"/.test(warning)));
});

test('Veeva arms with several groups link interventions to arms', () => {
  const text = [
    'Identifiers', '', 'NCT01234567', '',
    'Treatments', '', 'Drug: Cyclosporine', 'Biological: UC-MSC', '',
    '40 participants in 2 patient groups', '',
    'Cell therapy', 'Experimental group', 'Description:', 'UC-MSC on top of cyclosporine.', 'Treatment:', 'Biological: UC-MSC', 'Drug: Cyclosporine', '',
    'Control', 'Active Comparator group', 'Description:', 'Cyclosporine alone.', 'Treatment:', 'Drug: Cyclosporine', '',
    'Masking', '', 'Double (Participant, Outcomes Assessor)',
  ].join('\n');
  const { trial, warnings } = parsed(text);
  assert.deepEqual(warnings, []);
  const arms = trial.protocolSection.armsInterventionsModule;
  assert.deepEqual(arms?.armGroups, [
    { label: 'Cell therapy', type: 'EXPERIMENTAL', description: 'UC-MSC on top of cyclosporine.', interventionNames: ['Biological: UC-MSC', 'Drug: Cyclosporine'] },
    { label: 'Control', type: 'ACTIVE_COMPARATOR', description: 'Cyclosporine alone.', interventionNames: ['Drug: Cyclosporine'] },
  ]);
  assert.deepEqual(arms?.interventions, [
    { type: 'DRUG', name: 'Cyclosporine', armGroupLabels: ['Cell therapy', 'Control'] },
    { type: 'BIOLOGICAL', name: 'UC-MSC', armGroupLabels: ['Cell therapy'] },
  ]);
  assert.deepEqual(trial.protocolSection.designModule?.designInfo?.maskingInfo, {
    masking: 'DOUBLE',
    whoMasked: ['PARTICIPANT', 'OUTCOMES_ASSESSOR'],
  });
});
