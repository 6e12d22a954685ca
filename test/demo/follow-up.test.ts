// The demo's year of follow-up without a database: the same generator gives the same plan; every step
// falls between the enrollment and the end of follow-up (yesterday, or the withdrawal), in time
// order, after the steps it refers to; the treatment is the arm's; transfusions follow the triggers;
// the courses reach (or do not reach) the response thresholds they stand for; serious events carry
// what expedited reporting needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bundleFromManualRecord } from '../../src/core/patient/manual.ts';
import { protocolSettingsSchema } from '../../src/core/study/protocol.ts';
import { parseRuleSet } from '../../src/eligibility/rule-sets.ts';
import { screenRecord } from '../../src/eligibility/screening.ts';
import { addDays } from '../../src/demo/dates.ts';
import { followUpGenerator, planFollowUp, type FollowUpPlan, type FollowUpStep, type FollowUpSubject } from '../../src/demo/follow-up.ts';
import { planSteps } from '../../src/demo/plan.ts';
import { seededGenerator } from '../../src/demo/random.ts';
import { generateDemoRun, type DemoSiteInput } from '../../src/demo/run.ts';
import { drawTrajectory, expectedCounts, TRANSFUSION_TRIGGERS } from '../../src/demo/trajectories.ts';

const STUDY = JSON.parse(readFileSync('data/studies/NCT05794425.json', 'utf8')) as { protocol: unknown; sites: Array<{ siteCode: string; status: DemoSiteInput['status']; activatedOn: string | null; targetEnrollment: number | null }> };
const PROTOCOL = protocolSettingsSchema.parse(STUDY.protocol);
const RULES = parseRuleSet(JSON.parse(readFileSync('data/seed-trials/NCT05794425.rules.json', 'utf8')), 'NCT05794425.rules.json');
const UNTIL = '2026-12-01';

const run = generateDemoRun(seededGenerator(42), { studyId: 'NCT05794425', sites: STUDY.sites, patients: 300 });
const subjects: FollowUpSubject[] = [];
for (const patient of run.patients) {
  const result = screenRecord(RULES, bundleFromManualRecord(patient.record), { asOf: patient.screenedOn });
  const steps = planSteps(patient, result, { protocol: PROTOCOL, recruitment: run.recruitment, until: UNTIL });
  const enroll = steps.find((step) => step.kind === 'enroll');
  if (!enroll) continue;
  const withdrawal = steps.find((step) => step.kind === 'withdraw');
  subjects.push({
    subjectNumber: `${patient.siteCode}-${String(subjects.length + 1).padStart(3, '0')}`, arm: subjects.length % 2 === 0 ? 'UCB_MSC' : 'CSA',
    enrolledOn: enroll.on, patient, withdrawnOn: withdrawal?.on ?? null, until: UNTIL, visits: PROTOCOL.visits,
  });
}
const plans: Array<{ subject: FollowUpSubject; plan: FollowUpPlan }> = subjects.map((subject) => ({ subject, plan: planFollowUp(followUpGenerator(42, subject.subjectNumber), subject) }));
const all = plans.flatMap(({ subject, plan }) => plan.steps.map((step) => ({ subject, step })));
const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const ofKind = <K extends FollowUpStep['kind']>(steps: readonly FollowUpStep[], kind: K) => steps.filter((step): step is Extract<FollowUpStep, { kind: K }> => step.kind === kind);

