import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INTERVENTION_TYPES,
  OVERALL_STATUSES,
  PHASES,
  SEXES,
  STUDY_TYPES,
  parseTrial,
  trialSchema,
} from '../../../src/core/trial/model.ts';
import { readCorpusHead, readShippedSeed } from './support.ts';

const minimal = (extra: Record<string, unknown> = {}) => ({
  protocolSection: { identificationModule: { nctId: 'NCT01234567' }, ...extra },
});

function issuesOf(input: unknown) {
  const result = parseTrial(input);
  assert.equal(result.ok, false, 'expected the record to be rejected');
  return result.ok ? [] : result.issues;
}

test('both shipped seed records validate and keep every field', () => {
  for (const seed of ['multicenter', 'phase1'] as const) {
    const record = readShippedSeed(seed);
    const result = parseTrial(record);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(result.trial, record);
  }
});

test('the first 200 records of both corpora validate unchanged', async () => {
  for (const corpus of ['summaries', 'criteria'] as const) {
    const records = await readCorpusHead(corpus, 200);
    assert.equal(records.length, 200);
    for (const record of records) {
      const result = parseTrial(record);
      assert.ok(result.ok, `${corpus}: ${JSON.stringify(!result.ok && result.issues)}`);
      assert.deepEqual(result.trial, record);
    }
  }
});

test('a record with only the NCT number is enough', () => {
  assert.ok(parseTrial(minimal()).ok);
});

test('unknown fields are kept at every level', () => {
  const record = {
    ...minimal({ statusModule: { overallStatus: 'RECRUITING', futureField: { a: 1 } }, newModule: [1, 2] }),
    annotationSection: { anything: true },
    extraTopLevel: 'x',
  };
  const result = parseTrial(record);
  assert.ok(result.ok);
  assert.deepEqual(result.trial, record);
});

test('an unknown enum value names the path, the value and the allowed values', () => {
  const [issue] = issuesOf(minimal({ statusModule: { overallStatus: 'RECRUTING' } }));
  assert.equal(issue.path, 'protocolSection.statusModule.overallStatus');
  assert.match(issue.message, /protocolSection\.statusModule\.overallStatus/);
  assert.match(issue.message, /"RECRUTING"/);
  assert.match(issue.message, /NOT_YET_RECRUITING/);
});

test('enum values inside arrays are checked with their index in the path', () => {
  const [issue] = issuesOf(
    minimal({ armsInterventionsModule: { interventions: [{ type: 'DRUG' }, { type: 'Biological', name: 'MSC' }] } }),
  );
  assert.equal(issue.path, 'protocolSection.armsInterventionsModule.interventions[1].type');
  assert.match(issue.message, /"Biological"/);
  assert.match(issue.message, /BIOLOGICAL/);
});

test('a missing or malformed NCT number is rejected with its path', () => {
  const [missing] = issuesOf({ protocolSection: { identificationModule: { briefTitle: 'x' } } });
  assert.equal(missing.path, 'protocolSection.identificationModule.nctId');
  assert.match(missing.message, /required/);

  const [malformed] = issuesOf({ protocolSection: { identificationModule: { nctId: 'NCT123' } } });
  assert.equal(malformed.path, 'protocolSection.identificationModule.nctId');
  assert.match(malformed.message, /"NCT123"/);
  assert.match(malformed.message, /8 digits/);

  const [noSection] = issuesOf({});
  assert.equal(noSection.path, 'protocolSection');
});

test('a bad age string is rejected with its path and the expected form', () => {
  const [issue] = issuesOf(minimal({ eligibilityModule: { minimumAge: '14 yrs' } }));
  assert.equal(issue.path, 'protocolSection.eligibilityModule.minimumAge');
  assert.match(issue.message, /"14 yrs"/);
  assert.match(issue.message, /18 Years/);
});

test('wrong types and bad dates are reported, all at once', () => {
  const issues = issuesOf(
    minimal({
      statusModule: { startDateStruct: { date: '2023/08/01', type: 'PLANNED' } },
      designModule: { enrollmentInfo: { count: '10' }, phases: 'PHASE1' },
      eligibilityModule: { healthyVolunteers: 'No' },
    }),
  );
  const paths = issues.map((issue) => issue.path).sort();
  assert.deepEqual(paths, [
    'protocolSection.designModule.enrollmentInfo.count',
    'protocolSection.designModule.phases',
    'protocolSection.eligibilityModule.healthyVolunteers',
    'protocolSection.statusModule.startDateStruct.date',
    'protocolSection.statusModule.startDateStruct.type',
  ]);
  const count = issues.find((issue) => issue.path.endsWith('count'))!;
  assert.match(count.message, /expected number, got string/);
});

test('the enum lists are API v2 spellings', () => {
  assert.equal(OVERALL_STATUSES.length, 14);
  assert.deepEqual(PHASES, ['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4']);
  assert.deepEqual([...STUDY_TYPES].sort(), ['EXPANDED_ACCESS', 'INTERVENTIONAL', 'OBSERVATIONAL']);
  assert.ok(INTERVENTION_TYPES.includes('BIOLOGICAL'));
  assert.deepEqual([...SEXES].sort(), ['ALL', 'FEMALE', 'MALE']);
  assert.ok(trialSchema.safeParse(minimal({ designModule: { phases: ['PHASE2', 'PHASE3'] } })).success);
});
