// Disease assessments through the service on both backends: preview vs record, replacing needs a
// reason, refusals write nothing, the timeline's content, site isolation, the study's unknown response
// scheme, and the response summary (arms hidden in a blinded study without the allocation right).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { EligoError } from '../../src/core/problems.ts';
import { actorWith, coordinatorAt, fixedClock, installTestStudies, investigatorAt, servicesAt, SITE_A, SITE_B, STUDY, testProtocol } from './subject-fixtures.ts';
import { enrolledSubject, monitorOfStudy, refusedWithoutWrites, SEED_VISITS, type EnrolledSubject } from './follow-up-fixtures.ts';
import { insertAdverseEvent, insertCbc, insertDose, insertMarrow, insertTransfusion, insertVisit } from './follow-up-rows.ts';

const protocol = (extra = {}) => testProtocol({ responseScheme: 'bsh-2016', visits: SEED_VISITS, ...extra });

/** A severe subject at baseline who recovers to a partial response by month 3. */
async function recoveringSubject(db: Database['db'], stores: Stores, site: string): Promise<EnrolledSubject> {
  const subject = await enrolledSubject(db, stores, site);
  await insertCbc(db, subject, '2026-08-31', { hb: 62, anc: 0.3, platelets: 9, reticulocytes: 15, isBaseline: true });
  await insertMarrow(db, subject, '2026-08-25', 15);
  await insertTransfusion(db, subject, '2026-08-28', 'RBC');
  await insertDose(db, subject, '2026-09-02T02:00:00Z');
  await insertVisit(db, subject, 'DAY_0', '2026-09-02');
  await insertCbc(db, subject, '2026-09-20', { hb: 70, anc: 0.5, platelets: 15, context: { gcsf: true } });
  await insertTransfusion(db, subject, '2026-09-22', 'platelets', 1);
  await insertAdverseEvent(db, subject, 1, { term: 'Febrile neutropenia', onsetOn: '2026-09-15', resolvedOn: '2026-09-21', grade: 3, serious: true });
  await insertCbc(db, subject, '2026-11-30', { hb: 96, anc: 0.9, platelets: 45, reticulocytes: 70 });
  return subject;
}