describe('demo follow-up plan', () => {
  test('enough subjects to say something, and the same generator gives the same plan', () => {
    assert.ok(subjects.length >= 80, `${subjects.length} enrolled`);
    assert.deepEqual(planFollowUp(followUpGenerator(42, subjects[0].subjectNumber), subjects[0]), plans[0].plan);
    assert.notDeepEqual(planFollowUp(followUpGenerator(43, subjects[0].subjectNumber), subjects[0]).steps, plans[0].plan.steps);
  });

  test('every step between the enrollment and the end of follow-up, in time order, by the role whose job it is', () => {
    for (const { subject, plan } of plans) {
      const end = subject.withdrawnOn && subject.withdrawnOn <= UNTIL ? addDays(subject.withdrawnOn, -1) : UNTIL;
      for (const [index, step] of plan.steps.entries()) {
        const day = beijingDay(step.at);
        assert.ok(day >= subject.enrolledOn && day <= end, `${subject.subjectNumber} ${step.kind} on ${day}: outside ${subject.enrolledOn}..${end}`);
        if (index > 0) assert.ok(plan.steps[index - 1].at.getTime() <= step.at.getTime(), `${subject.subjectNumber}: steps in time order`);
        const expected = { 'visit': 'coordinator', labs: 'coordinator', dose: 'coordinator', transfusion: 'coordinator', marrow: 'investigator', assessment: 'investigator', 'adverse-event': 'investigator', query: 'monitor', 'query-close': 'monitor', 'query-answer': 'coordinator' } as Record<string, string>;
        if (expected[step.kind]) assert.equal(step.by, expected[step.kind], `${step.kind} by ${step.by}`);
      }
      assert.ok(plan.dayZero > subject.enrolledOn, 'the first dose after the enrollment');
    }
  });

  test('a step that refers to a lab result, an adverse event or a query comes after the step that makes it', () => {
    for (const { subject, plan } of plans) {
      const made = new Set<string>();
      for (const step of plan.steps) {
        if (step.kind === 'labs') for (const result of step.results) made.add(`${step.key}:${result.analyte}`);
        if (step.kind === 'adverse-event' || step.kind === 'query') made.add(step.key);
        const lab = step.kind === 'adverse-event' || step.kind === 'query' ? step.lab : undefined;
        if (lab) assert.ok(made.has(`${lab.key}:${lab.analyte}`), `${subject.subjectNumber} ${step.kind} refers to ${lab.key}:${lab.analyte} before it exists`);
        if (['adverse-event-resolved', 'adverse-event-report', 'query-answer', 'query-close', 'query-reopen'].includes(step.kind)) assert.ok(made.has((step as { key: string }).key), `${subject.subjectNumber} ${step.kind} before its record`);
      }
    }
  });

  test('the schedule: baseline on the enrollment day, each visit once, a few missed', () => {
    let missed = 0;
    for (const { subject, plan } of plans) {
      const visits = ofKind(plan.steps, 'visit');
      const codes = [...visits.map((v) => v.visitCode), ...ofKind(plan.steps, 'visit-not-done').map((v) => v.visitCode)];
      assert.equal(new Set(codes).size, codes.length, `${subject.subjectNumber}: each visit once`);
      assert.equal(visits.find((v) => v.visitCode === 'BASELINE')?.visitDate, subject.enrolledOn);
      missed += ofKind(plan.steps, 'visit-not-done').length;
    }
    assert.ok(missed > 0 && missed < plans.length, `${missed} visits missed`);
  });

  test("the arm's treatment: UCB once and UC-MSC weekly × 3, or cyclosporine A mostly within 3–5 mg/kg/day", () => {
    let csaDoses = 0;
    let outside = 0;
    for (const { subject, plan } of plans) {
      const doses = ofKind(plan.steps, 'dose');
      assert.ok(doses.length > 0, `${subject.subjectNumber} treated`);
      if (subject.arm === 'UCB_MSC') {
        assert.ok(doses.every((dose) => dose.product === 'UCB' || dose.product === 'UC-MSC'));
        assert.equal(doses.filter((dose) => dose.product === 'UCB').length, 1);
        assert.ok(doses.filter((dose) => dose.product === 'UC-MSC').length <= 3);
        for (const dose of doses) assert.equal(dose.route, 'IV');
      } else {
        assert.ok(doses.every((dose) => dose.product === 'cyclosporine A' && dose.route === 'oral' && dose.dose.unit === 'mg/kg/day'));
        csaDoses += doses.length;
        outside += doses.filter((dose) => dose.dose.value < 3 || dose.dose.value > 5).length;
      }
    }
    assert.ok(outside > 0 && outside < csaDoses * 0.1, `${outside} of ${csaDoses} cyclosporine doses outside 3–5 mg/kg/day`);
  });

  test('transfusions only below the triggers, and the courses take the counts where their response says', () => {
    for (const { step } of all) {
      if (step.kind !== 'transfusion') continue;
      if (step.product === 'RBC') assert.ok(step.preHb!.value < TRANSFUSION_TRIGGERS.hemoglobin, `RBC at Hb ${step.preHb!.value}`);
      else assert.ok(step.prePlatelets!.value < TRANSFUSION_TRIGGERS.platelets, `platelets at ${step.prePlatelets!.value}`);
    }
    const courses = new Set(plans.map(({ plan }) => plan.course));
    assert.deepEqual([...courses].sort(), ['complete', 'none', 'partial']);
    const baseline = { hemoglobin: 60, anc: 0.2, platelets: 8, reticulocytes: 10 };
    for (let seed = 0; seed < 50; seed++) {
      const complete = expectedCounts(drawTrajectory(seededGenerator(seed), 'complete', baseline), 365);
      // BSH 2016 complete response: normal Hb, ANC > 1.5, platelets > 150 (clinical-domain.md §3a).
      assert.ok(complete.hemoglobin >= 120 && complete.anc > 1.5 && complete.platelets > 150, JSON.stringify(complete));
      const partial = expectedCounts(drawTrajectory(seededGenerator(seed), 'partial', baseline), 365);
      assert.ok(partial.hemoglobin > TRANSFUSION_TRIGGERS.hemoglobin && partial.platelets > 20 && partial.anc > 0.5 && partial.platelets < 150, JSON.stringify(partial));
      assert.deepEqual(expectedCounts(drawTrajectory(seededGenerator(seed), 'none', baseline), 365), baseline);
    }
  });

  test('adverse events: serious ones with awareness and a sponsor report after them; a lab term graded from its chemistry', () => {
    let serious = 0;
    let creatinine = 0;
    for (const { subject, plan } of plans) {
      for (const event of ofKind(plan.steps, 'adverse-event')) {
        assert.ok(event.event.onsetOn >= plan.dayZero || event.event.onsetOn >= subject.enrolledOn, 'onset after enrollment');
        if (event.event.resolvedOn) assert.ok(event.event.resolvedOn >= event.event.onsetOn);
        if (event.event.serious) {
          serious++;
          assert.ok(event.event.awareAt && event.event.seriousness && event.event.seriousness.length > 0);
          assert.ok(Date.parse(event.event.awareAt) <= event.at.getTime(), 'recorded after the site learnt of it');
          const reports = ofKind(plan.steps, 'adverse-event-report').filter((report) => report.key === event.key);
          for (const report of reports) assert.ok(report.at.getTime() > event.at.getTime() && Date.parse(report.reportedAt) >= Date.parse(event.event.awareAt));
          if (reports.some((report) => report.recipient === 'authority')) assert.ok(Object.values(event.event.relatedness).some((level) => ['related', 'probably', 'possibly'].includes(level)), 'only a related event goes to the authority');
        }
        if (event.lab) {
          creatinine++;
          const labs = ofKind(plan.steps, 'labs').find((step) => step.key === event.lab!.key)!;
          const value = labs.results.find((result) => result.analyte === 'creatinine')!.value;
          const uln = subject.patient.record.results!.find((result) => result.analyte === 'creatinine')!.uln!;
          assert.ok(value > 1.5 * uln, `creatinine ${value} above 1.5 × ULN ${uln}`);
          assert.equal(subject.arm, 'CSA');
        }
      }
    }
    assert.ok(serious > 0, 'some serious events');
    assert.ok(creatinine > 0, 'some creatinine rises');
  });
});
