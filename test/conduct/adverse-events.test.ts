// Adverse events on both backends: a lab term graded from the stored result against the subject's
// baseline (CTCAE v5.0; §4d a cytopenia no worse than baseline refused as a shift), clinical terms
// graded by the site or suggested, every refusal naming the field with nothing written, serious events
// with their report deadlines (24 h to the sponsor, 15 d / 7 d for a SUSAR) due, overdue and done,
// causality changes kept to the investigator, the sponsor's side kept to safety.report, shift tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { labService } from '../../src/conduct/labs/service.ts';
import { safetyService, type SafetyService } from '../../src/conduct/safety/service.ts';
import type { AdverseEventInput } from '../../src/conduct/safety/model.ts';
import { armProducts } from '../../src/core/study/treatment.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { dataManagerOfStudy, enrolledSubject, installFollowUpStudies, monitorOfStudy, refusedWithoutWrites, type EnrolledSubject } from './follow-up-fixtures.ts';
import { coordinatorAt, fixedClock, investigatorAt, SITE_A, SITE_B, STUDY, testProtocol } from './subject-fixtures.ts';

const NOW = new Date('2026-09-10T06:00:00.000Z');
const HOUR = 3_600_000;

for (const backend of testBackends()) {
  describe(`${backend.name}: adverse events and expedited reporting`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let safety: SafetyService;
    let subject: EnrolledSubject;
    let other: EnrolledSubject;
    const coordA = coordinatorAt(SITE_A);
    const coordB = coordinatorAt(SITE_B);

    const products = (s: EnrolledSubject) => armProducts(testProtocol().arms.find((arm) => arm.code === s.arm)!);
    const relatedness = (s: EnrolledSubject, level = 'not_related') => Object.fromEntries(products(s).map((p) => [p, level]));
    const event = (extra: Partial<AdverseEventInput> = {}, s = subject): AdverseEventInput => ({
      studyId: STUDY, subjectNumber: s.subjectNumber, term: 'Fever', onsetOn: '2026-09-05', grade: 1, serious: false, relatedness: relatedness(s), actionTaken: 'dose_not_changed', outcome: 'recovering', ...extra,
    });

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      safety = safetyService({ stores, clock: fixedClock(NOW) });
      subject = await enrolledSubject(database.db, stores, SITE_A);
      other = await enrolledSubject(database.db, stores, SITE_B);
      const labs = labService({ stores, clock: fixedClock(NOW) });
      // Baseline platelets 30 ×10⁹/L (grade 3) and ALT 30 U/L (ULN 40) on day 0; two later counts.
      await labs.recordPanel(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, collectedOn: subject.enrolledOn, panel: 'cbc', results: [{ analyte: 'platelets', value: 30, unit: '10*9/L' }] });
      await labs.recordPanel(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, collectedOn: '2026-09-07', panel: 'cbc', results: [{ analyte: 'platelets', value: 20, unit: '10*9/L' }] });
      await labs.recordPanel(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, collectedOn: '2026-09-08', panel: 'cbc', results: [{ analyte: 'platelets', value: 40, unit: '10*3/uL' }] });
    });
    after(() => database?.dispose());

    const labId = async (collectedOn: string) => (await database.db.selectFrom('lab_result').select('id').where('screening_id', '=', subject.screeningId).where('collected_on', '=', collectedOn as never).executeTakeFirstOrThrow()).id;

    test('a lab term is graded from the stored result against the baseline: platelets 20 after a baseline of 30 is grade 4, computed', async () => {
      const recorded = await safety.recordAdverseEvent(coordA, event({ term: 'platelet count decreased', onsetOn: '2026-09-07', grade: undefined, labResultId: await labId('2026-09-07') }));
      assert.equal(recorded.term, 'Platelet count decreased');
      assert.equal(recorded.termZh.length > 0, true);
      assert.deepEqual([recorded.grade, recorded.gradeSource, recorded.gradeBasis?.baselineGrade, recorded.ctcaeVersion], [4, 'computed', 3, '5.0']);
      assert.match(recorded.gradeBasis!.reason, /worse than the baseline grade 3/);
      assert.equal(recorded.aeNumber, 1);
      const audit = await database.db.selectFrom('audit_event').selectAll().where('record_type', '=', 'adverse_event').where('record_id', '=', String(recorded.id)).execute();
      assert.equal(audit.length, 1);
    });

    test('§4d: platelets 40 (grade 3) with a grade-3 baseline is a shift, not a new event — refused, nothing written', async () => {
      await refusedWithoutWrites(database.db, async () => safety.recordAdverseEvent(coordA, event({ term: 'Platelet count decreased', onsetOn: '2026-09-08', grade: undefined, labResultId: await labId('2026-09-08') })), { kind: 'conflict', code: 'baseline_shift', field: 'labResultId' });
    });

    test('a grade other than the computed one needs a reason; then it is the investigator\'s grade with the computed basis kept', async () => {
      const id = await labId('2026-09-07');
      await refusedWithoutWrites(database.db, () => safety.recordAdverseEvent(coordA, event({ term: 'Platelet count decreased', onsetOn: '2026-09-07', grade: 3, labResultId: id })), { kind: 'invalid', code: 'grade_mismatch', field: 'grade' });
      const overridden = await safety.recordAdverseEvent(coordA, event({ term: 'Platelet count decreased', onsetOn: '2026-09-07', grade: 3, labResultId: id, gradeOverrideReason: 'clumped sample; manual count 28' }));
      assert.deepEqual([overridden.grade, overridden.gradeSource, overridden.gradeBasis?.grade, overridden.gradeBasis?.overrideReason], [3, 'investigator', 4, 'clumped sample; manual count 28']);
    });

    test('bad input is refused naming the field, nothing written', async () => {
      const cases: Array<[Partial<AdverseEventInput>, string, string, string?]> = [
        [{ resolvedOn: '2026-09-04' }, 'resolved_before_onset', 'resolvedOn'],
        [{ term: 'Fevr' }, 'unknown_term', 'term'],
        [{ onsetOn: '2026-08-20' }, 'date_too_early', 'onsetOn'],
        [{ onsetOn: '2027-01-01' }, 'future_date', 'onsetOn'],
        [{ serious: true, awareAt: '2026-09-06T10:00:00+08:00' }, 'seriousness_required', 'seriousness'],
        [{ serious: true, seriousness: ['hospitalization'] }, 'aware_at_required', 'awareAt'],
        [{ seriousness: ['hospitalization'] }, 'seriousness_not_serious', 'seriousness'],
        [{ serious: true, seriousness: ['bored'], awareAt: '2026-09-06T10:00:00+08:00' }, 'unknown_seriousness', 'seriousness.0'],
        [{ relatedness: {} }, 'relatedness_required', `relatedness.${products(subject)[0]}`],
        [{ relatedness: { ...relatedness(subject), aspirin: 'related' } }, 'unknown_product', 'relatedness.aspirin'],
        [{ relatedness: relatedness(subject, 'maybe') }, 'unknown_relatedness', `relatedness.${products(subject)[0]}`],
        [{ actionTaken: 'stopped' }, 'unknown_action', 'actionTaken'],
        [{ outcome: 'fine' }, 'unknown_outcome', 'outcome'],
        [{ grade: undefined }, 'grade_required', 'grade'],
        [{ grade: 6 }, 'grade_out_of_range', 'grade'],
        [{ grade: 5 }, 'grade_outcome_mismatch', 'outcome'],
        [{ outcome: 'recovered' }, 'resolution_date_required', 'resolvedOn'],
        [{ term: 'Fever', labResultId: 1 }, 'not_a_lab_term', 'labResultId'],
      ];
      for (const [extra, code, field] of cases) await refusedWithoutWrites(database.db, () => safety.recordAdverseEvent(coordA, event(extra)), { kind: 'invalid', code, field });
      // Another site's subject answers like a missing one; a monitor cannot record.
      await refusedWithoutWrites(database.db, () => safety.recordAdverseEvent(coordA, event({}, other)), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refusedWithoutWrites(database.db, () => safety.recordAdverseEvent(monitorOfStudy(), event()), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
    });

    test('hypertension is suggested from blood pressure; the site may grade otherwise', async () => {
      const suggested = await safety.recordAdverseEvent(coordA, event({ term: 'Hypertension', grade: undefined, bloodPressure: { systolic: 165, diastolic: 95 } }));
      assert.deepEqual([suggested.grade, suggested.gradeSource], [3, 'suggested']);
    });

    test('a serious event: 24 h to the sponsor from awareness, a related unexpected one also 15 days to the authority; due → overdue → done', async () => {
      const aware = new Date(NOW.getTime() - 22 * HOUR);
      const sae = await safety.recordAdverseEvent(coordA, event({ term: 'Lung infection', grade: 3, serious: true, seriousness: ['hospitalization'], awareAt: aware.toISOString(), relatedness: relatedness(subject, 'possibly') }));
      assert.deepEqual(sae.reports.map((r) => [r.clock, r.status, r.hoursLeft]), [['site_to_sponsor', 'due', 2], ['susar_other', 'due', 15 * 24 - 22]]);
      assert.equal(sae.reports[0].dueAt, new Date(aware.getTime() + 24 * HOUR).toISOString());
      const late = await safety.recordAdverseEvent(coordA, event({ term: 'Sepsis', grade: 4, serious: true, seriousness: ['life_threatening', 'hospitalization'], awareAt: new Date(NOW.getTime() - 25 * HOUR).toISOString() }));
      assert.deepEqual(late.reports.map((r) => [r.clock, r.status]), [['site_to_sponsor', 'overdue']], 'not related: no SUSAR clock');

      const list = await safety.seriousEvents(dataManagerOfStudy(), STUDY);
      assert.deepEqual(list.map((row) => [row.term, row.status]), [['Sepsis', 'overdue'], ['Lung infection', 'due']], 'most urgent first');
      assert.deepEqual(await safety.seriousEvents(coordB, STUDY), [], 'another site sees none');
      assert.deepEqual((await safety.seriousEvents(coordA, STUDY, { status: 'overdue' })).map((row) => row.term), ['Sepsis']);
      await assert.rejects(() => safety.seriousEvents(coordA, STUDY, { siteCode: 'ZZ99' }), (e: any) => e.code === 'unknown_site' && e.problems[0].value === 'ZZ99');

      // The site reports to the sponsor; the authority report and expectedness are the sponsor's.
      const sent = await safety.recordReport(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: sae.aeNumber, recipient: 'sponsor', reportedAt: NOW.toISOString() });
      assert.deepEqual(sent.reports.map((r) => [r.clock, r.status, r.late]), [['site_to_sponsor', 'done', false], ['susar_other', 'due', false]]);
      await refusedWithoutWrites(database.db, () => safety.recordReport(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: sae.aeNumber, recipient: 'authority', reportedAt: NOW.toISOString() }), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      const expected = await safety.recordReport(dataManagerOfStudy(), { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: sae.aeNumber, recipient: 'sponsor', reportedAt: NOW.toISOString(), expected: true });
      assert.deepEqual(expected.reports.map((r) => r.clock), ['site_to_sponsor'], 'an expected event is not a SUSAR');
      await refusedWithoutWrites(database.db, () => safety.recordReport(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: 1, recipient: 'sponsor', reportedAt: NOW.toISOString() }), { kind: 'conflict', code: 'not_serious', field: 'aeNumber' });
      await refusedWithoutWrites(database.db, () => safety.recordReport(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: late.aeNumber, recipient: 'sponsor', reportedAt: new Date(NOW.getTime() - 30 * HOUR).toISOString() }), { kind: 'invalid', code: 'reported_before_awareness', field: 'reportedAt' });
    });

    test('a fatal life-threatening related SUSAR is on the 7-day clock', async () => {
      const fatal = await safety.recordAdverseEvent(coordA, event({ term: 'Intracranial hemorrhage', grade: 5, outcome: 'fatal', resolvedOn: '2026-09-09', serious: true, seriousness: ['death'], awareAt: NOW.toISOString(), relatedness: relatedness(subject, 'related') }));
      assert.deepEqual(fatal.reports.map((r) => [r.clock, r.hoursLeft]), [['site_to_sponsor', 24], ['susar_fatal_or_life_threatening', 7 * 24]]);
    });

    test('a correction needs a reason and is audited; changing causality is the investigator\'s', async () => {
      const fever = await safety.recordAdverseEvent(coordA, event({ term: 'Fever', grade: 1 }));
      await refusedWithoutWrites(database.db, () => safety.correctAdverseEvent(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: fever.aeNumber, changes: { relatedness: relatedness(subject, 'possibly') }, reason: 'reassessed' }), { kind: 'forbidden', code: 'causality_needs_investigator', field: 'changes.relatedness' });
      await refusedWithoutWrites(database.db, () => safety.correctAdverseEvent(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: fever.aeNumber, changes: { grade: 2 }, reason: '' }), { kind: 'invalid', code: 'required', field: 'reason' });
      await refusedWithoutWrites(database.db, () => safety.correctAdverseEvent(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: fever.aeNumber, changes: { resolvedOn: '2026-09-01' }, reason: 'typo' }), { kind: 'invalid', code: 'resolved_before_onset', field: 'resolvedOn' });
      const regraded = await safety.correctAdverseEvent(coordA, { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: fever.aeNumber, changes: { grade: 2, resolvedOn: '2026-09-07', outcome: 'recovered' }, reason: 'temperature 39.2 °C on the chart' });
      assert.deepEqual([regraded.grade, regraded.resolvedOn, regraded.outcome], [2, '2026-09-07', 'recovered']);
      const causality = await safety.correctAdverseEvent(investigatorAt(SITE_A), { studyId: STUDY, subjectNumber: subject.subjectNumber, aeNumber: fever.aeNumber, changes: { relatedness: relatedness(subject, 'possibly') }, reason: 'onset within 24 h of the infusion' });
      assert.equal(causality.related, true);
      const audit = await database.db.selectFrom('audit_event').select(['action', 'reason']).where('record_type', '=', 'adverse_event').where('record_id', '=', String(fever.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => [a.action, a.reason]), [['create', null], ['update', 'temperature 39.2 °C on the chart'], ['update', 'onset within 24 h of the infusion']]);
      await assert.rejects(() => safety.getAdverseEvent(coordB, STUDY, subject.subjectNumber, fever.aeNumber), (e: any) => e.kind === 'not_found');
      await assert.rejects(() => safety.getAdverseEvent(coordA, STUDY, subject.subjectNumber, 999), (e: any) => e.kind === 'not_found' && e.problems[0].field === 'aeNumber');
      const listed = await safety.listAdverseEvents(monitorOfStudy(), STUDY, subject.subjectNumber);
      assert.ok(listed.length >= 5 && listed.every((e, i) => i === 0 || listed[i - 1].onsetOn <= e.onsetOn));
    });

    test('shift tables count subjects by baseline grade × worst post-baseline grade', async () => {
      const shifts = await safety.shifts(dataManagerOfStudy(), STUDY);
      const platelets = shifts.terms.find((t) => t.term === 'Platelet count decreased')!;
      assert.equal(platelets.subjects, 1);
      assert.equal(platelets.counts['3']['4'], 1, 'baseline grade 3 → worst grade 4');
      assert.deepEqual((await safety.shifts(coordB, STUDY)).terms, [], 'another site sees none');
    });
  });
}
