// bin/eligo clinical grade|severity|response end to end: JSON Lines in on stdin, one JSON object per
// line out with its id, a bad line answered with {id, error} while the others go on, exit code 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

function run(command: string, lines: Array<string | object>, ...flags: string[]) {
  const input = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  const result = spawnSync('bin/eligo', ['clinical', command, ...flags], { input, encoding: 'utf8' });
  const out = result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n');
  return { status: result.status, stderr: result.stderr, lines: flags.includes('--json') ? out.map((line) => JSON.parse(line)) : out };
}

const count = (value: number, unit = '10*9/L') => ({ value, unit });

test('grade: one result per line in order, null with a reason when ungradeable, errors for bad lines, exit 1', () => {
  const result = run('grade', [
    { id: 'p1', term: 'Platelet count decreased', value: 60_000, unit: '/mm3', lln: 125, limitsUnit: '10*9/L' },
    { id: 'h1', term: 'Anemia', value: 9.5, unit: 'g/dL', lln: 13 },
    { id: 'a1', term: 'Alanine aminotransferase increased', value: 130, unit: 'U/L', uln: 40, baseline: 80 },
    { id: 'x1', term: 'Hypertension', value: 150, unit: 'mm[Hg]' },
    { id: 'bad-hb', term: 'Anemia', value: 400, unit: 'g/L', lln: 130 },
    { id: 'bad-plt', term: 'Platelet count decreased', value: -5, unit: '10*9/L' },
    'not json',
    '',
    { id: 7, term: 'INR increased', value: 1.3, unit: '{INR}' },
  ], '--json');
  assert.equal(result.status, 1);
  assert.equal(result.lines.length, 8, 'blank lines are skipped');
  assert.deepEqual(Object.keys(result.lines[0]), ['id', 'grade', 'reason']);
  assert.deepEqual(result.lines.map((line) => line.id), ['p1', 'h1', 'a1', 'x1', 'bad-hb', 'bad-plt', undefined, 7]);
  assert.deepEqual(result.lines.map((line) => line.grade), [2, 2, 1, null, undefined, undefined, undefined, 1]);
  assert.match(result.lines[3].reason, /clinical term without a laboratory rule/);
  assert.deepEqual(result.lines[4], { id: 'bad-hb', error: { field: 'value', value: 400, expected: 'a possible hemoglobin: 0–250 g/L' } });
  assert.deepEqual(result.lines[5], { id: 'bad-plt', error: { field: 'value', value: -5, expected: 'a non-negative platelet count' } });
  assert.deepEqual(result.lines[6], { error: { field: '(line)', value: 'not json', expected: 'a JSON object' } });
  assert.match(result.stderr, /line 5: value: a possible hemoglobin: 0–250 g\/L \(got 400\)/);
});

test('grade: all lines good gives exit 0; misspelt fields and wrong types are named', () => {
  const good = run('grade', [{ id: 1, term: 'Neutrophil count decreased', value: 0.4, unit: '10*3/uL' }], '--json');
  assert.equal(good.status, 0, good.stderr);
  assert.deepEqual(good.lines, [{ id: 1, grade: 4, reason: good.lines[0].reason }]);
  const bad = run('grade', [{ id: 'a', term: 'Anemia', value: '9', unit: 'g/dL' }, { id: 'b', term: 'Anemia', value: 9, unit: 'g/dL', LLN: 12 }], '--json');
  assert.equal(bad.status, 1);
  assert.deepEqual(bad.lines[0].error, { field: 'value', value: '9', expected: 'a number' });
  assert.deepEqual(bad.lines[1].error, { field: 'LLN', expected: 'no such field (check its spelling)' });
});

test('severity: {id, severity, reason} per line; an incompatible unit is an error line', () => {
  const result = run('severity', [
    { id: 's1', anc: count(150, '/uL'), platelets: count(15, '10*3/uL'), reticulocytes: count(15), reticulocyteMethod: 'manual', cellularity: 10 },
    { id: 's2', anc: count(0.3), platelets: count(10) },
    { id: 's3', anc: count(1.2), platelets: count(60_000, '/mm3') },
    { id: 's4', anc: count(0.3), platelets: count(50) },
    { id: 's5', anc: count(0.3, 'g/L'), platelets: count(10) },
    { id: 's6', anc: count(0.3), platelets: count(10), cellularity: 120 },
  ], '--json');
  assert.equal(result.status, 1);
  assert.deepEqual(result.lines.map((line) => line.severity), ['VSAA', 'SAA', 'NSAA', null, undefined, undefined]);
  assert.deepEqual(Object.keys(result.lines[0]), ['id', 'severity', 'reason']);
  assert.match(result.lines[1].reason, /blood counts alone/);
  assert.deepEqual(result.lines[4].error, { field: 'anc.unit', value: 'g/L', expected: 'absolute neutrophil count in 10*9/L or a unit convertible to it' });
  assert.deepEqual(result.lines[5].error, { field: 'cellularity', value: 120, expected: 'a percentage from 0 to 100' });
});

test('response: {id, response, reason} per line with transfusion independence from the log; readable text without --json', () => {
  const subject = {
    sex: 'female', age: 40,
    baseline: { hb: count(65, 'g/L'), anc: count(0.3), platelets: count(10), severity: 'SAA' },
    assessment: { date: '2026-06-01', hb: count(12, 'g/dL'), anc: count(1600, '/mm3'), platelets: count(155, '10*3/uL') },
  };
  const lines = [
    { id: 'r1', ...subject, transfusions: [] },
    { id: 'r2', ...subject, transfusions: [{ date: '2026-04-06', product: 'RBC', units: 2 }] },
    { id: 'r3', ...subject, transfusions: [{ date: '2026-04-05', product: 'RBC', units: 2 }] },
    { id: 'r4', ...subject, scheme: 'nih', transfusions: [] },
    { id: 'r5', ...subject },
    { id: 'r6', ...subject, transfusions: [{ date: '2026-13-01', product: 'RBC', units: 2 }] },
  ];
  const result = run('response', lines, '--json');
  assert.equal(result.status, 1);
  assert.deepEqual(result.lines.map((line) => line.response), ['complete', 'none', 'complete', 'complete', undefined, undefined]);
  assert.deepEqual(Object.keys(result.lines[0]), ['id', 'response', 'reason']);
  assert.equal(result.lines[4].error.field, 'transfusions');
  assert.deepEqual(result.lines[5].error, { field: 'transfusions.0.date', value: '2026-13-01', expected: 'a date YYYY-MM-DD' });
  const text = run('response', lines.slice(0, 1));
  assert.equal(text.status, 0);
  assert.match(text.lines[0], /^r1: complete: BSH 2016/);
});
