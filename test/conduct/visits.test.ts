// Visit calendars and visit records on both backends: day 0 on the enrollment date, then on the
// first dose; statuses at the window's first and last day and one day outside; every refusal writes
// nothing (row and audit counts); changes need a reason; unscheduled visits; the coordinator's list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { EligoError } from '../../src/core/problems.ts';
import { visitService } from '../../src/conduct/visits/service.ts';
import { treatmentService } from '../../src/conduct/treatment/service.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { enrolledSubject, installFollowUpStudies, monitorOfStudy } from './follow-up-fixtures.ts';
import { followUpCounts } from './follow-up-counts.ts';
import { coordinatorAt, fixedClock, screeningInput, servicesAt, SITE_A, SITE_B, STUDY } from './subject-fixtures.ts';

const at = (date: string) => new Date(`${date}T06:00:00.000Z`);

for (const backend of testBackends()) {
  describe(`${backend.name}: visit calendar and visit records`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    const clock = fixedClock(at('2026-09-02'));
    let visits: ReturnType<typeof visitService>;
    let treatment: ReturnType<typeof treatmentService>;
    const coordinator = coordinatorAt(SITE_A);

    async function refused(work: () => Promise<unknown>, expected: { kind: string; code: string; field?: string; message?: RegExp }) {
      const before = await followUpCounts(database.db);
      await assert.rejects(work, (error: unknown) => {
        assert.ok(error instanceof EligoError, String(error));
        assert.equal(error.kind, expected.kind, error.message);
        assert.equal(error.code, expected.code, error.message);
        if (expected.field) assert.equal(error.problems[0].field, expected.field);
        if (expected.message) assert.match(error.message, expected.message);
        return true;
      });
      assert.deepEqual(await followUpCounts(database.db), before, 'nothing written');
    }

    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      visits = visitService({ stores, clock });
      treatment = treatmentService({ stores, clock });
    });
    after(() => database.dispose());

    test('day 0 is the enrollment date until the first dose, then the first dose (UTC date)', async () => {
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      const first = await visits.calendar(coordinator, STUDY, subject.subjectNumber);
      assert.deepEqual(first.anchor, { date: '2026-09-01', basis: 'enrollment' });
      assert.equal(first.visits.find((v) => v.visit === 'WEEK_1')!.target, '2026-09-08');
      clock.set(at('2026-09-04'));
      await treatment.recordAdministration(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, product: 'cyclosporine A', givenAt: '2026-09-03T20:00:00+08:00', route: 'oral', dose: { value: 4, unit: 'mg/kg/day' }, weightKg: 60 });
      const moved = await visits.calendar(coordinator, STUDY, subject.subjectNumber);
      assert.deepEqual(moved.anchor, { date: '2026-09-03', basis: 'first-dose' }, '20:00 +08:00 is 12:00 UTC on the 3rd');
      const week1 = moved.visits.find((v) => v.visit === 'WEEK_1')!;
      assert.deepEqual([week1.target, week1.windowStart, week1.windowEnd], ['2026-09-10', '2026-09-08', '2026-09-12']);
    });

    test('statuses on the window boundaries: upcoming, due on the first and last day, overdue one day after', async () => {
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      const statusOn = async (date: string) => {
        clock.set(at(date));
        return (await visits.calendar(coordinator, STUDY, subject.subjectNumber)).visits.find((v) => v.visit === 'WEEK_1')!.status;
      };
      // Anchor 2026-09-01 (enrollment): WEEK_1 target 09-08, window 09-06 … 09-10.
      assert.equal(await statusOn('2026-09-05'), 'upcoming');
      assert.equal(await statusOn('2026-09-06'), 'due');
      assert.equal(await statusOn('2026-09-10'), 'due');
      assert.equal(await statusOn('2026-09-11'), 'overdue');
    });

    test('a visit done on the first and last day of its window is in window; a day outside is stored with a warning', async () => {
      clock.set(at('2026-10-01'));
      const cases: Array<[string, string, boolean]> = [['2026-09-05', 'done-out-of-window', true], ['2026-09-06', 'done-in-window', false], ['2026-09-10', 'done-in-window', false], ['2026-09-11', 'done-out-of-window', true]];
      for (const [date, status, warned] of cases) {
        const subject = await enrolledSubject(database.db, stores, SITE_A);
        const recorded = await visits.recordVisit(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitCode: 'WEEK_1', status: 'done', visitDate: date });
        assert.equal(recorded.calendar!.status, status, date);
        assert.equal(recorded.warnings.length, warned ? 1 : 0, date);
        if (warned) {
          assert.equal(recorded.warnings[0].code, 'out_of_window');
          assert.deepEqual(recorded.warnings[0].window, { start: '2026-09-06', end: '2026-09-10', target: '2026-09-08' });
          assert.match(recorded.warnings[0].message, /1 day (before|after) the window 2026-09-06 – 2026-09-10/);
        }
      }
    });

    test('each refusal writes nothing', async () => {
      clock.set(at('2026-10-01'));
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      const base = { studyId: STUDY, subjectNumber: subject.subjectNumber, visitCode: 'WEEK_1', status: 'done' as const };
      const services = servicesAt(stores, fixedClock(at('2026-09-01')));
      const screened = await services.screening.startScreening(coordinator, screeningInput(SITE_A, 'eligible', { screenedOn: '2026-09-01' }));
      await refused(() => visits.recordVisit(coordinator, { ...base, subjectNumber: screened.subjectNumber, visitDate: '2026-09-08' }), { kind: 'conflict', code: 'not_enrolled' });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitDate: '2026-08-31' }), { kind: 'invalid', code: 'date_too_early', field: 'visitDate', message: /enrollment date \(2026-09-01\)/ });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitCode: 'SCREENING', visitDate: '2026-08-20' }), { kind: 'invalid', code: 'date_too_early', field: 'visitDate', message: /screening date \(2026-09-01\)/ });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitDate: '2026-10-05' }), { kind: 'invalid', code: 'future_date', field: 'visitDate' });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitDate: '2026-09-31' }), { kind: 'invalid', code: 'invalid_date', field: 'visitDate' });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitCode: 'WEEK_3', visitDate: '2026-09-08' }), { kind: 'invalid', code: 'unknown_visit', field: 'visitCode', message: /SCREENING, BASELINE, DAY_0, WEEK_1, WEEK_2, MONTH_1, MONTH_3, MONTH_6, MONTH_12/ });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitCode: 'UNS_1', visitDate: '2026-09-08' }), { kind: 'invalid', code: 'unknown_visit', field: 'visitCode' });
      await refused(() => visits.recordVisit(coordinator, { ...base, status: 'not_done' }), { kind: 'invalid', code: 'required', field: 'reason' });
      await refused(() => visits.recordVisit(coordinatorAt(SITE_B), { ...base, visitDate: '2026-09-08' }), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      await refused(() => visits.recordVisit(monitorOfStudy(), { ...base, visitDate: '2026-09-08' }), { kind: 'forbidden', code: 'forbidden' });
      await refused(() => visits.recordUnscheduled(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitDate: '2026-08-30' }), { kind: 'invalid', code: 'date_too_early', field: 'visitDate' });
      await visits.recordVisit(coordinator, { ...base, visitDate: '2026-09-08' });
      await refused(() => visits.recordVisit(coordinator, { ...base, visitDate: '2026-09-09' }), { kind: 'invalid', code: 'required', field: 'changeReason' });
    });

    test('changing a recorded visit needs a reason and is audited old → new; a missed visit shows as not-done', async () => {
      clock.set(at('2026-10-01'));
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      const base = { studyId: STUDY, subjectNumber: subject.subjectNumber, visitCode: 'WEEK_2' };
      await visits.recordVisit(coordinator, { ...base, status: 'not_done', reason: 'patient in another city' });
      let calendar = await visits.calendar(coordinator, STUDY, subject.subjectNumber);
      assert.deepEqual([calendar.visits.find((v) => v.visit === 'WEEK_2')!.status, calendar.visits.find((v) => v.visit === 'WEEK_2')!.reason], ['not-done', 'patient in another city']);
      await visits.recordVisit(coordinator, { ...base, status: 'done', visitDate: '2026-09-15', changeReason: 'the visit took place; entered as missed by mistake' });
      calendar = await visits.calendar(coordinator, STUDY, subject.subjectNumber);
      assert.equal(calendar.visits.find((v) => v.visit === 'WEEK_2')!.status, 'done-in-window');
      const audit = await database.db.selectFrom('audit_event').selectAll().where('record_type', '=', 'subject_visit').where('record_id', '=', `${subject.subjectNumber}/WEEK_2`).orderBy('id').execute();
      assert.deepEqual(audit.map((row) => row.action), ['create', 'update']);
      assert.equal(audit[1].reason, 'the visit took place; entered as missed by mistake');
      assert.deepEqual([(audit[1].old_value as any).status, (audit[1].new_value as any).visitDate], ['not_done', '2026-09-15']);
    });

    test('unscheduled visits are numbered UNS_1, UNS_2 and listed apart', async () => {
      clock.set(at('2026-10-01'));
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      const one = await visits.recordUnscheduled(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitDate: '2026-09-03', note: 'fever' });
      const two = await visits.recordUnscheduled(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitDate: '2026-09-20' });
      assert.deepEqual([one.visitCode, two.visitCode], ['UNS_1', 'UNS_2']);
      const calendar = await visits.calendar(coordinator, STUDY, subject.subjectNumber);
      assert.deepEqual(calendar.unscheduled, [{ visitCode: 'UNS_1', visitDate: '2026-09-03', note: 'fever' }, { visitCode: 'UNS_2', visitDate: '2026-09-20', note: null }]);
      assert.ok(!calendar.visits.some((v) => v.visit.startsWith('UNS_')));
    });

    test("the coordinator's list: overdue, due within 7 days and out of window, own sites only, by target date", async () => {
      clock.set(at('2026-09-01'));
      const other = await enrolledSubject(database.db, stores, SITE_B);
      const subject = await enrolledSubject(database.db, stores, SITE_A);
      clock.set(at('2026-09-12'));
      await visits.recordVisit(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitCode: 'BASELINE', status: 'done', visitDate: '2026-09-01' });
      await visits.recordVisit(coordinator, { studyId: STUDY, subjectNumber: subject.subjectNumber, visitCode: 'DAY_0', status: 'done', visitDate: '2026-09-02' });
      const list = (await visits.attention(coordinator, STUDY)).filter((item) => item.subjectNumber === subject.subjectNumber);
      assert.deepEqual(list.map((item) => [item.visit, item.attention]), [['SCREENING', 'overdue'], ['DAY_0', 'out-of-window'], ['WEEK_1', 'overdue'], ['WEEK_2', 'due']]);
      const all = await visits.attention(coordinator, STUDY);
      assert.ok(all.every((item) => item.siteCode === SITE_A));
      assert.deepEqual(all.map((item) => item.target), [...all.map((item) => item.target)].sort());
      const monitor = await visits.attention(monitorOfStudy(), STUDY, { siteCode: SITE_B });
      assert.ok(monitor.some((item) => item.subjectNumber === other.subjectNumber) && monitor.every((item) => item.siteCode === SITE_B));
      await assert.rejects(() => visits.attention(coordinator, STUDY, { siteCode: SITE_B }), (error: EligoError) => error.kind === 'not_found');
    });
  });
}
