// The report's figures on a small hand-built study whose right answers are worked out here: the
// CONSORT counts add up, each subject is counted once per row, response rates and their exact
// intervals at the edges (0 of n, n of n), the difference between arms, worst grade per subject, a
// blinded reader, and an empty study.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLINDED_ARM, buildStudyReport, type ReportInput } from '../../../src/core/study/study-report.ts';
import { clopperPearson } from '../../../src/core/study/statistics.ts';

const ARMS = [{ code: 'A', label: 'Cells' }, { code: 'B', label: 'CsA' }];

// Site S1: 6 screened — 1 failing inc-1 and exc-2, 1 failing inc-1, 1 declined, 3 enrolled (A, A, B).
// Site S2: 4 screened — 1 pending, 3 enrolled (A, B, B). Arms: A = S1-003, S1-004, S2-002; B = S1-005, S2-003, S2-004.
const input: ReportInput = {
  studyId: 'NCT00000001', arms: ARMS, armsVisible: true, siteCode: null, asOf: '2026-12-01',
  screenings: [
    { subjectNumber: 'S1-001', siteCode: 'S1', outcome: 'screen_failure', failureReasons: ['inc-1', 'exc-2'] },
    { subjectNumber: 'S1-002', siteCode: 'S1', outcome: 'screen_failure', failureReasons: ['inc-1'] },
    { subjectNumber: 'S1-006', siteCode: 'S1', outcome: 'declined', failureReasons: [] },
    { subjectNumber: 'S1-003', siteCode: 'S1', outcome: 'enrolled', failureReasons: [] },
    { subjectNumber: 'S1-004', siteCode: 'S1', outcome: 'enrolled', failureReasons: [] },
    { subjectNumber: 'S1-005', siteCode: 'S1', outcome: 'enrolled', failureReasons: [] },
    { subjectNumber: 'S2-001', siteCode: 'S2', outcome: 'pending', failureReasons: [] },
    { subjectNumber: 'S2-002', siteCode: 'S2', outcome: 'enrolled', failureReasons: [] },
    { subjectNumber: 'S2-003', siteCode: 'S2', outcome: 'enrolled', failureReasons: [] },
    { subjectNumber: 'S2-004', siteCode: 'S2', outcome: 'enrolled', failureReasons: [] },
  ],
  enrollments: [
    { subjectNumber: 'S1-003', arm: 'A' }, { subjectNumber: 'S1-004', arm: 'A' }, { subjectNumber: 'S2-002', arm: 'A' },
    { subjectNumber: 'S1-005', arm: 'B' }, { subjectNumber: 'S2-003', arm: 'B' }, { subjectNumber: 'S2-004', arm: 'B' },
  ],
  withdrawals: [{ subjectNumber: 'S2-004', withdrawnOn: '2026-03-01', reason: 'moved away' }],
  treated: ['S1-003', 'S1-004', 'S2-002', 'S1-005', 'S2-003', 'S1-003'],
  assessments: [
    // Month 3: A all three respond (complete, partial, partial) — 3 of 3; B none of two, S2-004 not assessable.
    { subjectNumber: 'S1-003', timePoint: 'month-3', response: 'complete' },
    { subjectNumber: 'S1-004', timePoint: 'month-3', response: 'partial' },
    { subjectNumber: 'S2-002', timePoint: 'month-3', response: 'partial' },
    { subjectNumber: 'S1-005', timePoint: 'month-3', response: 'none' },
    { subjectNumber: 'S2-003', timePoint: 'month-3', response: 'none' },
    { subjectNumber: 'S2-004', timePoint: 'month-3', response: null },
    { subjectNumber: 'S1-003', timePoint: 'baseline', response: null },
  ],
  adverseEvents: [
    { subjectNumber: 'S1-003', term: 'Fever', grade: 1, serious: false },
    { subjectNumber: 'S1-003', term: 'Fever', grade: 2, serious: false },
    { subjectNumber: 'S1-004', term: 'Fever', grade: 1, serious: false },
    { subjectNumber: 'S1-005', term: 'Lung infection', grade: 3, serious: true },
    { subjectNumber: 'S1-005', term: 'Lung infection', grade: 3, serious: true },
    { subjectNumber: 'S1-001', term: 'Fever', grade: 1, serious: false }, // a screen failure's: not in the report
  ],
};

