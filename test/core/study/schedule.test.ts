// Visit calendars and statuses at the window boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subjectCalendar, visitStatuses, type VisitSchedule } from '../../../src/core/study/schedule.ts';
import { DEFAULT_SCHEDULES, defaultSchedule } from '../../../src/core/study/default-schedules.ts';
import { EligoError } from '../../../src/core/problems.ts';

const schedule = defaultSchedule('NCT03055078') as VisitSchedule;
const status = (visit: string, asOf: string, done: Record<string, string> = {}) => visitStatuses(schedule, '2026-01-31', done, asOf).find((v) => v.visit === visit);

test('targets from the anchor date: days, weeks and calendar months (31 January + 1 month = 28 February)', () => {
  const calendar = Object.fromEntries(subjectCalendar(schedule, '2026-01-31').map((v) => [v.visit, [v.windowStart, v.target, v.windowEnd]]));
  assert.deepEqual(calendar.screening, ['2026-01-03', '2026-01-17', '2026-01-30']);
  assert.deepEqual(calendar['day-0'], ['2026-01-31', '2026-01-31', '2026-01-31']);
  assert.deepEqual(calendar['week-1'], ['2026-02-05', '2026-02-07', '2026-02-09']);
  assert.deepEqual(calendar['month-1'], ['2026-02-21', '2026-02-28', '2026-03-07']);
  assert.deepEqual(calendar['month-3'], ['2026-04-16', '2026-04-30', '2026-05-14']);
  assert.deepEqual(calendar['month-12'], ['2027-01-01', '2027-01-31', '2027-03-02']);
});

test('status on a date: upcoming before the window, due inside it (both ends), overdue the day after', () => {
  assert.equal(status('month-1', '2026-02-20')?.status, 'upcoming');
  assert.equal(status('month-1', '2026-02-21')?.status, 'due');
  assert.equal(status('month-1', '2026-03-07')?.status, 'due');
  assert.equal(status('month-1', '2026-03-08')?.status, 'overdue');
});

test('done visits: in window at either end, out of window a day outside, with days from target', () => {
  assert.equal(status('month-1', '2026-06-01', { 'month-1': '2026-02-21' })?.status, 'done-in-window');
  assert.equal(status('month-1', '2026-06-01', { 'month-1': '2026-03-07' })?.status, 'done-in-window');
  const late = status('month-1', '2026-06-01', { 'month-1': '2026-03-08' });
  assert.deepEqual([late?.status, late?.daysFromTarget], ['done-out-of-window', 8]);
  assert.equal(status('month-1', '2026-06-01', { 'month-1': '2026-02-20' })?.status, 'done-out-of-window');
});

test('bad input: a visit not in the schedule, a bad date, a schedule with duplicate visits', () => {
  assert.throws(() => visitStatuses(schedule, '2026-01-31', { 'month-2': '2026-03-31' }, '2026-04-01'), (error: unknown) => error instanceof EligoError && /done\.month-2/.test(error.message));
  assert.throws(() => subjectCalendar(schedule, '31/01/2026'), /anchorDate: the first-dose date as YYYY-MM-DD/);
  const duplicated: VisitSchedule = { ...schedule, visits: [...schedule.visits, schedule.visits[0]] };
  assert.throws(() => subjectCalendar(duplicated, '2026-01-31'), /a visit id used once/);
});

test('both seed studies have a default schedule with months 3, 6 and 12 (response time points)', () => {
  assert.deepEqual(DEFAULT_SCHEDULES.map((s) => s.study).sort(), ['NCT03055078', 'NCT05794425']);
  for (const s of DEFAULT_SCHEDULES) for (const visit of ['screening', 'baseline', 'day-0', 'month-3', 'month-6', 'month-12']) assert.ok(s.visits.some((v) => v.id === visit), `${s.id} ${visit}`);
});
