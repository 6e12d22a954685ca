// `eligo criteria parse` and `eligo criteria coverage` as a user runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../../support/shared.ts';

const ELIGO = join(REPO_ROOT, 'bin', 'eligo');

function eligo(args: string[], input?: string) {
  // A throwaway in-memory database: the CLI test never touches a developer's data.
  const env: NodeJS.ProcessEnv = { ...process.env, ELIGO_DATA_DIR: 'memory://' };
  delete env.DATABASE_URL;
  const run = spawnSync(ELIGO, args, { input, encoding: 'utf8', cwd: REPO_ROOT, env });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('criteria parse --json reads stdin and prints one JSON object with the issue\'s fields', () => {
  const text = 'Inclusion Criteria:\n1. Platelets ≥ 50,000/mm3\nExclusion Criteria:\n1. Total bilirubin > 1.5 × ULN';
  const run = eligo(['criteria', 'parse', '--json'], text);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const result = JSON.parse(lines[0]);
  assert.deepEqual(result.criteria.map((criterion: { kind: string; status: string }) => [criterion.kind, criterion.status]), [['inclusion', 'computable'], ['exclusion', 'computable']]);
  const platelets = result.criteria[0].rules[0];
  assert.deepEqual(
    { analyte: platelets.analyte, op: platelets.comparison.op, value: platelets.comparison.value, unit: platelets.comparison.unit },
    { analyte: 'platelets', op: '>=', value: 50000, unit: '/uL' },
  );
  assert.equal(text.slice(...(platelets.comparison.span as [number, number])), '≥ 50,000/mm3');
  assert.equal(result.criteria[1].rules[0].comparison.unit, 'xULN');
});

test('criteria parse with two files prints two JSON lines, each naming its file as given', () => {
  const directory = mkdtempSync(join(tmpdir(), 'eligo-criteria-'));
  try {
    writeFileSync(join(directory, 'a.txt'), 'Age 18-65 years');
    writeFileSync(join(directory, 'b.txt'), 'ECOG 0-1');
    const run = eligo(['criteria', 'parse', '--json', join(directory, 'a.txt'), join(directory, 'b.txt')]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((line) => line.file), [join(directory, 'a.txt'), join(directory, 'b.txt')]);
    assert.equal(lines[0].criteria[0].rules[0].type, 'age');
    assert.equal(lines[1].criteria[0].rules[0].type, 'score');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('criteria parse without --json prints a readable summary; a missing file is a one-line error', () => {
  const readable = eligo(['criteria', 'parse'], 'Hemoglobin ≥ 9 g/dL');
  assert.equal(readable.status, 0, readable.stderr);
  assert.match(readable.stdout, /inc-1 +computable/);
  assert.match(readable.stdout, /1 criteria: 1 computable/);
  const missing = eligo(['criteria', 'parse', '--json', 'no/such/file.txt']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'eligo: no/such/file.txt: no such file\n');
  const badTrial = eligo(['criteria', 'parse', '--trial', 'NCT123']);
  assert.equal(badTrial.status, 2);
  assert.match(badTrial.stderr, /--trial: expected an NCT id like NCT01234567, got "NCT123"/);
});

test('criteria parse --trial reads the trial from the registry (the seed trials are loaded on first open)', () => {
  const run = eligo(['criteria', 'parse', '--trial', 'NCT03055078', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.nctId, 'NCT03055078');
  assert.ok(result.criteria.some((criterion: { rules: Array<{ type: string }> }) => criterion.rules.some((rule) => rule.type === 'age')));
  const unknown = eligo(['criteria', 'parse', '--trial', 'NCT09999999']);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, 'eligo: --trial: no trial NCT09999999 in the registry (import it first)\n');
});

test('criteria coverage streams a gzipped JSON Lines file and counts statuses', () => {
  const directory = mkdtempSync(join(tmpdir(), 'eligo-coverage-'));
  try {
    const record = (nctId: string, criteria?: string) => JSON.stringify({ protocolSection: { identificationModule: { nctId }, eligibilityModule: criteria === undefined ? undefined : { eligibilityCriteria: criteria } } });
    const lines = [record('NCT00000001', 'Inclusion Criteria:\n- ECOG 0-1\n- Able to swallow pills\n- Owns a bicycle'), record('NCT00000002')].join('\n');
    const file = join(directory, 'trials.jsonl.gz');
    writeFileSync(file, gzipSync(lines));
    const run = eligo(['criteria', 'coverage', file, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.trials, report.trialsWithoutCriteria, report.criteria, report.computable, report.needs_review], [2, 1, 3, 2, 1]);
    // "Able to swallow pills" is wholly a question for a person: computable, but counted apart from data.
    assert.deepEqual([report.computableData, report.computableConfirmOnly], [1, 1]);
    assert.ok(report.topUnparsed.some((entry: { phrase: string }) => /bicycle/.test(entry.phrase)));
    const text = eligo(['criteria', 'coverage', file]);
    assert.match(text.stdout, /by data\s+1\s+33\.3%\n\s+confirm only\s+1\s+33\.3%/);
    assert.equal(typeof report.seconds, 'number');
    writeFileSync(join(directory, 'bad.jsonl'), '{"protocolSection": {}}\nnot json\n');
    const bad = eligo(['criteria', 'coverage', join(directory, 'bad.jsonl')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.jsonl line 2: not valid JSON/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
