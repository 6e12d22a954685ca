// bin/eligo screen against file-based trials (no database): one JSON object with --json, a
// readable report without, and one-line errors naming the problem; eligo rules refresh on PGlite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHARED_DIR } from '../support/shared.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = `${SHARED_DIR}/fixtures/patients`;
const eligo = (...args: string[]) => spawnSync('bin/eligo', args, { encoding: 'utf8', env: { ...process.env, ELIGO_DATA_DIR: 'memory://' } });

test('--json prints exactly one JSON object with the screening result', () => {
  const run = eligo('screen', '--trial', 'data/seed-trials/NCT05794425.rules.json', '--patient', `${FIXTURES}/m-no-lvef.json`, '--as-of', '2026-03-01', '--json');
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(run.stdout.trim().split('\n').length, 1);
  assert.deepEqual([result.trial, result.asOf, result.verdict], ['NCT05794425', '2026-03-01', 'incomplete']);
  assert.deepEqual(result.missing, [{ criterion: 'inc-4', what: 'left ventricular ejection fraction (LVEF) (within 90 days)', whatZh: '左心室射血分数（LVEF）（90天内）', explanation: { code: 'missing.withinWindow', params: { label: { en: 'left ventricular ejection fraction (LVEF)', zh: '左心室射血分数（LVEF）' }, window: { amount: 90, unit: 'd' } } } }]);
});

test('a trial file finds its rule set beside it; without --json the report is readable', () => {
  const run = eligo('screen', '--trial', 'data/seed-trials/NCT03055078.json', '--patient', `${FIXTURES}/p-onset-8m.json`, '--as-of', '2026-03-01');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^NCT03055078 as of 2026-03-01: INELIGIBLE/);
  assert.match(run.stdout, /FAIL {4}inc-3 +Suffering from AA within six months/);
  assert.match(run.stdout, /To confirm by the study team/);
});

test('bad input gives one line on stderr and exit code 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eligo-cli-'));
  const notFhir = join(dir, 'not-fhir.json');
  writeFileSync(notFhir, JSON.stringify({ name: 'x' }));
  const bad = eligo('screen', '--trial', 'data/seed-trials/NCT05794425.rules.json', '--patient', notFhir, '--as-of', '2026-03-01', '--json');
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^eligo: --patient .*not-fhir\.json: resourceType: expected "Bundle"/);
  const badDate = eligo('screen', '--trial', 'data/seed-trials/NCT05794425.rules.json', '--patient', `${FIXTURES}/p-ok.json`, '--as-of', '01/03/2026');
  assert.equal(badDate.status, 2);
  assert.match(badDate.stderr, /--as-of: expected a date YYYY-MM-DD/);
  const noTrial = eligo('screen', '--trial', 'nope.json', '--patient', `${FIXTURES}/p-ok.json`);
  assert.equal(noTrial.status, 2);
  assert.match(noTrial.stderr, /neither an NCT id .* nor an existing file/);
});

test('an import stores the parser reading of a trial; rules refresh then finds nothing stale', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eligo-cli-rules-'));
  const inDir = (...args: string[]) => spawnSync('bin/eligo', args, { encoding: 'utf8', env: { ...process.env, ELIGO_DATA_DIR: dataDir, DATABASE_URL: '' } });
  const record = JSON.parse(readFileSync('data/seed-trials/NCT03055078.json', 'utf8'));
  record.protocolSection.identificationModule.nctId = 'NCT09000201';
  const file = join(dataDir, 'trial.json');
  writeFileSync(file, JSON.stringify(record));
  const imported = inDir('import', 'ctgov', file, '--json');
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(JSON.parse(imported.stdout).afterImport.parsed, 1);
  const first = inDir('rules', 'refresh', '--json');
  assert.equal(first.status, 0, first.stderr);
  assert.deepEqual([JSON.parse(first.stdout).stale, JSON.parse(first.stdout).full], [0, true]);
  const readable = inDir('rules', 'refresh');
  assert.match(readable.stdout, /^0 parser rule sets stored \(0 missing or stale\) in \d+\.\d s\n$/);
  rmSync(dataDir, { recursive: true, force: true });
});
