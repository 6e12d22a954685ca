// The study pages' pure parts in Node: routes (no identifying detail fits in one), the sponsor's chart
// data, "what needs doing", what a user's grants offer, and the dictionaries of the conduct strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsentView, ScreeningView } from '../../src/conduct/model.ts';
import { conductEn } from '../../src/web/i18n/conduct.en.ts';
import { conductZh } from '../../src/web/i18n/conduct.zh.ts';
import { matchRoute, subjectHref } from '../../src/web/shell/routes.ts';
import { countsBySite, cumulativeEnrollment, failureReasonCounts, monthSpan } from '../../src/web/study/study-charts.ts';
import { allows, isStudyWide, sitesWith, staffSites } from '../../src/web/study/permissions.ts';
import { unansweredConfirmations, workItems } from '../../src/web/study/site-work.ts';

test('study routes: the study, a new screening, a subject by its number, the audit page', () => {
  assert.deepEqual(matchRoute('/studies'), { page: 'studies' });
  assert.deepEqual(matchRoute('/studies/nct05794425'), { page: 'study', studyId: 'NCT05794425' });
  assert.deepEqual(matchRoute('/studies/NCT05794425/screenings/new'), { page: 'newScreening', studyId: 'NCT05794425' });
  assert.deepEqual(matchRoute('/studies/NCT05794425/subjects/ql01-007'), { page: 'subject', studyId: 'NCT05794425', subjectNumber: 'QL01-007' });
  assert.deepEqual(matchRoute('/studies/NCT05794425/audit/'), { page: 'studyAudit', studyId: 'NCT05794425' });
  assert.deepEqual(matchRoute('/studies/NCT0579/audit'), { page: 'notFound' });
  // A name with spaces or CJK characters cannot be a subject segment.
  assert.deepEqual(matchRoute('/studies/NCT05794425/subjects/Wang Fang'), { page: 'notFound' });
  assert.deepEqual(matchRoute('/studies/NCT05794425/subjects/李秀英'), { page: 'notFound' });
  assert.equal(subjectHref('NCT05794425', 'QL01-007'), '/studies/NCT05794425/subjects/QL01-007');
});

test('counts per site add up the outcomes; cumulative enrollment fills the months without enrollment', () => {
  const counts = countsBySite([
    { siteCode: 'A1', outcome: 'enrolled', count: 3 },
    { siteCode: 'A1', outcome: 'screen_failure', count: 2 },
    { siteCode: 'B2', outcome: 'pending', count: 1 },
  ]);
  assert.deepEqual(counts.get('A1'), { screened: 5, pending: 0, enrolled: 3, screenFailure: 2, declined: 0 });
  assert.equal(counts.get('B2')?.pending, 1);
  assert.deepEqual(monthSpan(['2026-03', '2025-11']), ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  const points = cumulativeEnrollment([
    { siteCode: 'A1', month: '2025-12', count: 2 },
    { siteCode: 'A1', month: '2026-02', count: 1 },
    { siteCode: 'B2', month: '2026-01', count: 4 },
  ]);
  assert.deepEqual(points.filter((point) => point.siteCode === 'A1').map((point) => [point.month, point.total]), [['2025-12', 2], ['2026-01', 2], ['2026-02', 3]]);
  assert.deepEqual(points.filter((point) => point.siteCode === 'B2').map((point) => [point.month, point.total]), [['2026-01', 4], ['2026-02', 4]]);
});

test('failure reasons are counted once per subject, most frequent first, screen failures only', () => {
  const reasons = failureReasonCounts([
    { outcome: 'screen_failure', failureReasons: ['inc-4', 'exc-6', 'inc-4'] },
    { outcome: 'screen_failure', failureReasons: ['inc-4 '] },
    { outcome: 'declined', failureReasons: ['exc-6'] },
  ]);
  assert.deepEqual(reasons, [{ reason: 'inc-4', count: 2 }, { reason: 'exc-6', count: 1 }]);
});

const screening = (subjectNumber: string, outcome: ScreeningView['outcome'], confirm: string[], answered: string[]): ScreeningView =>
  ({
    subjectNumber, outcome, screenedOn: '2026-03-01',
    result: { confirm: confirm.map((criterion) => ({ criterion, question: criterion })) },
    confirmations: answered.map((criterion) => ({ criterion, answer: 'yes', answeredBy: 'x', at: '2026-03-01T00:00:00Z' })),
  }) as unknown as ScreeningView;
const consent = (state: ConsentView['state'], formVersion = 'v2.0'): ConsentView => ({ id: 1, state, formVersion, signedAt: '2026-03-01T08:00:00Z' }) as ConsentView;

test('what needs doing: no outcome, unanswered confirm points, consented but not enrolled, consent on an outdated form', () => {
  assert.deepEqual(unansweredConfirmations(screening('S-001', 'pending', ['inc-6', 'inc-8'], ['inc-6'])), ['inc-8']);
  const items = workItems(
    [screening('S-001', 'pending', ['inc-8'], []), screening('S-002', 'pending', [], []), screening('S-003', 'enrolled', ['inc-8'], [])],
    new Map([['S-002', [consent('valid')]], ['S-003', [consent('outdated', 'v1.0')]]]),
  );
  assert.deepEqual(items.map((item) => `${item.subjectNumber}:${item.kind}`), ['S-001:noOutcome', 'S-001:confirmUnanswered', 'S-002:noOutcome', 'S-002:consentedNotEnrolled', 'S-003:consentOutdated']);
});

test('grants: site staff act at their sites only; study-wide roles read every site but screen nowhere', () => {
  const grants = [
    { studyId: 'NCT05794425', siteCode: 'A1', role: 'coordinator' as const, canViewAllocation: false },
    { studyId: 'NCT03055078', siteCode: null, role: 'monitor' as const, canViewAllocation: false },
  ];
  assert.deepEqual(sitesWith(grants, 'NCT05794425', 'screening.write'), ['A1']);
  assert.equal(allows(sitesWith(grants, 'NCT05794425', 'screening.write'), 'B2'), false);
  assert.deepEqual(sitesWith(grants, 'NCT05794425', 'eligibility.override'), []);
  assert.deepEqual(sitesWith(grants, 'NCT03055078', 'screening.write'), []);
  assert.equal(sitesWith(grants, 'NCT03055078', 'study.read'), 'all');
  assert.equal(isStudyWide(grants, 'NCT05794425'), false);
  assert.equal(isStudyWide(grants, 'NCT03055078'), true);
  assert.deepEqual(staffSites(grants, 'NCT05794425'), ['A1']);
});

test('every conduct string exists in both languages, with the same placeholders, and the Chinese is Chinese', () => {
  assert.deepEqual(Object.keys(conductZh).sort(), Object.keys(conductEn).sort());
  for (const [key, english] of Object.entries(conductEn)) {
    const chinese = conductZh[key as keyof typeof conductZh];
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    assert.deepEqual(names(chinese), names(english), key);
    assert.notEqual(chinese, english, `${key} is not translated`);
  }
});
