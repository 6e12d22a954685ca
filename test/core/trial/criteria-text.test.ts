import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatCriteriaSections,
  parseCriteriaSections,
  splitEligibilityCriteria,
  unescapeMarkdown,
} from '../../../src/core/trial/criteria-text.ts';
import { readCorpusHead, readSeedPage, readShippedSeed } from './support.ts';

const criteriaOf = (record: any): string => record.protocolSection.eligibilityModule.eligibilityCriteria;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

test('multicenter seed: 8 inclusion and 10 exclusion criteria', () => {
  const split = splitEligibilityCriteria(criteriaOf(readShippedSeed('multicenter')));
  assert.equal(split.inclusion.length, 8);
  assert.equal(split.exclusion.length, 10);
  assert.deepEqual(split.other, []);
  assert.match(split.inclusion[0], /^Patients with bone marrow failure disorders, including aplastic anemia, pure red cell aplastic anemia,/);
  assert.equal(split.inclusion[3], 'The left ventricular ejection fraction (LVEF): ≥50% by cardiac echocardiography');
  assert.equal(split.exclusion[9], 'There are other conditions that the investigators consider inappropriate for inclusion.');
});

test('phase 1 seed: the exclusion preamble bullet stays with the exclusions', () => {
  const split = splitEligibilityCriteria(criteriaOf(readShippedSeed('phase1')));
  assert.equal(split.inclusion.length, 8);
  assert.equal(split.inclusion[1], 'Age from 14 to 60 years');
  assert.equal(split.exclusion.length, 8);
  assert.match(split.exclusion[0], /^Patients with AA have to be disqualified/);
  assert.equal(split.exclusion[7], 'Patients with active tuberculosis, acute sever hepatitis or infectious period of diseases.');
});

test('every criterion of the seed pages is findable verbatim in the shipped records', () => {
  for (const seed of ['multicenter', 'phase1'] as const) {
    const shipped = criteriaOf(readShippedSeed(seed));
    const page = readSeedPage(seed);
    const pageCriteria = page.slice(page.search(/Inclusion criteria/i), page.search(/Trial design|$(?![\s\S])/));
    const split = splitEligibilityCriteria(pageCriteria);
    assert.ok(split.inclusion.length >= 8 && split.exclusion.length >= 8, seed);
    for (const item of [...split.inclusion, ...split.exclusion]) assert.ok(shipped.includes(item), `${seed}: ${item}`);
  }
});

test('wrapped lines are joined and the text is written back in ClinicalTrials.gov style', () => {
  const text = 'Inclusion Criteria:\n\n1. Age at least\n   18 years\n\n2. ECOG 0-2\n\nExclusion Criteria:\n\n• Pregnancy';
  const sections = parseCriteriaSections(text);
  assert.deepEqual(sections, [
    { kind: 'inclusion', heading: 'Inclusion Criteria:', items: [{ marker: '1.', text: 'Age at least 18 years' }, { marker: '2.', text: 'ECOG 0-2' }] },
    { kind: 'exclusion', heading: 'Exclusion Criteria:', items: [{ marker: '•', text: 'Pregnancy' }] },
  ]);
  assert.equal(
    formatCriteriaSections(sections),
    'Inclusion Criteria:\n\n1. Age at least 18 years\n2. ECOG 0-2\n\nExclusion Criteria:\n\n• Pregnancy',
  );
});

test('markdown escapes are undone for display', () => {
  assert.equal(unescapeMarkdown('ANC \\> 1.5 \\* 10\\^9/L'), 'ANC > 1.5 * 10^9/L');
  const split = splitEligibilityCriteria('Inclusion Criteria:\n\n* Age \\>= 18 years\n* Platelets \\< 20\n\nExclusion Criteria:\n\n* None');
  assert.deepEqual(split.inclusion, ['Age >= 18 years', 'Platelets < 20']);
});

test('text under unknown headings, or under none, is kept as other', () => {
  const split = splitEligibilityCriteria(
    'Patients must be adults.\n\nDISEASE CHARACTERISTICS:\n\n* Histologically confirmed lymphoma\n\nKey Inclusion Criteria:\n\n- Age 18+\n\nExclusion of patients with prior therapy is not required.',
  );
  assert.deepEqual(split.other, ['Patients must be adults.', 'DISEASE CHARACTERISTICS:', 'Histologically confirmed lymphoma']);
  assert.deepEqual(split.inclusion, ['Age 18+', 'Exclusion of patients with prior therapy is not required.']);
  assert.deepEqual(split.exclusion, []);
});

test('a heading with its first criterion on the same line', () => {
  const split = splitEligibilityCriteria('Inclusion criteria: adults with SAA\nExclusion criteria: pregnancy');
  assert.deepEqual(split, { inclusion: ['adults with SAA'], exclusion: ['pregnancy'], other: [] });
});

test('empty or absent criteria give empty lists', () => {
  assert.deepEqual(splitEligibilityCriteria(undefined), { inclusion: [], exclusion: [], other: [] });
  assert.deepEqual(splitEligibilityCriteria('   \n '), { inclusion: [], exclusion: [], other: [] });
});

test('corpus records (older indented text) split without losing words', async () => {
  const records = await readCorpusHead('criteria', 200);
  let withBothSides = 0;
  for (const record of records) {
    const text = criteriaOf(record);
    const split = splitEligibilityCriteria(text);
    if (split.inclusion.length > 0 && split.exclusion.length > 0) withBothSides++;
    // Every word of the source survives in some item (only markers and headings may go).
    const kept = squash([...split.inclusion, ...split.exclusion, ...split.other].join(' '));
    const lost = squash(text)
      .split(' ')
      .filter((word) => /[a-z]{4,}/i.test(word) && !/^(inclusion|exclusion|criteria)\W*$/i.test(word) && !kept.includes(word));
    assert.deepEqual(lost, [], (record as any).protocolSection.identificationModule.nctId);
  }
  assert.ok(withBothSides > 100, `only ${withBothSides} of 200 records had both inclusion and exclusion items`);
});

test('a corpus record splits into the expected sides', async () => {
  const [first] = await readCorpusHead('criteria', 1);
  const split = splitEligibilityCriteria(criteriaOf(first));
  assert.deepEqual(split.inclusion, [
    'Patients must have:',
    'Unipolar major depression (per Diagnostic and Statistical Manuel-IV criteria) with or without melancholia.',
  ]);
  assert.deepEqual(split.exclusion, [
    'Patients with the following symptoms or conditions are excluded:',
    'Psychotic or atypical subtype of unipolar major depression.',
  ]);
});
