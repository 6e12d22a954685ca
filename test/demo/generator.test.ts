// The demo generator without a database: the same seed gives the same run; every record is valid
// hand-entry input that the real eligibility engine screens without warnings; a realistic share is
// eligible with a variety of failure reasons; counts match the severity they were drawn for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ageInYears } from '../../src/core/clinical/calendar.ts';
import { bundleFromManualRecord, manualRecordSchema } from '../../src/core/patient/manual.ts';
import { protocolSettingsSchema, currentConsentForm } from '../../src/core/study/protocol.ts';
import { classifySeverity } from '../../src/core/study/severity.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { screenRecord } from '../../src/eligibility/screening.ts';
import { factorsFor, failingCriteria, planSteps, type DemoStep } from '../../src/demo/plan.ts';
import { CONFIRM_CRITERIA, CONSENT_CRITERION } from '../../src/demo/patients.ts';
import { seededGenerator } from '../../src/demo/random.ts';
import { DemoInputError, generateDemoRun, MIN_STAFFED_SITES, type DemoSiteInput } from '../../src/demo/run.ts';

const RULES = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')), 'NCT05794425.rules.json');
const STUDY = 'NCT05794425';

/** The sponsor (active, recruits nobody), twelve hospitals opening over the first year, two pending ones, a closed one. */
const SITES: DemoSiteInput[] = [
  { siteCode: 'SP01', status: 'active', activatedOn: '2023-08-01', targetEnrollment: 0 },
  ...Array.from({ length: 12 }, (_, i) => ({ siteCode: `S${String(i + 1).padStart(2, '0')}`, status: 'active' as const, activatedOn: `${i < 5 ? 2023 : 2024}-${String(((i * 2) % 12) + 1).padStart(2, '0')}-10`, targetEnrollment: 2 + (i % 4) })),
  { siteCode: 'P01', status: 'pending', activatedOn: null, targetEnrollment: 3 },
  { siteCode: 'P02', status: 'pending', activatedOn: null, targetEnrollment: 3 },
  { siteCode: 'C01', status: 'closed', activatedOn: '2023-09-01', targetEnrollment: 3 },
];

const PROTOCOL = protocolSettingsSchema.parse({
  studyId: STUDY, version: 1, design: 'randomized', blinded: false,
  arms: [{ code: 'UCB_MSC', label: 'UCB + UC-MSC', ratio: 1, intervention: 'cells' }, { code: 'CSA', label: 'Cyclosporine A', ratio: 1, intervention: 'CsA' }],
  stratifyBySite: true, strata: [], blockMultiples: [1, 2], visits: [], dosing: {}, responseScheme: 'BSH-2016', ctcaeVersion: '5.0',
  consentForms: [{ version: 'v1.0', effectiveFrom: '2023-08-01', languages: ['zh'] }, { version: 'v2.0', effectiveFrom: '2024-06-01', languages: ['zh'] }],
});

const run = generateDemoRun(seededGenerator(42), { studyId: STUDY, sites: SITES, patients: 300 });
const screened = run.patients.map((patient) => ({ patient, result: screenRecord(RULES, bundleFromManualRecord(patient.record), { asOf: patient.screenedOn }) }));
const context = { protocol: PROTOCOL, recruitment: run.recruitment, until: '2026-12-01' };
const planned = screened.map(({ patient, result }) => ({ patient, result, steps: planSteps(patient, result, context) }));

function outcomeOf(steps: DemoStep[]): string {
  if (steps.some((step) => step.kind === 'enroll')) return 'enrolled';
  return steps.find((step) => step.kind === 'outcome')?.outcome ?? 'pending';
}

