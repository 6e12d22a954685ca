// The pure visit-calendar and treatment rules: not-done visits, unscheduled numbering, the earliest
// date a visit may bear, what the coordinator's list takes (7 days ahead), the out-of-window wording,
// the arm → product mapping (by code, else by the intervention text) and the treatment warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheduleOf } from '../../../src/core/study/protocol-schedule.ts';
import { attentionReason, calendarVisits, earliestVisitDate, nextUnscheduledCode, outsideWindow, unscheduledVisits } from '../../../src/core/study/visit-calendar.ts';
import { armProducts, checkTreatment } from '../../../src/core/study/treatment.ts';
import { SEED_VISITS } from '../../conduct/follow-up-fixtures.ts';

const schedule = scheduleOf({ studyId: 'NCT05794425', version: 1, visits: SEED_VISITS });

test('a visit recorded as not done shows not-done with its reason; unscheduled and unknown codes stay out of the calendar', () => {
  const visits = calendarVisits(schedule, '2026-09-01', [
    { visitCode: 'WEEK_1', status: 'not_done', visitDate: null, reason: 'in hospital elsewhere' },
    { visitCode: 'WEEK_2', status: 'done', visitDate: '2026-09-15', reason: null },
    { visitCode: 'UNS_1', status: 'done', visitDate: '2026-09-03', reason: null },
  ], '2026-09-20');
  assert.deepEqual(visits.map((v) => v.visit), SEED_VISITS.map((v) => v.code));
  const week1 = visits.find((v) => v.visit === 'WEEK_1')!;
  assert.deepEqual([week1.status, week1.reason], ['not-done', 'in hospital elsewhere']);
  assert.equal(visits.find((v) => v.visit === 'WEEK_2')!.status, 'done-in-window');
});

test('unscheduled visits are numbered after the highest one, and sorted by number', () => {
  assert.equal(nextUnscheduledCode([]), 'UNS_1');
  assert.equal(nextUnscheduledCode(['WEEK_1', 'UNS_1', 'UNS_10', 'UNS_2']), 'UNS_11');
  const sorted = unscheduledVisits(['UNS_10', 'UNS_2', 'WEEK_1'].map((visitCode) => ({ visitCode, status: 'done' as const, visitDate: '2026-09-10', reason: null })));
  assert.deepEqual(sorted.map((v) => v.visitCode), ['UNS_2', 'UNS_10']);
});

test('pre-treatment visits (window opening before day 0) may date from screening; the others from enrollment', () => {
  const dates = { screenedOn: '2026-08-20', enrolledOn: '2026-09-01' };
  const byCode = (code: string) => SEED_VISITS.find((v) => v.code === code);
  assert.deepEqual(earliestVisitDate(byCode('SCREENING'), dates), { date: '2026-08-20', what: 'the screening date' });
  assert.deepEqual(earliestVisitDate(byCode('BASELINE'), dates), { date: '2026-08-20', what: 'the screening date' });
  assert.deepEqual(earliestVisitDate(byCode('DAY_0'), dates), { date: '2026-09-01', what: 'the enrollment date' });
  assert.deepEqual(earliestVisitDate(byCode('WEEK_1'), dates), { date: '2026-09-01', what: 'the enrollment date' });
  assert.deepEqual(earliestVisitDate(undefined, dates), { date: '2026-09-01', what: 'the enrollment date' });
});

test("the coordinator's list: an upcoming visit 7 days ahead is due, 8 days ahead is not; overdue and out-of-window are listed", () => {
  const week2 = (asOf: string) => calendarVisits(schedule, '2026-09-01', [], asOf).find((v) => v.visit === 'MONTH_1')!;
  // MONTH_1: target 2026-10-01, window 09-24 … 10-08.
  assert.equal(attentionReason(week2('2026-09-16'), '2026-09-16'), undefined);
  assert.equal(attentionReason(week2('2026-09-17'), '2026-09-17'), 'due');
  assert.equal(attentionReason(week2('2026-09-24'), '2026-09-24'), 'due');
  assert.equal(attentionReason(week2('2026-10-09'), '2026-10-09'), 'overdue');
  const late = calendarVisits(schedule, '2026-09-01', [{ visitCode: 'MONTH_1', status: 'done', visitDate: '2026-10-09', reason: null }], '2026-10-20').find((v) => v.visit === 'MONTH_1')!;
  assert.equal(attentionReason(late, '2026-10-20'), 'out-of-window');
  const missed = calendarVisits(schedule, '2026-09-01', [{ visitCode: 'MONTH_1', status: 'not_done', visitDate: null, reason: 'declined' }], '2026-10-20').find((v) => v.visit === 'MONTH_1')!;
  assert.equal(attentionReason(missed, '2026-10-20'), undefined, 'a missed visit with its reason needs no more attention');
});

test('the out-of-window wording counts the days from the nearer end of the window', () => {
  const window = { windowStart: '2026-09-06', windowEnd: '2026-09-10', target: '2026-09-08' };
  assert.equal(outsideWindow(window, '2026-09-06'), undefined);
  assert.equal(outsideWindow(window, '2026-09-10'), undefined);
  assert.equal(outsideWindow(window, '2026-09-05'), '1 day before the window 2026-09-06 – 2026-09-10 (target 2026-09-08)');
  assert.equal(outsideWindow(window, '2026-09-13'), '3 days after the window 2026-09-06 – 2026-09-10 (target 2026-09-08)');
});

test("an arm's products: by code, else by the words of its intervention text", () => {
  assert.deepEqual(armProducts({ code: 'UCB_MSC', intervention: '' }), ['UCB', 'UC-MSC']);
  assert.deepEqual(armProducts({ code: 'CSA', intervention: '' }), ['cyclosporine A']);
  assert.deepEqual(armProducts({ code: 'ARM_X', intervention: 'Ciclosporin 3–5 mg/kg/day plus umbilical cord blood' }), ['UCB', 'cyclosporine A']);
  assert.deepEqual(armProducts({ code: 'ARM_Y', intervention: 'standard care' }), []);
});

test('treatment warnings: out of range, unchecked with the reason, product outside the arm', () => {
  const arm = { code: 'CSA', label: 'Cyclosporine A', intervention: 'cyclosporine A' };
  assert.deepEqual(checkTreatment({ study: 'NCT05794425', product: 'cyclosporine A', dose: { value: 4, unit: 'mg/kg/day' }, weightKg: 60, arm }).warnings, []);
  const over = checkTreatment({ study: 'NCT05794425', product: 'cyclosporine A', dose: { value: 330, unit: 'mg/day' }, weightKg: 60, arm });
  assert.deepEqual([over.doseCheck.perKg, over.warnings.map((w) => w.code)], [5.5, ['dose_out_of_range']]);
  const msc = checkTreatment({ study: 'NCT05794425', product: 'UC-MSC', dose: { value: 100, unit: '10^6 cells' }, arm });
  assert.deepEqual(msc.warnings.map((w) => w.code), ['dose_unchecked', 'product_not_in_arm']);
  assert.match(msc.warnings[0].message, /NCT05794425 has no dosing rule for UC-MSC/);
  const ucb = checkTreatment({ study: 'NCT05794425', product: 'UCB', dose: { value: 2.5e7, unit: 'cells' }, weightKg: 50, arm });
  assert.deepEqual([ucb.doseCheck.status, ucb.total, ucb.perKg], ['unchecked', 25, 0.5], 'derived without a rule');
  assert.deepEqual([checkTreatment({ study: 'NCT05794425', product: 'UCB', dose: { value: 0.5, unit: '10^6 cells/kg' } }).total], [undefined], 'no weight: no total');
});