for (const backend of testBackends()) {
  describe(`${backend.name}: disease assessments`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let subject: EnrolledSubject;
    let other: EnrolledSubject;
    const clock = fixedClock(new Date('2026-12-05T02:00:00.000Z'));
    const invA = investigatorAt(SITE_A);
    const coordB = coordinatorAt(SITE_B);

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installTestStudies(database.db, { protocol: protocol() });
      subject = await recoveringSubject(database.db, stores, SITE_A);
      other = await enrolledSubject(database.db, stores, SITE_B);
    });
    after(() => database.dispose());

    test('preview derives without saving; record stores with an audit entry; replacing needs a reason', async () => {
      const { assessments } = servicesAt(stores, clock);
      const request = { studyId: STUDY, subjectNumber: subject.subjectNumber, timePoint: 'month-3', assessedOn: '2026-12-01' };
      const preview = await assessments.preview(monitorOfStudy(), request);
      assert.equal(preview.counts?.date, '2026-11-30');
      assert.equal(preview.severity.severity, 'NSAA');
      assert.equal(preview.response?.response, 'partial', preview.response?.reason);
      assert.equal(preview.response?.transfusionIndependent, true);
      assert.equal(preview.baseline?.basis, 'flagged');
      assert.equal(preview.replaces, null);
      assert.deepEqual(await assessments.list(invA, STUDY, subject.subjectNumber), []);

      const recorded = await assessments.record(invA, { ...request, note: 'counts confirmed with the lab' });
      assert.equal(recorded.response, 'partial');
      assert.equal(recorded.note, 'counts confirmed with the lab');
      assert.equal(recorded.inputs.counts?.date, '2026-11-30');
      const audit = await database.db.selectFrom('audit_event').selectAll().where('record_type', '=', 'disease_assessment').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0].action, 'assessment.record');

      assert.equal((await assessments.preview(invA, request)).replaces?.assessedOn, '2026-12-01');
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...request, assessedOn: '2026-12-02' }), { kind: 'invalid', code: 'required', field: 'reason' });
      const replaced = await assessments.record(invA, { ...request, assessedOn: '2026-12-02', reason: 'assessed after the repeat count' });
      assert.equal(replaced.assessedOn, '2026-12-02');
      assert.equal((await assessments.list(invA, STUDY, subject.subjectNumber)).length, 1);
      const actions = (await database.db.selectFrom('audit_event').select(['action', 'reason']).where('record_type', '=', 'disease_assessment').orderBy('id').execute());
      assert.deepEqual(actions.map((a) => a.action), ['assessment.record', 'assessment.replace']);
    });

    test('refusals name the field and write nothing', async () => {
      const { assessments } = servicesAt(stores, clock);
      const ok = { studyId: STUDY, subjectNumber: subject.subjectNumber, timePoint: 'month-6', assessedOn: '2026-12-01' };
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...ok, assessedOn: '2026-08-15' }), { kind: 'invalid', code: 'date_too_early', field: 'assessedOn' });
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...ok, assessedOn: '2027-01-15' }), { kind: 'invalid', code: 'future_date', field: 'assessedOn' });
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...ok, timePoint: 'month-9' }), { kind: 'invalid', code: 'unknown_time_point', field: 'timePoint' });
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...ok, timePoint: 'other-2026-11-30' }), { kind: 'invalid', code: 'time_point_mismatch', field: 'assessedOn' });
      await refusedWithoutWrites(database.db, () => assessments.record(coordB, ok), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refusedWithoutWrites(database.db, () => assessments.preview(coordB, ok), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refusedWithoutWrites(database.db, () => assessments.record(monitorOfStudy(), ok), { kind: 'forbidden', code: 'forbidden', field: '(request)' });
      const services = servicesAt(stores, clock);
      const screened = await services.screening.startScreening(coordinatorAt(SITE_A), (await import('./subject-fixtures.ts')).screeningInput(SITE_A, 'eligible'));
      await refusedWithoutWrites(database.db, () => assessments.record(invA, { ...ok, subjectNumber: screened.subjectNumber }), { kind: 'conflict', code: 'not_enrolled', field: 'subjectNumber' });
    });

    test('the timeline has the counts with site limits, transfusions, doses, adverse events, visits, severity and response', async () => {
      const { assessments } = servicesAt(stores, clock);
      const timeline = await assessments.timeline(invA, STUDY, subject.subjectNumber);
      assert.deepEqual(timeline.dayZero, { date: '2026-09-02', basis: 'first-dose' });
      const hb = timeline.counts.find((series) => series.analyte === 'hemoglobin')!;
      assert.deepEqual(hb.points.map((p) => [p.date, p.value, p.lln, p.uln]), [['2026-08-31', 62, 115, 150], ['2026-09-20', 70, 115, 150], ['2026-11-30', 96, 115, 150]]);
      assert.equal(timeline.counts.find((series) => series.analyte === 'anc')!.points[1].gcsf, true);
      assert.deepEqual(timeline.transfusions.map((t) => [t.date, t.product]), [['2026-08-28', 'RBC'], ['2026-09-22', 'platelets']]);
      assert.equal(timeline.doses.length, 1);
      assert.deepEqual(timeline.adverseEvents.map((e) => [e.term, e.grade, e.serious]), [['Febrile neutropenia', 3, true]]);
      const day0 = timeline.visits.find((visit) => visit.visit === 'DAY_0')!;
      assert.equal(day0.status, 'done-in-window');
      assert.equal(day0.recorded, 'done');
      assert.equal(timeline.visits.find((visit) => visit.visit === 'MONTH_3')!.status, 'due');
      assert.equal(timeline.currentSeverity.asOf, '2026-11-30');
      assert.equal(timeline.currentSeverity.severity, 'NSAA');
      assert.equal(timeline.latestResponse?.response, 'partial');
      assert.equal(timeline.latestResponse?.derived, false);
      assert.equal(timeline.assessments.length, 1);
      assert.ok(!JSON.stringify(timeline).includes('Zhang Wei-Test') && !JSON.stringify(timeline).includes('1990-01-01'), 'no identity');
      await assert.rejects(assessments.timeline(coordB, STUDY, subject.subjectNumber), (error: unknown) => error instanceof EligoError && error.kind === 'not_found');
      const empty = await assessments.timeline(coordB, STUDY, other.subjectNumber);
      assert.equal(empty.currentSeverity.severity, null);
      assert.equal(empty.latestResponse, null);
    });

    test('the response summary counts per arm and time point within scope', async () => {
      const { assessments } = servicesAt(stores, clock);
      const summary = await assessments.responseSummary(monitorOfStudy(), STUDY);
      assert.equal(summary.byArm, true);
      const month3 = summary.rows.filter((row) => row.timePoint === 'month-3');
      assert.equal(month3.reduce((sum, row) => sum + row.partial, 0), 1);
      assert.equal(month3.reduce((sum, row) => sum + row.partial + row.notAssessed + row.complete + row.none, 0), 2);
      const siteB = await assessments.responseSummary(coordB, STUDY);
      assert.equal(siteB.rows.reduce((sum, row) => sum + row.partial, 0), 0, 'site A\'s response is not counted for site B');
    });
  });

  describe(`${backend.name}: disease assessments in a blinded study and with an unknown scheme`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let subject: EnrolledSubject;
    const clock = fixedClock(new Date('2026-12-05T02:00:00.000Z'));

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installTestStudies(database.db, { protocol: protocol({ blinded: true, responseScheme: 'camitta-2008' }) });
      subject = await recoveringSubject(database.db, stores, SITE_A);
    });
    after(() => database.dispose());

    test('the study\'s unknown response scheme is refused naming it; baseline severity still works', async () => {
      const { assessments } = servicesAt(stores, clock);
      await refusedWithoutWrites(database.db, () => assessments.record(investigatorAt(SITE_A), { studyId: STUDY, subjectNumber: subject.subjectNumber, timePoint: 'month-3', assessedOn: '2026-12-01' }), { kind: 'unprocessable', code: 'unknown_response_scheme', field: 'protocol.responseScheme' });
      const baseline = await assessments.record(investigatorAt(SITE_A), { studyId: STUDY, subjectNumber: subject.subjectNumber, timePoint: 'baseline', assessedOn: '2026-09-01' });
      assert.equal(baseline.severity, 'SAA');
      assert.match(baseline.severityReason, /marrow cellularity 15 %/);
    });

    test('arms are hidden without the allocation right and shown with it', async () => {
      const { assessments } = servicesAt(stores, clock);
      const blind = await assessments.responseSummary(monitorOfStudy(), STUDY);
      assert.equal(blind.byArm, false);
      assert.ok(blind.rows.every((row) => row.arm === null));
      const unblinded = await assessments.responseSummary(actorWith('sponsor-unblinded', [{ role: 'monitor', siteCode: null, canViewAllocation: true }]), STUDY);
      assert.equal(unblinded.byArm, true);
      assert.deepEqual([...new Set(unblinded.rows.map((row) => row.arm))], ['UCB_MSC', 'CSA']);
    });
  });
}