describe('demo generator', () => {
  test('the same seed gives the same run; another seed another', () => {
    assert.deepEqual(generateDemoRun(seededGenerator(42), { studyId: STUDY, sites: SITES, patients: 300 }), run);
    const other = generateDemoRun(seededGenerator(43), { studyId: STUDY, sites: SITES, patients: 300 });
    assert.notDeepEqual(other.patients.map((patient) => patient.identity.name), run.patients.map((patient) => patient.identity.name));
  });

  test('patients are screened only at staffed active sites, from their opening, within recruitment, in date order', () => {
    assert.equal(run.patients.length, 300);
    assert.ok(run.sites.length >= MIN_STAFFED_SITES);
    assert.ok(!run.sites.some((site) => site.siteCode === 'SP01'), 'a site that recruits nobody gets no patients');
    const bySite = new Map(run.sites.map((site) => [site.siteCode, site]));
    for (const patient of run.patients) {
      const site = bySite.get(patient.siteCode);
      assert.ok(site, `${patient.siteCode} is a staffed site`);
      assert.equal(SITES.find((input) => input.siteCode === patient.siteCode)?.status, 'active');
      assert.ok(patient.screenedOn >= site.opensOn && patient.screenedOn <= run.recruitment.to);
    }
    assert.deepEqual(run.patients.map((patient) => patient.screenedOn), run.patients.map((patient) => patient.screenedOn).sort());
    const opened = new Set(run.sites.map((site) => site.opensOn));
    assert.ok(opened.size >= 3, 'sites open on different dates');
  });

  test('the team has every role: sponsor admin, data manager, two monitors, an investigator and a coordinator per site', () => {
    const roles = (role: string) => run.team.filter((user) => user.role === role);
    assert.equal(roles('sponsor_admin').length, 1);
    assert.equal(roles('data_manager').length, 1);
    assert.equal(roles('monitor').length, 2);
    for (const site of run.sites) {
      assert.equal(run.team.filter((user) => user.siteCode === site.siteCode && user.role === 'investigator').length, 1);
      assert.equal(run.team.filter((user) => user.siteCode === site.siteCode && user.role === 'coordinator').length, 1);
      for (const user of run.team.filter((member) => member.siteCode === site.siteCode)) assert.ok(user.createdOn < site.opensOn);
    }
    assert.equal(new Set(run.team.map((user) => user.username)).size, run.team.length);
    assert.ok(run.team.every((user) => /^[a-z0-9.]+$/.test(user.username) && user.displayName.length >= 2));
  });

  test('every record is valid hand-entry input and the engine screens it without warnings', () => {
    for (const { patient, result } of screened) {
      assert.doesNotThrow(() => manualRecordSchema.parse(patient.record));
      assert.deepEqual(result.warnings, [], `${patient.identity.hospitalNumber}: ${result.warnings.join('; ')}`);
      assert.equal(ageInYears(patient.identity.birthDate!, patient.screenedOn), patient.age);
      assert.equal(patient.record.birthDate, patient.identity.birthDate);
      if (patient.age < 18) assert.ok(patient.guardian, 'a minor has a guardian to sign');
    }
    const numbers = run.patients.map((patient) => `${patient.siteCode} ${patient.identity.hospitalNumber}`);
    assert.equal(new Set(numbers).size, numbers.length, 'hospital numbers are unique per site');
  });

  test('a realistic share is eligible, with a variety of failure reasons', () => {
    const eligible = screened.filter(({ patient, result }) => result.verdict === 'eligible' && failingCriteria(result, patient.answers).length === 0);
    const share = eligible.length / screened.length;
    assert.ok(share >= 0.3 && share <= 0.6, `eligible share ${share}`);
    const reasons = new Map<string, number>();
    for (const { patient, result } of screened) for (const id of failingCriteria(result, patient.answers)) reasons.set(id, (reasons.get(id) ?? 0) + 1);
    assert.ok(reasons.size >= 8, `failing criteria: ${[...reasons.keys()].join(', ')}`);
    for (const id of ['inc-1', 'inc-2', 'exc-4', 'exc-5']) assert.ok((reasons.get(id) ?? 0) > 0, `${id} fails someone`);
    assert.ok(screened.some(({ result }) => result.verdict === 'incomplete'), 'some work-ups are incomplete');
  });

  test('mostly aplastic anaemia; its counts fall in the severity they were drawn for (modified Camitta, automated reticulocytes)', () => {
    const aa = run.patients.filter((patient) => patient.diagnosis === 'aplastic-anemia');
    assert.ok(aa.length / run.patients.length > 0.55);
    assert.ok(new Set(run.patients.map((patient) => patient.diagnosis)).size >= 6);
    for (const patient of aa) {
      const value = (analyte: string) => patient.record.results!.find((result) => result.analyte === analyte)!.value;
      const severity = classifySeverity({ anc: { value: value('anc'), unit: '10*9/L' }, platelets: { value: value('platelets'), unit: '10*9/L' }, reticulocytes: { value: value('reticulocytes'), unit: '10*9/L' }, reticulocyteMethod: 'automated' });
      assert.equal(severity.severity, patient.severity, `${patient.identity.hospitalNumber}: ${severity.reason}`);
      assert.ok(value('hemoglobin') < 100, 'aplastic anaemia is anaemic');
    }
    for (const severity of ['VSAA', 'SAA', 'NSAA']) assert.ok(aa.some((patient) => patient.severity === severity));
  });

  test('every confirm point of the rule set has an answer, and the consent point is answered after consent', () => {
    const confirmIds = new Set(screened.flatMap(({ result }) => result.confirm.map((item) => item.criterion)));
    for (const id of confirmIds) assert.ok((CONFIRM_CRITERIA as readonly string[]).includes(id), `${id} has an answer`);
    for (const { steps } of planned) {
      const consent = steps.findIndex((step) => step.kind === 'consent');
      const consentAnswer = steps.findIndex((step) => step.kind === 'confirm' && step.answers.some((answer) => answer.criterion === CONSENT_CRITERION));
      if (consentAnswer >= 0) assert.ok(consent >= 0 && consent < consentAnswer);
    }
  });

  test('outcomes: most eligible patients enrol, some decline, ineligible ones fail with reasons, a few are pending', () => {
    const outcomes = new Map<string, number>();
    for (const { steps } of planned) outcomes.set(outcomeOf(steps), (outcomes.get(outcomeOf(steps)) ?? 0) + 1);
    const count = (outcome: string) => outcomes.get(outcome) ?? 0;
    assert.ok(count('enrolled') >= 80, `enrolled ${count('enrolled')}`);
    assert.ok(count('declined') >= 5 && count('declined') < count('enrolled') / 3, `declined ${count('declined')}`);
    assert.ok(count('screen_failure') >= 80, `screen failures ${count('screen_failure')}`);
    assert.ok(count('pending') >= 1 && count('pending') <= 30, `pending ${count('pending')}`);
    for (const { steps } of planned) {
      for (const step of steps) {
        if (step.kind === 'outcome' && step.outcome === 'screen_failure') assert.ok(step.failureReasons.length > 0);
        assert.ok(step.on <= context.until);
      }
    }
  });

  test('enrolments spread over many months, each consented on the form in force and by a guardian for a minor', () => {
    const months = new Set<string>();
    for (const { patient, steps } of planned) {
      const consent = steps.find((step) => step.kind === 'consent');
      const enroll = steps.find((step) => step.kind === 'enroll');
      if (!enroll) continue;
      assert.ok(consent && consent.signatureStatus === 'signed');
      assert.equal(consent.formVersion, currentConsentForm(PROTOCOL, enroll.on)!.version, 'the consent form is current at enrollment');
      assert.equal(consent.signer, patient.age < 18 ? 'guardian' : 'patient');
      assert.ok(enroll.on >= consent.on);
      months.add(enroll.on.slice(0, 7));
    }
    assert.ok(months.size >= 15, `enrolment months ${months.size}`);
    assert.ok(planned.some(({ steps }) => steps.some((step) => step.kind === 'consent' && step.formVersion === 'v2.0')), 'the amended form is used once in force');
  });

  test('an investigator overrides only the protocol\'s ALP contradiction, with the reason', () => {
    for (const { result, steps } of planned) {
      const enroll = steps.find((step) => step.kind === 'enroll');
      if (!enroll?.override) continue;
      assert.equal(enroll.by, 'investigator');
      assert.deepEqual(result.criteria.filter((criterion) => criterion.status === 'fail').map((criterion) => criterion.id), ['exc-5']);
      assert.match(enroll.override.reason, /ALP \d\.\d\d×ULN meets inclusion 2/);
    }
  });

  test('too few active sites is refused with the reason', () => {
    const few = SITES.slice(0, MIN_STAFFED_SITES); // the sponsor and four hospitals
    assert.throws(() => generateDemoRun(seededGenerator(1), { studyId: STUDY, sites: few }), (error) => error instanceof DemoInputError && /at least 5 active recruiting sites/.test(error.message));
    assert.throws(() => generateDemoRun(seededGenerator(1), { studyId: STUDY, sites: SITES, patients: 0 }), /patients: expected a whole number/);
  });
});

