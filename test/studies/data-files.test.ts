// The shipped study files: valid against the schema, and saying what the registry says (clinical-domain.md §0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStudyFiles, SEED_STUDIES_DIR } from '../../src/conduct/studies/seed.ts';
import { parseStudyFile, studyFileSchema } from '../../src/conduct/studies/study-file.ts';
import { assignmentOf, currentConsentForm, ratioSum } from '../../src/core/study/protocol.ts';
import { RESPONSE_SCHEMES } from '../../src/core/clinical/tables/response-schemes.ts';
import { defaultSchedule } from '../../src/core/study/default-schedules.ts';
import { readSeedTrials } from '../../src/registry/seed.ts';
import { sharedPath } from '../support/shared.ts';

const files = readStudyFiles();
const byId = new Map(files.map((file) => [file.study.studyId, file]));
const multicenter = byId.get('NCT05794425')!;
const phase1 = byId.get('NCT03055078')!;

test('both seed studies ship, each valid against the study-file schema and named by its file', () => {
  assert.deepEqual([...byId.keys()].sort(), ['NCT03055078', 'NCT05794425']);
  for (const id of byId.keys()) {
    const raw = JSON.parse(readFileSync(join(SEED_STUDIES_DIR, `${id}.json`), 'utf8'));
    assert.equal(studyFileSchema.safeParse(raw).success, true, id);
  }
});

test('every shipped study runs a shipped seed trial', () => {
  const trials = new Set(readSeedTrials().map((trial) => trial.protocolSection.identificationModule.nctId));
  for (const id of byId.keys()) assert.ok(trials.has(id), id);
});

test('NCT05794425: the lead sponsor and its 30 collaborators as 31 sites with unique codes, target enrollment 100', () => {
  const seed = readFileSync(sharedPath('seeds', '000_ee5fcb68a312b3a6.txt'), 'utf8');
  const collaborators = seed.split('Collaborators:\n')[1].split('\nTreatments:')[0].split('\n').map((line) => line.trim()).filter(Boolean);
  assert.equal(collaborators.length, 30);
  const { sites } = multicenter;
  assert.equal(sites.length, 31);
  assert.equal(new Set(sites.map((site) => site.siteCode)).size, 31);
  const lead = sites.filter((site) => site.isLeadSponsor);
  assert.deepEqual(lead.map((site) => site.nameEn), ['Shandong Qilu Stem Cells Engineering Co., Ltd.']);
  // Every registered collaborator is a site, under its registered English name.
  assert.deepEqual(sites.filter((site) => !site.isLeadSponsor).map((site) => site.nameEn).sort(), [...collaborators].sort());
  assert.equal(sites.reduce((sum, site) => sum + (site.targetEnrollment ?? 0), 0), 100);
  assert.ok(sites.some((site) => site.status === 'pending') && sites.some((site) => site.status === 'active'));
  for (const site of sites) {
    assert.ok(site.nameZh !== null || site.nameZhNote, `${site.siteCode} has a Chinese name or says why not`);
    assert.ok(site.cityZh && site.provinceZh, `${site.siteCode} has its city and province in Chinese`);
    assert.match(site.nameZh ?? '', /[\u4e00-\u9fff]/, `${site.siteCode} Chinese name is Chinese`);
  }
});

test('NCT05794425 protocol: randomized 1:1, open label, CsA 3–5 mg/kg/day vs UCB + UC-MSC, stratified by site, diagnosis group and severity', () => {
  const p = multicenter.protocol;
  assert.equal(assignmentOf(p), 'randomized');
  assert.equal(p.blinded, false);
  assert.deepEqual(p.arms.map((arm) => [arm.code, arm.ratio]).sort(), [['CSA', 1], ['UCB_MSC', 1]]);
  assert.equal(ratioSum(p), 2);
  assert.deepEqual(p.dosing.CSA && [p.dosing.CSA.min, p.dosing.CSA.max, p.dosing.CSA.unit], [3, 5, 'mg/kg/d']);
  assert.equal(p.stratifyBySite, true);
  assert.deepEqual(p.strata.map((factor) => [factor.key, factor.levels.map((level) => level.code)]), [['diagnosisGroup', ['AA', 'OTHER_BMF']], ['severity', ['SAA', 'NSAA']]]);
  assert.deepEqual(p.blockMultiples, [1, 2]);
  assert.ok(p.notes.some((note) => /registry does not state any stratification/.test(note)), 'the strata are said to be a design choice');
  assert.equal(currentConsentForm(p, '2024-02-29')?.version, 'v1.0');
  assert.equal(currentConsentForm(p, '2024-03-01')?.version, 'v1.1');
});

test('NCT03055078 protocol: registered single-group, modelled as two investigator-chosen groups, the inconsistency noted', () => {
  const p = phase1.protocol;
  assert.equal(p.design, 'single_group');
  assert.equal(assignmentOf(p), 'investigator_choice');
  assert.deepEqual(p.arms.map((arm) => arm.code), ['UC_MSC', 'CONVENTIONAL']);
  assert.deepEqual([p.dosing.UC_MSC.min, p.dosing.UC_MSC.max], [100, 300]);
  assert.ok(p.notes.some((note) => /inconsistency/i.test(note) && /single group/i.test(note)));
  assert.equal(phase1.sites.length, 1);
  assert.equal(phase1.sites[0].targetEnrollment, 10);
});

test('both protocols use a response scheme the calculators know, CTCAE 5.0, and the default visit schedule', () => {
  const schemes = new Set(RESPONSE_SCHEMES.map((scheme) => scheme.id));
  for (const file of files) {
    assert.ok(schemes.has(file.protocol.responseScheme as never), file.study.studyId);
    assert.equal(file.protocol.ctcaeVersion, '5.0');
    const schedule = defaultSchedule(file.study.studyId)!;
    assert.deepEqual(file.protocol.visits.map((visit) => visit.code), schedule.visits.map((visit) => visit.id.toUpperCase().replaceAll('-', '_')));
    assert.deepEqual(file.protocol.visits.map((visit) => visit.label), schedule.visits.map((visit) => visit.label.en));
    assert.deepEqual(file.protocol.visits.map((visit) => [visit.windowBefore, visit.windowAfter]), schedule.visits.map((visit) => [visit.windowBefore, visit.windowAfter]));
  }
});

test('a bad study file is refused naming the field', () => {
  const raw = JSON.parse(readFileSync(join(SEED_STUDIES_DIR, 'NCT05794425.json'), 'utf8'));
  raw.sites[1].siteCode = raw.sites[0].siteCode;
  assert.throws(() => parseStudyFile(raw, 'x.json'), /site codes must be unique; repeated: QL01/);
  raw.sites[1].siteCode = 'bad code';
  assert.throws(() => parseStudyFile(raw, 'x.json'), /sites\.1\.siteCode/);
  const pending = JSON.parse(readFileSync(join(SEED_STUDIES_DIR, 'NCT05794425.json'), 'utf8'));
  pending.sites[0].status = 'pending';
  assert.throws(() => parseStudyFile(pending, 'x.json'), /sites\.0\.activatedOn: a pending site has not been activated/);
});
