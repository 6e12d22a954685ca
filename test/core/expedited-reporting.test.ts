// Expedited-reporting deadlines (clinical-domain.md §9) at their boundaries: site → sponsor 24 h for
// every SAE, sponsor → authority 7 days for a fatal/life-threatening SUSAR (follow-up 8 more), 15 days
// for another SUSAR; a report is due up to and including its deadline instant, overdue after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicableClocks, isSusar, reportsDue, urgencyOf, type ReportableEvent } from '../../src/core/study/expedited-reporting.ts';

const aware = new Date('2026-09-10T08:00:00.000Z');
const at = (hours: number) => new Date(aware.getTime() + hours * 3_600_000);
const sae = (over: Partial<ReportableEvent> = {}): ReportableEvent => ({ serious: true, seriousness: ['hospitalization'], related: false, awareAt: aware, ...over });

test('a non-serious event needs no expedited report', () => {
  assert.deepEqual(reportsDue(sae({ serious: false }), aware), []);
});

test('every SAE: the site reports to the sponsor within 24 h of awareness', () => {
  const [report, ...rest] = reportsDue(sae(), at(23));
  assert.equal(rest.length, 0, 'not related: no authority report');
  assert.equal(report.recipient, 'sponsor');
  assert.equal(report.dueAt.toISOString(), '2026-09-11T08:00:00.000Z');
  assert.equal(report.status, 'due');
  assert.equal(report.hoursLeft, 1);
  assert.equal(reportsDue(sae(), at(24))[0].status, 'due', 'exactly 24 h: still due');
  assert.equal(reportsDue(sae(), at(24))[0].hoursLeft, 0);
  const late = reportsDue(sae(), new Date(at(24).getTime() + 1000))[0];
  assert.equal(late.status, 'overdue', 'one second after 24 h: overdue');
  assert.ok((late.hoursLeft as number) <= 0);
  assert.equal(reportsDue(sae(), at(30))[0].hoursLeft, -6);
});

test('a report sent at the deadline is done on time; after it, done late', () => {
  const onTime = reportsDue(sae({ reported: { sponsor: at(24) } }), at(100))[0];
  assert.deepEqual([onTime.status, onTime.late, onTime.hoursLeft], ['done', false, null]);
  const late = reportsDue(sae({ reported: { sponsor: at(24.5) } }), at(100))[0];
  assert.deepEqual([late.status, late.late], ['done', true]);
});

test('SUSAR: serious, related and not expected (unassessed counts as unexpected)', () => {
  assert.equal(isSusar({ serious: true, related: true }), true);
  assert.equal(isSusar({ serious: true, related: true, expected: false }), true);
  assert.equal(isSusar({ serious: true, related: true, expected: true }), false);
  assert.equal(isSusar({ serious: true, related: false }), false);
  assert.equal(isSusar({ serious: false, related: true }), false);
  assert.deepEqual(applicableClocks(sae({ related: true, expected: true })).map((c) => c.id), ['site_to_sponsor']);
});

test('fatal or life-threatening SUSAR: authority within 7 calendar days, follow-up within 8 more', () => {
  for (const criterion of ['death', 'life_threatening'] as const) {
    const reports = reportsDue(sae({ related: true, seriousness: [criterion, 'hospitalization'] }), at(7 * 24));
    assert.deepEqual(reports.map((r) => r.clock), ['site_to_sponsor', 'susar_fatal_or_life_threatening']);
    const authority = reports[1];
    assert.equal(authority.dueAt.toISOString(), '2026-09-17T08:00:00.000Z');
    assert.equal(authority.followUpDueAt?.toISOString(), '2026-09-25T08:00:00.000Z');
    assert.equal(authority.status, 'due', 'exactly 7 days: due');
    assert.equal(reportsDue(sae({ related: true, seriousness: [criterion] }), new Date(at(7 * 24).getTime() + 1))[1].status, 'overdue');
  }
});

test('other SUSAR: authority within 15 calendar days', () => {
  const reports = reportsDue(sae({ related: true, seriousness: ['hospitalization'] }), at(15 * 24));
  assert.equal(reports[1].clock, 'susar_other');
  assert.equal(reports[1].dueAt.toISOString(), '2026-09-25T08:00:00.000Z');
  assert.equal(reports[1].followUpDueAt, null);
  assert.equal(reports[1].status, 'due', 'exactly 15 days: due');
  assert.equal(reportsDue(sae({ related: true }), at(15 * 24 + 0.001))[1].status, 'overdue');
  assert.equal(reportsDue(sae({ related: true, reported: { sponsor: at(2), authority: at(300) } }), at(400))[1].status, 'done');
});

test('urgency: the nearest open deadline; all done sorts last', () => {
  assert.equal(urgencyOf(reportsDue(sae({ related: true }), aware)), at(24).getTime());
  assert.equal(urgencyOf(reportsDue(sae({ related: true, reported: { sponsor: at(1) } }), aware)), at(15 * 24).getTime());
  assert.equal(urgencyOf(reportsDue(sae({ reported: { sponsor: at(1) } }), aware)), Number.POSITIVE_INFINITY);
});