describe('demo strata', () => {
  const strata = [
    { key: 'diagnosisGroup', label: 'Diagnosis group', levels: [{ code: 'AA', label: 'AA' }, { code: 'OTHER_BMF', label: 'other' }] },
    { key: 'severity', label: 'Severity', levels: [{ code: 'SAA', label: 'SAA/VSAA' }, { code: 'NSAA', label: 'NSAA' }] },
  ];

  test('every patient gets a level of each stratum: AA or other, SAA (VSAA too) or NSAA', () => {
    const seen = new Set<string>();
    for (const patient of run.patients) {
      const factors = factorsFor(patient, strata);
      assert.equal(factors.diagnosisGroup, patient.diagnosis === 'aplastic-anemia' ? 'AA' : 'OTHER_BMF');
      if (patient.severity) assert.equal(factors.severity, patient.severity === 'NSAA' ? 'NSAA' : 'SAA');
      seen.add(`${factors.diagnosisGroup} ${factors.severity}`);
    }
    assert.equal(seen.size, 4, [...seen].join('; '));
  });

  test('a factor the demo does not know, or a level missing, is said', () => {
    assert.throws(() => factorsFor(run.patients[0], [{ key: 'ageGroup', label: 'Age', levels: [{ code: 'A', label: 'a' }, { code: 'B', label: 'b' }] }]), /does not know the stratum factor "ageGroup"/);
    assert.throws(() => factorsFor(run.patients[0], [{ key: 'severity', label: 'S', levels: [{ code: 'X', label: 'x' }, { code: 'Y', label: 'y' }] }]), /has no level/);
  });
});
