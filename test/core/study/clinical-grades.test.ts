// Suggested grades of clinical terms (§4c) at the blood-pressure band edges, and shift tables (§4d).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestHypertensionGrade, suggestInfusionReactionGrade } from '../../../src/core/study/clinical-grades.ts';
import { shiftTable, worseThanBaseline } from '../../../src/core/study/shifts.ts';

test('Hypertension: SBP 120–139 or DBP 80–89 G1, 140–159 / 90–99 G2, ≥ 160 / ≥ 100 G3; the higher of the two', () => {
  const grade = (s: number, d: number) => suggestHypertensionGrade(s, d).grade;
  assert.deepEqual([grade(119, 79), grade(120, 79), grade(139, 79), grade(140, 79), grade(159, 79), grade(160, 79)], [0, 1, 1, 2, 2, 3]);
  assert.deepEqual([grade(110, 80), grade(110, 89), grade(110, 90), grade(110, 99), grade(110, 100)], [1, 1, 2, 2, 3]);
  assert.equal(grade(125, 95), 2, 'diastolic decides');
  assert.match(suggestHypertensionGrade(145, 85).reason, /previously normal/);
});

test('Infusion related reaction: the most severe criterion met', () => {
  assert.equal(suggestInfusionReactionGrade({}).grade, 1);
  assert.equal(suggestInfusionReactionGrade({ interruptedOrTreated: true }).grade, 2);
  assert.equal(suggestInfusionReactionGrade({ interruptedOrTreated: true, prolongedOrRecurrentOrHospitalized: true }).grade, 3);
  assert.equal(suggestInfusionReactionGrade({ lifeThreatening: true }).grade, 4);
  assert.equal(suggestInfusionReactionGrade({ death: true, lifeThreatening: true }).grade, 5);
  assert.match(suggestInfusionReactionGrade({}).reasonZh, /输注相关反应 1 级/);
});

test('shift table: subjects by baseline grade × worst post-baseline grade; a grade no worse than baseline is no new event', () => {
  const term = 'Platelet count decreased';
  const table = shiftTable([
    { subject: 'a', term, date: '2026-01-01', grade: 4, baseline: true },
    { subject: 'a', term, date: '2026-02-01', grade: 3, baseline: false },
    { subject: 'a', term, date: '2026-03-01', grade: 4, baseline: false },
    { subject: 'b', term, date: '2026-01-01', grade: 3, baseline: true },
    { subject: 'b', term, date: '2026-02-01', grade: 1, baseline: false },
    { subject: 'c', term, date: '2026-02-01', grade: 2, baseline: false },
    { subject: 'd', term, date: '2026-01-01', grade: 4, baseline: true },
    { subject: 'a', term: 'Anemia', date: '2026-02-01', grade: 3, baseline: false },
  ], term);
  assert.equal(table.subjects, 4);
  assert.equal(table.counts['4']['4'], 1);
  assert.equal(table.counts['3']['1'], 1);
  assert.equal(table.counts.missing['2'], 1);
  assert.equal(table.counts['4'].missing, 1);
  assert.equal(worseThanBaseline(4, 4), false);
  assert.equal(worseThanBaseline(4, 3), true);
  assert.equal(worseThanBaseline(1, null), true);
  assert.equal(worseThanBaseline(null, 0), false);
});