test('CONSORT: the counts add up and each subject is counted once', () => {
  const { consort } = buildStudyReport(input);
  assert.equal(consort.screened, 10);
  assert.equal(consort.screenFailures, 2);
  assert.equal(consort.declined, 1);
  assert.equal(consort.pending, 1);
  assert.equal(consort.enrolled, 6);
  assert.equal(consort.screened, consort.screenFailures + consort.declined + consort.pending + consort.enrolled);
  assert.deepEqual(consort.byArm, { A: 3, B: 3 });
  assert.deepEqual(consort.screenFailuresByReason, [{ criterion: 'inc-1', subjects: 2 }, { criterion: 'exc-2', subjects: 1 }]);
  assert.deepEqual(consort.treated, { A: 3, B: 2 }, 'S1-003 twice in the rows, once in the count');
  assert.deepEqual(consort.assessed['month-3'], { A: 3, B: 3 });
  assert.deepEqual(consort.assessed['month-6'], { A: 0, B: 0 });
  assert.deepEqual(consort.discontinued, { total: 1, byArm: { A: 0, B: 1 }, reasons: [{ reason: 'moved away', subjects: 1 }] });
});

test('enrollment and conversion by site', () => {
  assert.deepEqual(buildStudyReport(input).enrollmentBySite, [
    { siteCode: 'S1', screened: 6, enrolled: 3, conversion: 0.5 },
    { siteCode: 'S2', screened: 4, enrolled: 3, conversion: 0.75 },
  ]);
});

test('response by arm: n of n and 0 of n with their exact intervals, the unclassifiable and the unassessed beside n', () => {
  const report = buildStudyReport(input);
  const row = (arm: string, timepoint: string) => report.response.find((r) => r.arm === arm && r.timepoint === timepoint)!;
  const a3 = row('A', 'month-3');
  assert.deepEqual([a3.n, a3.complete, a3.partial, a3.overall, a3.none, a3.notAssessable, a3.notAssessed], [3, 1, 2, 3, 0, 0, 0]);
  // 3 of 3: [(0.025)^(1/3), 1]; 1 of 3 complete.
  assert.deepEqual(a3.ci95.overall, [Math.round(0.025 ** (1 / 3) * 10_000) / 10_000, 1]);
  assert.deepEqual(a3.ci95.complete, clopperPearson(1, 3)!.map((v) => Math.round(v * 10_000) / 10_000));
  assert.deepEqual(a3.subjects.complete, ['S1-003']);
  const b3 = row('B', 'month-3');
  assert.deepEqual([b3.n, b3.overall, b3.none, b3.notAssessable, b3.notAssessed], [2, 0, 2, 1, 0]);
  // 0 of 2: [0, 1 − (0.025)^(1/2)].
  assert.deepEqual(b3.ci95.overall, [0, Math.round((1 - 0.025 ** 0.5) * 10_000) / 10_000]);
  assert.deepEqual(b3.subjects.notAssessable, ['S2-004']);
  const a6 = row('A', 'month-6');
  assert.deepEqual([a6.n, a6.notAssessed, a6.ci95.overall], [0, 3, null], 'nobody assessed yet: no interval');
  const difference = report.responseDifference.find((d) => d.timepoint === 'month-3')!;
  assert.deepEqual(difference.arms, ['A', 'B']);
  assert.equal(difference.difference, 1);
  assert.ok(difference.ci95[0] > 0 && difference.ci95[1] <= 1);
  assert.equal(report.responseDifference.length, 1, 'no difference where an arm has nobody assessed');
});

test('adverse events: the worst grade per subject and term, enrolled subjects only', () => {
  const report = buildStudyReport(input);
  assert.deepEqual(report.adverseEvents, [
    { term: 'Fever', arm: 'A', grade: 1, subjects: 1 },
    { term: 'Fever', arm: 'A', grade: 2, subjects: 1 },
    { term: 'Lung infection', arm: 'B', grade: 3, subjects: 1 },
  ]);
  assert.deepEqual(report.seriousAdverseEvents, { events: 2, subjects: { A: 0, B: 1 } });
});

test('a reader who may not see the allocation gets the subjects counted together', () => {
  const report = buildStudyReport({ ...input, armsVisible: false });
  assert.deepEqual(report.consort.byArm, { [BLINDED_ARM]: 6 });
  assert.deepEqual(report.response.map((r) => r.arm), [BLINDED_ARM, BLINDED_ARM, BLINDED_ARM]);
  assert.deepEqual(report.responseDifference, []);
  assert.ok(report.notes.some((note) => /blinded/.test(note)));
});

test('a study with nobody screened yet: an empty, correct report', () => {
  const report = buildStudyReport({ ...input, screenings: [], enrollments: [], withdrawals: [], treated: [], assessments: [], adverseEvents: [] });
  assert.equal(report.consort.screened, 0);
  assert.deepEqual(report.consort.byArm, { A: 0, B: 0 });
  assert.ok(report.response.every((row) => row.n === 0 && row.ci95.overall === null));
  assert.deepEqual(report.adverseEvents, []);
  assert.deepEqual(report.enrollmentBySite, []);
});
